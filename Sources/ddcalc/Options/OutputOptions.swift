import ArgumentParser

/// Where and how results are printed.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table (aligned, for people), csv or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output (atomically).", valueName: "path"))
    var out: String?
}
