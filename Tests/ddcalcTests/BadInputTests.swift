import Foundation
import XCTest

/// Every error rule of docs/OUTPUT.md ("Exit codes and standard error"): a bad input exits with status 2, prints nothing on
/// standard output, prints exactly one line on standard error naming the flag or file, and leaves
/// no output file (nor a temporary one) behind.
final class BadInputTests: XCTestCase {
    /// One bad command line, run from a folder holding the input files of `fixtures`.
    struct Case {
        let label: String
        let arguments: [String]
        /// Flags and file names the error line must name.
        let names: [String]
    }

    /// Input files the cases refer to by relative path.
    static let fixtures: [String: String] = [
        "nan.txt": "1\nnan\n", "negative.txt": "1\n-2\n", "zero.txt": "1\n0\n", "word.txt": "1\nabc\n",
        "empty.txt": "",
        "nonsymmetric.csv": "1,2\n3,1\n", "indefinite.csv": "1,2\n2,1\n", "ragged.csv": "1,0\n0\n",
        "cell.csv": "1,x\n0,1\n", "identity2.csv": "1,0\n0,1\n",
        "short.txt": "1,2\n", "letters.txt": "1,a,3\n",
    ]

    /// `sweep` at d = 3 with few trials, so a case the code wrongly accepts still ends quickly.
    static func sweep(_ extra: String...) -> [String] { ["sweep", "--d", "3", "--trials", "2"] + extra }
    static func point(_ extra: String...) -> [String] { ["point", "--d", "3"] + extra }

    static let cases: [Case] = [
        Case(label: "--d 0", arguments: ["sweep", "--d", "0"], names: ["--d"]),
        Case(label: "--d negative", arguments: ["sweep", "--d", "-3"], names: ["--d"]),
        Case(label: "--d not a number", arguments: ["sweep", "--d", "abc"], names: ["--d"]),
        Case(label: "--d too large to allocate", arguments: ["point", "--d", "100000000000", "--n", "2"], names: ["--d"]),
        Case(label: "missing --d (sweep)", arguments: ["sweep", "--trials", "2"], names: ["--d"]),
        Case(label: "missing --d (point)", arguments: ["point", "--n", "2"], names: ["--d"]),
        Case(label: "--n 0", arguments: point("--n", "0"), names: ["--n"]),
        Case(label: "--n negative", arguments: point("--n", "-1"), names: ["--n"]),
        Case(label: "--n nan", arguments: point("--n", "nan"), names: ["--n"]),
        Case(label: "--n inf", arguments: point("--n", "inf"), names: ["--n"]),
        Case(label: "missing --n", arguments: point(), names: ["--n"]),
        Case(label: "--ns empty entry", arguments: sweep("--ns", "1,,2"), names: ["--ns"]),
        Case(label: "--ns not a number", arguments: sweep("--ns", "1,x"), names: ["--ns"]),
        Case(label: "--ns zero", arguments: sweep("--ns", "0"), names: ["--ns"]),
        Case(label: "--ns negative", arguments: sweep("--ns", "-1,2"), names: ["--ns"]),
        Case(label: "--ns overflow", arguments: sweep("--ns", "1e999"), names: ["--ns"]),
        Case(label: "--n-min > --n-max", arguments: sweep("--n-min", "5", "--n-max", "2"), names: ["--n-min"]),
        Case(label: "--n-max inf", arguments: sweep("--n-max", "inf"), names: ["--n-max"]),
        Case(label: "--points 0", arguments: sweep("--points", "0"), names: ["--points"]),
        Case(label: "--points too many to allocate", arguments: sweep("--points", "100000000000"), names: ["--points"]),
        Case(label: "--spectrum unknown", arguments: sweep("--spectrum", "bogus"), names: ["--spectrum"]),
        Case(label: "--spectrum linear:0", arguments: sweep("--spectrum", "linear:0"), names: ["--spectrum"]),
        Case(label: "--spectrum geometric:-1", arguments: sweep("--spectrum", "geometric:-1"), names: ["--spectrum"]),
        Case(label: "--spectrum powerlaw:abc", arguments: sweep("--spectrum", "powerlaw:abc"), names: ["--spectrum"]),
        Case(label: "spectrum file missing", arguments: ["sweep", "--spectrum", "file:missing.txt"],
             names: ["--spectrum", "missing.txt"]),
        Case(label: "spectrum file NaN", arguments: ["sweep", "--spectrum", "file:nan.txt"], names: ["--spectrum", "nan.txt"]),
        Case(label: "spectrum file negative", arguments: ["sweep", "--spectrum", "file:negative.txt"],
             names: ["--spectrum", "negative.txt"]),
        Case(label: "spectrum file zero", arguments: ["sweep", "--spectrum", "file:zero.txt"], names: ["--spectrum", "zero.txt"]),
        Case(label: "spectrum file non-numeric", arguments: ["sweep", "--spectrum", "file:word.txt"],
             names: ["--spectrum", "word.txt"]),
        Case(label: "spectrum file empty", arguments: ["sweep", "--spectrum", "file:empty.txt"], names: ["--spectrum", "empty.txt"]),
        Case(label: "covariance non-symmetric", arguments: ["sweep", "--spectrum", "covariance:nonsymmetric.csv"],
             names: ["--spectrum", "nonsymmetric.csv"]),
        Case(label: "covariance indefinite", arguments: ["sweep", "--spectrum", "covariance:indefinite.csv"],
             names: ["--spectrum", "indefinite.csv"]),
        Case(label: "covariance ragged", arguments: ["sweep", "--spectrum", "covariance:ragged.csv"],
             names: ["--spectrum", "ragged.csv"]),
        Case(label: "covariance non-numeric cell", arguments: ["sweep", "--spectrum", "covariance:cell.csv"],
             names: ["--spectrum", "cell.csv"]),
        Case(label: "covariance size disagrees with --d", arguments: sweep("--spectrum", "covariance:identity2.csv"),
             names: ["identity2.csv", "--d"]),
        Case(label: "covariance file missing", arguments: ["sweep", "--spectrum", "covariance:missing.csv"],
             names: ["--spectrum", "missing.csv"]),
        Case(label: "--wstar unknown", arguments: sweep("--wstar", "bogus"), names: ["--wstar"]),
        Case(label: "--wstar random:abc", arguments: sweep("--wstar", "random:abc"), names: ["--wstar"]),
        Case(label: "wstar file wrong length", arguments: sweep("--wstar", "file:short.txt"), names: ["--wstar", "short.txt"]),
        Case(label: "wstar file non-numeric", arguments: sweep("--wstar", "file:letters.txt"), names: ["--wstar", "letters.txt"]),
        Case(label: "wstar file missing", arguments: sweep("--wstar", "file:missing.txt"), names: ["--wstar", "missing.txt"]),
        Case(label: "--wnorm negative", arguments: sweep("--wnorm", "-1"), names: ["--wnorm"]),
        Case(label: "--wnorm nan", arguments: sweep("--wnorm", "nan"), names: ["--wnorm"]),
        Case(label: "--sigma negative", arguments: sweep("--sigma", "-1"), names: ["--sigma"]),
        Case(label: "--sigma inf", arguments: sweep("--sigma", "inf"), names: ["--sigma"]),
        Case(label: "--features unknown", arguments: sweep("--features", "bogus"), names: ["--features"]),
        Case(label: "--trials negative", arguments: ["sweep", "--d", "3", "--trials", "-1"], names: ["--trials"]),
        Case(label: "--design unknown", arguments: sweep("--design", "bogus"), names: ["--design"]),
        Case(label: "--seed negative", arguments: sweep("--seed", "-1"), names: ["--seed"]),
        Case(label: "--threads 0", arguments: sweep("--threads", "0"), names: ["--threads"]),
        Case(label: "--format unknown", arguments: sweep("--format", "bogus"), names: ["--format"]),
        Case(label: "--out into a missing folder", arguments: sweep("--out", "no-such-folder/result.csv"), names: ["--out"]),
        Case(label: "--out is a folder", arguments: sweep("--out", "."), names: ["--out"]),
        Case(label: "unknown flag", arguments: sweep("--bogus"), names: ["--bogus"]),
    ]

    func testEveryBadInputExitsTwoWithOneLineNamingTheFlagOrFile() throws {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 35)
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        for (name, text) in Self.fixtures {
            try Data(text.utf8).write(to: inputs.appendingPathComponent(name))
        }
        for badCase in Self.cases {
            // As given, and (unless it has its own --out) again writing to a file in an empty folder.
            var runs = [badCase.arguments]
            if !badCase.arguments.contains("--out") {
                runs.append(badCase.arguments + ["--out", "OUT/result.txt"])
            }
            for arguments in runs {
                let outFolder = try CLI.temporaryDirectory()
                defer { try? FileManager.default.removeItem(at: outFolder) }
                let resolved = arguments.map { $0.replacingOccurrences(of: "OUT/", with: outFolder.path + "/") }
                let result = try CLI.run(resolved, in: inputs)
                check(result, badCase, resolved.joined(separator: " "))
                XCTAssertEqual(CLI.contents(of: outFolder), [], "\(badCase.label): an output file was left behind")
                XCTAssertEqual(CLI.contents(of: inputs), Set(Self.fixtures.keys),
                               "\(badCase.label): a file was left in the working folder")
            }
        }
    }

    /// The contract's error rule for one run of `badCase`.
    private func check(_ result: CLIResult, _ badCase: Case, _ commandLine: String) {
        let context = "[\(badCase.label)] ddcalc \(commandLine)\nstderr: \(result.stderrText)"
        XCTAssertTrue(result.exitedNormally, "died by signal \(result.status): \(context)")
        XCTAssertEqual(result.status, 2, "exit status: \(context)")
        XCTAssertEqual(result.stdoutText, "", "standard output not empty: \(context)")
        let stderr = result.stderrText
        XCTAssertTrue(stderr.hasSuffix("\n") && stderr.filter(\.isNewline).count == 1,
                      "standard error is not exactly one line: \(context)")
        XCTAssertFalse(stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "empty error line: \(context)")
        for name in badCase.names {
            XCTAssertTrue(Self.line(stderr, names: name), "the error line does not name \(name): \(context)")
        }
    }

    /// True when `line` contains `name` as a whole word: `--d` is named by "--d:" or "'--d <d>'"
    /// but not by "--design".
    static func line(_ line: String, names name: String) -> Bool {
        var searchRange = line.startIndex..<line.endIndex
        while let found = line.range(of: name, range: searchRange) {
            guard found.upperBound < line.endIndex else { return true }
            let next = line[found.upperBound]
            if !(next.isLetter || next.isNumber || next == "-") { return true }
            searchRange = found.upperBound..<line.endIndex
        }
        return false
    }

    func testNamingCheckIsStrict() {
        XCTAssertTrue(Self.line("ddcalc: error: --d: must be positive", names: "--d"))
        XCTAssertTrue(Self.line("Missing value for '--d <d>'", names: "--d"))
        XCTAssertFalse(Self.line("ddcalc: error: --design: unknown", names: "--d"))
        XCTAssertFalse(Self.line("ddcalc: error: something else", names: "--d"))
    }
}
