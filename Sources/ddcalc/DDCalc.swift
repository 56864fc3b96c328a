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
        version: DDCalcVersion.current,
        subcommands: [Sweep.self, Point.self, Ridge.self, Sample.self, Plot.self, Merge.self, Convert.self],
        defaultSubcommand: nil
    )

    /// Runs the command and maps every failure to the documented exit codes:
    /// 0 success (and help), 2 bad input (one line on stderr), 1 anything else.
    static func main() {
        // ddcalc runs its own worker threads; OpenBLAS's would only compete with them.
        BLASThreads.useSingleThread()
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
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            fail(message(for: error), code: code == .validationFailure ? 2 : 1)
        }
    }

    private static func fail(_ message: String, code: Int32) -> Never {
        // Our own messages cut every echoed value (`Excerpt`); this also bounds ArgumentParser's.
        let line = Excerpt.of(message.split(whereSeparator: \.isNewline).joined(separator: "; "), limit: 1000)
        FileHandle.standardError.write(Data("ddcalc: error: \(line)\n".utf8))
        Foundation.exit(code)
    }
}
