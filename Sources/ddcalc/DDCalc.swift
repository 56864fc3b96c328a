import ArgumentParser
import DoubleDescent
import Foundation

/// The `ddcalc` command: exact double-descent curves of the min-norm
/// least-squares estimator (Derezinski, Liang and Mahoney, NeurIPS 2020).
@main
struct DDCalc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ddcalc",
        abstract: "Exact double-descent curves of the minimum-norm least-squares estimator.",
        discussion: """
            Closed forms for the surrogate (determinantal) random design of Derezinski, Liang and \
            Mahoney (NeurIPS 2020), validated point by point by exact Monte Carlo simulation.
            Example: ddcalc sweep --d 100
            """,
        version: DDCalcVersion.text,
        subcommands: [Sweep.self, Point.self, Ridge.self, Sample.self, Plot.self, Merge.self, Convert.self],
        defaultSubcommand: nil
    )

    /// Runs the command and maps every failure to the documented exit codes:
    /// 0 success (and help), 2 bad input (one line on stderr), 1 anything else.
    static func main() {
        // ddcalc runs its own worker threads; OpenBLAS's would only compete with them.
        BLASThreads.useSingleThread()
        StandardStream.occupyClosedDescriptors()
        if let problem = ResourceLimits.descriptorProblem() { fail(problem, code: 1) }
        // A file-size limit (`ulimit -f`) then fails the write (EFBIG, reported) instead of killing the run.
        signal(SIGXFSZ, SIG_IGN)
        Interrupts.install()
        if let problem = notUTF8Argument() { fail(problem, code: 2) }
        let names = configuration.subcommands.map { $0._commandName }
        if let problem = SubcommandSuggestion.problem(Array(CommandLine.arguments.dropFirst()), subcommands: names) {
            fail(problem, code: 2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            fail(error.description, code: 2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            if let line = LibraryErrorMessage.line(for: error) { fail(line, code: 2) }
            let code = exitCode(for: error)
            if code == .success {
                do { try StandardStream.output(fullMessage(for: error) + "\n") } catch { fail("\(error)", code: 1) }
                Foundation.exit(0)
            }
            fail(message(for: error), code: code == .validationFailure ? 2 : 1)
        }
    }

    /// Paths are bytes, but Swift decodes the arguments as UTF-8 and replaces what is not with U+FFFD,
    /// which names another file: such an argument is refused, never rewritten (issue 22, item 2).
    private static func notUTF8Argument() -> String? {
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument))
            if String(validating: bytes, as: UTF8.self) == nil {
                let shown = bytes.prefix(Excerpt.limit).map { (0x20..<0x7f).contains($0) ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }.joined()
                return "argument \(index) ('\(shown)') is not UTF-8; "
                    + "ddcalc reads paths and values as UTF-8 text (rename the file)"
            }
        }
        return nil
    }

    private static func fail(_ message: String, code: Int32) -> Never {
        // Our own messages cut every echoed value (`Excerpt`); this also bounds ArgumentParser's.
        let line = Excerpt.of(message.split(whereSeparator: \.isNewline).joined(separator: "; "), limit: 1000)
        StandardStream.error("ddcalc: error: \(line)\n")
        Foundation.exit(code)
    }
}
