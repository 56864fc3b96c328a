import Foundation
import XCTest

/// No input crashes ddcalc (issue 13, item 4): every numeric flag of every command, given an extreme
/// value (zero, negative, tiny, subnormal, huge, 1e300, the largest Int, one past it), either runs
/// (exit 0) or is refused with exit 2 and one line on standard error; never a signal (a trap, 132, or an
/// abort, 134). Base commands are small (d = 3, two trials) so an accepted value still ends quickly.
final class ExtremeValueTests: XCTestCase {
    static let values = ["0", "-1", "1e-300", "5e-324", "1e9", "1e19", "1e300", "9223372036854775807",
                         "9223372036854775808", "-9223372036854775808"]

    /// (base command, its numeric flags). A flag given in the base is replaced by the extreme value.
    static let commands: [(base: [String], flags: [String])] = [
        (["point", "--d", "3", "--n", "2"], ["--d", "--n", "--wnorm", "--sigma"]),
        (["sweep", "--d", "3", "--trials", "2", "--points", "3", "--threads", "1"],
         ["--d", "--trials", "--seed", "--threads", "--points", "--n-min", "--n-max", "--ns", "--checkpoint-interval",
          "--wnorm", "--sigma", "--max-memory"]),
        (["sweep", "--vary", "d", "--d", "3", "--n", "2", "--trials", "2", "--threads", "1"],
         ["--d", "--n", "--d-min", "--d-max", "--points", "--trials", "--max-memory"]),
        (["sample", "--d", "3", "--n", "2"], ["--d", "--n", "--seed", "--wnorm", "--sigma", "--max-memory", "--draws"]),
        (["sample", "--d", "3", "--n", "2", "--design", "iid"], ["--n"]),
        (["ridge", "--d", "3", "--n", "2", "--trials", "20", "--threads", "1"],
         ["--d", "--n", "--trials", "--seed", "--threads", "--wnorm", "--sigma", "--max-memory"]),
        (["ridge", "--d", "3", "--n", "2", "--trials", "20", "--threads", "1", "--design", "iid"], ["--n"]),
    ]

    /// The runs of the issue that used to trap or abort.
    static let reported: [[String]] = [
        ["sweep", "--d", "3", "--trials", "2", "--ns", "20000000"], ["sweep", "--d", "3", "--trials", "2", "--ns", "1e12"],
        ["sweep", "--d", "3", "--trials", "2", "--n-max", "1e300", "--points", "3"], ["sample", "--d", "3", "--n", "5e7"],
        ["sample", "--d", "3", "--n", "1e19"], ["ridge", "--d", "3", "--n", "1e19"], ["sample", "--d", "100", "--n", "1e9"],
        ["ridge", "--d", "50", "--n", "1e9", "--trials", "2"], ["sweep", "--vary", "d", "--d", "3", "--n", "1e19", "--trials", "2"],
        ["sample", "--d", "3", "--n", "1e19", "--design", "iid"], ["ridge", "--d", "3", "--n", "1e19", "--design", "iid"],
    ]

    func testEveryNumericFlagTakesExtremeValuesWithoutACrash() throws {
        for (base, flags) in Self.commands {
            for flag in flags {
                for value in Self.values {
                    var arguments = base
                    if let at = arguments.firstIndex(of: flag) { arguments[at + 1] = value } else { arguments += [flag, value] }
                    try assertExitsCleanly(arguments)
                }
            }
        }
    }

    func testTheReportedCrashesAreCleanErrorsOrResults() throws {
        for arguments in Self.reported { try assertExitsCleanly(arguments) }
        // Each of them needs far more than memory or a Poisson mean beyond 2^52: refused, naming the flag.
        for arguments in Self.reported.dropFirst(3) {
            let result = try CLI.run(arguments, timeout: 30)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("--n") || result.stderrText.contains("--max-memory"), result.stderrText)
        }
    }

    /// A run beyond the machine's memory is refused even when --max-memory allows it (it used to abort
    /// on allocation): 1e12 rows of 3 features need hundreds of TiB.
    func testARunBeyondPhysicalMemoryIsRefusedWhateverTheLimit() throws {
        for arguments in [["sample", "--d", "3", "--n", "1e12"], ["ridge", "--d", "3", "--n", "1e12", "--trials", "2"],
                          ["sweep", "--d", "3", "--ns", "1e12", "--trials", "2", "--features", "uniform"]] {
            let result = try assertExitsCleanly(arguments + ["--max-memory", "16000000T"])
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("this machine's"), result.stderrText)
        }
    }

    /// A data set whose cells are 1e200 or 1e-200 (Sigma's eigenvalues overflow or underflow) is refused
    /// by name instead of trapping in the finite-population sampler; so is one at 1e100 or 1e-100, whose
    /// eigenvalues (1e200, 1e-200) leave [1e-150, 1e150]; one scaled by 1e50 or 1e-50 still runs.
    func testDataSetsWithExtremeCellsAreRefusedOrRun() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = [[1, 2], [3, 1], [-1, 5], [2, -2], [0.5, 0.25]]
        var refused = 0
        for scale in [1e300, 1e200, 1e-200, 1e-300, 1e100, 1e-100, 1e50, 1e-50, 1] {
            let name = "scaled-\(scale).csv"
            let text = rows.map { $0.map { "\($0 * scale)" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            for command in [["sweep", "--trials", "3", "--threads", "1"], ["sample", "--n", "1.5"], ["sample", "--n", "7.5"],
                            ["ridge", "--n", "1.5", "--trials", "20", "--threads", "1"], ["point", "--n", "3"]] {
                let result = try assertExitsCleanly(command + ["--data", name], in: folder)
                if abs(log10(scale)) >= 100 {
                    XCTAssertEqual(result.status, 2, "\(name): \(command)")
                    XCTAssertTrue(result.stderrText.contains(name), result.stderrText)
                    refused += 1
                } else {
                    XCTAssertEqual(result.status, 0, "\(name) \(command): \(result.stderrText)")
                }
            }
        }
        XCTAssertEqual(refused, 30)
    }

    /// Runs ddcalc and asserts exit 0, or exit 2 with one line on standard error and nothing on standard output.
    @discardableResult
    private func assertExitsCleanly(_ arguments: [String], in folder: URL? = nil,
                                    file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let result = try CLI.run(arguments, in: folder, timeout: 30, file: file, line: line)
        let command = arguments.joined(separator: " ")
        XCTAssertTrue(result.exitedNormally, "\(command): killed by signal \(result.status)", file: file, line: line)
        XCTAssertTrue([0, 2].contains(result.status), "\(command): exit \(result.status): \(result.stderrText)",
                      file: file, line: line)
        if result.status == 2 {
            let lines = result.stderrText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, 1, "\(command): \(result.stderrText)", file: file, line: line)
            XCTAssertTrue(result.stdout.isEmpty, "\(command): printed output before failing", file: file, line: line)
        }
        return result
    }
}
