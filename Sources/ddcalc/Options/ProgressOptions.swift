import ArgumentParser

/// `--quiet`: the commands that simulate report progress on standard error (see `ProgressBar`).
struct ProgressOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print no progress on standard error: no bar on a terminal, no plain lines of a long run otherwise (default: off).")
    var quiet = false

    func bar() -> ProgressBar { ProgressBar(quiet: quiet) }
}
