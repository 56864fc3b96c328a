import DoubleDescent
import Foundation

/// A failure that is not the user's input (exit status 1); `description` is the error line.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

/// Finds and runs the installed gnuplot.
enum GnuplotRunner {
    /// What one gnuplot run left behind.
    struct Result {
        var status: Int32
        var standardError: String
    }

    /// The first executable `gnuplot` on `PATH`; an `InputError` naming the package to install if none.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw InputError("gnuplot not found on PATH; install the Debian package gnuplot-nox (apt-get install gnuplot-nox)")
    }

    /// Runs gnuplot inside `folder` on `script` (given on its standard input, so what runs is the
    /// text that was checked, not the file as it may be later), and collects what it printed on
    /// stderr (gnuplot prints warnings and errors there); its standard output passes through.
    static func run(_ gnuplot: URL, script: String, in folder: URL) throws -> Result {
        let process = Process()
        process.executableURL = gnuplot
        process.arguments = []
        process.currentDirectoryURL = folder
        let input = Pipe()
        process.standardInput = input
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw CommandFailure(description: "cannot start \(gnuplot.path): \(error.localizedDescription)")
        }
        // gnuplot reads the whole script before it draws; a writer thread keeps a large one from blocking.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(script.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardError: String(decoding: text, as: UTF8.self))
    }
}
