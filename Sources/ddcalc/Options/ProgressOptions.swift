import ArgumentParser

/// `--quiet`: the commands that simulate report progress on standard error (see `ProgressBar`).
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Print no progress on standard error: neither the bar on a terminal nor the plain lines a long run prints otherwise (every 30 s).")
    var quiet = false

    func bar() -> ProgressBar { ProgressBar(quiet: quiet) }
}
