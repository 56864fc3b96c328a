import ArgumentParser
import Foundation

/// Where and how results are printed.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table (aligned, for people), csv or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output, atomically (default: standard output).",
                               valueName: "path"))
    var out: String?

    /// Refuses an unusable `--out` before any work is done (`OutputSink` checks again when writing).
    func validate() throws {
        guard let out else { return }
        guard !out.isEmpty else { throw ValidationError("--out: the path is empty") }
        var isDirectory: ObjCBool = false
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--out: folder '\(folder)' does not exist")
        }
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--out: '\(out)' is a directory, not a file")
        }
    }
}
