@testable import ddcalc
import Foundation
import XCTest

/// The success paths: help, `point` output, table headers and `--out`.
final class SuccessPathTests: XCTestCase {
    /// Each subcommand's flags, and those that are required and so have no default.
    static let flags: [(command: String, flags: [String], required: Set<String>)] = [
        ("sweep", ["--d", "--spectrum", "--wstar", "--wnorm", "--sigma", "--features", "--data", "--target", "--n-min", "--n-max", "--points",
                   "--ns", "--trials", "--design", "--seed", "--threads", "--format", "--out"], []),
        ("point", ["--d", "--spectrum", "--wstar", "--wnorm", "--sigma", "--features", "--data", "--target", "--n", "--format", "--out"], ["--n"]),
        ("ridge", ["--d", "--spectrum", "--wstar", "--data", "--target", "--n", "--response", "--trials", "--design", "--seed", "--threads",
                   "--format", "--out"], ["--n"]),
        ("sample", ["--d", "--spectrum", "--wstar", "--data", "--target", "--n", "--design", "--draws", "--format", "--seed", "--out"],
         ["--n"]),
        ("plot", ["--label", "--out"], []),
    ]

    func testHelpShowsEveryFlagWithItsDefaultAndAnExample() throws {
        for (command, flags, required) in Self.flags {
            let result = try CLI.run([command, "--help"])
            XCTAssertEqual(result.status, 0, "\(command) --help: \(result.stderrText)")
            XCTAssertEqual(result.stderrText, "", "\(command) --help")
            XCTAssertTrue(result.stdoutText.contains("Example: ddcalc \(command) "), "\(command) --help has no example")
            let entries = Self.optionEntries(result.stdoutText)
            for flag in flags {
                XCTAssertNotNil(entries[flag], "\(command) --help does not show \(flag)")
            }
            for (flag, text) in entries where !["--help", "--version"].contains(flag) && !required.contains(flag) {
                XCTAssertTrue(text.contains("default:"), "\(command) --help shows no default for \(flag): \(text)")
            }
        }
    }

    /// The overview and discussion of every help text are prose: no run of spaces inside a line, as a
    /// multi-line string's indentation leaks when a line break is lost.
    func testHelpProseHasNoRunsOfSpaces() throws {
        for command in [[], ["sweep"], ["point"], ["ridge"], ["sample"], ["plot"], ["merge"]] {
            let result = try CLI.run(command + ["--help"])
            XCTAssertEqual(result.status, 0, "\(command) --help: \(result.stderrText)")
            let prose = result.stdoutText.components(separatedBy: "USAGE:").first ?? ""
            for line in prose.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).contains("  ") {
                XCTFail("\(command) --help: a run of spaces in '\(line)'")
            }
        }
    }

    /// The OPTIONS section of a help text as flag -> its whole entry, wrapped lines joined.
    static func optionEntries(_ help: String) -> [String: String] {
        var entries: [String: String] = [:]
        var current: String?
        // Every options section: OPTIONS, and the titled groups of `sweep` (MODEL ..., OUTPUT, ...).
        let section = help.components(separatedBy: "USAGE:").dropFirst().first ?? ""
        for line in section.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if !line.hasPrefix(" ") {
                current = nil
            } else if line.hasPrefix("  -") {
                // "--wnorm <wnorm>   Norm ..." or "-h, --help   Show ...": the entry's long flag.
                current = text.split(separator: " ").map { $0.trimmingCharacters(in: [","]) }.first { $0.hasPrefix("--") }
                if let current { entries[current] = text }
            } else if let current {
                entries[current, default: ""] += " " + text
            }
        }
        return entries
    }

    /// Issue 25, item 7: `sweep --help` groups its options under titles and states the grammar of
    /// the spectrum and w* specs.
    func testSweepHelpGroupsItsOptionsAndStatesTheGrammar() throws {
        let help = try CLI.run(["sweep", "--help"]).stdoutText
        let titles = help.split(separator: "\n").filter { $0.hasSuffix(":") && $0.uppercased() == $0 && !$0.hasPrefix(" ") }
        XCTAssertEqual(titles, ["MODEL (SIGMA, W*, NOISE, FEATURES):", "GRID (WHICH N, OR WHICH D WITH --VARY D):", "MONTE CARLO:",
                                "QUANTITY:", "RIDGE PENALTY:", "LONG RUNS (SHARDS, CHECKPOINTS, MEMORY):", "OUTPUT:", "THEOREM 2 CHECK:", "PROGRESS:",
                                "OPTIONS:"])
        let flat = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for phrase in ["linear:K or geometric:K (from 1 down to 1/K, evenly or geometrically spaced: condition number K >= 1)",
                       "powerlaw:A (s_i = i^-A, A >= 0)", "random[:SEED] (a uniformly random direction)",
                       "top or bottom (the eigenvector of the largest or smallest eigenvalue)"] {
            XCTAssertTrue(flat.contains(phrase), phrase)
        }
    }

    func testPointJSONHasTheClosedFormKeys() throws {
        for (n, lambdaIsNull) in [("2", false), ("6.5", true)] {
            let result = try CLI.run(["point", "--d", "4", "--n", n, "--spectrum", "linear:4", "--format", "json"])
            XCTAssertEqual(result.status, 0, result.stderrText)
            XCTAssertEqual(result.stderrText, "")
            let point = try CLI.jsonObject(result.stdout)
            for key in contractClosedFormKeys {
                XCTAssertNotNil(point[key], "point --n \(n) lacks \(key)")
            }
            XCTAssertEqual(point["n"] as? Double, Double(n))
            XCTAssertEqual(point["ratio"] as? Double, Double(n)! / 4)
            XCTAssertNotNil(point["theory_mse"] as? Double, "point --n \(n): theory_mse must be a number")
            XCTAssertEqual(point["lambda"] is NSNull, lambdaIsNull, "point --n \(n): lambda is null exactly for n >= d")
        }
    }

    func testTableStartsWithAHeaderNamingTheModel() throws {
        let model = ["--d", "4", "--spectrum", "geometric:10", "--wstar", "top", "--sigma", "0.5"]
        let sweep = try CLI.run(["sweep"] + model + ["--ns", "2,6", "--trials", "5"])
        XCTAssertEqual(sweep.status, 0, sweep.stderrText)
        let lines = sweep.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("# ddcalc \(DDCalcVersion.current) sweep: ") ?? false, "no title: \(sweep.stdoutText)")
        let header = lines.prefix { $0.hasPrefix("#") }.joined(separator: "\n")
        for echo in ["d = 4", "spectrum = geometric:10", "wstar = top", "sigma = 0.5", "trials = 5"] {
            XCTAssertTrue(header.contains(echo), "sweep table header lacks '\(echo)': \(header)")
        }
        XCTAssertEqual(lines.count, header.split(separator: "\n").count + 3, "column titles and two rows")

        let point = try CLI.run(["point"] + model + ["--n", "3"])
        XCTAssertEqual(point.status, 0, point.stderrText)
        XCTAssertTrue(point.stdoutText.hasPrefix("# ddcalc \(DDCalcVersion.current) point: "), "no title: \(point.stdoutText)")
        let pairs = point.stdoutText.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        for echo in ["d 4", "spectrum geometric:10", "wstar top", "sigma 0.5"] {
            XCTAssertTrue(pairs.contains(echo), "point table lacks '\(echo)': \(point.stdoutText)")
        }
    }

    func testOutWritesTheFileAtomicallyAndPrintsNothing() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let commands = [
            ["sweep", "--d", "4", "--ns", "2,3,6", "--trials", "20", "--format", "csv"],
            ["sweep", "--d", "4", "--ns", "2,3,6", "--trials", "20", "--format", "json"],
            ["sweep", "--d", "4", "--ns", "2,3,6", "--trials", "20"],
            ["point", "--d", "4", "--n", "3", "--format", "json"],
        ]
        for command in commands {
            let expected = try CLI.run(command)
            XCTAssertEqual(expected.status, 0, expected.stderrText)
            XCTAssertFalse(expected.stdout.isEmpty)

            // An older file at the path is replaced by a new one (a rename), never rewritten in place.
            let file = folder.appendingPathComponent("result.out")
            try Data("old contents\n".utf8).write(to: file)
            let oldInode = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? UInt64
            let result = try CLI.run(command + ["--out", file.path])
            let label = command.joined(separator: " ")
            XCTAssertEqual(result.status, 0, "\(label): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "", "\(label) --out printed to standard output")
            XCTAssertEqual(result.stderrText, "", "\(label) --out printed to standard error")
            XCTAssertEqual(try Data(contentsOf: file), expected.stdout, "\(label): the file differs from standard output")
            let newInode = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? UInt64
            XCTAssertNotNil(newInode)
            XCTAssertNotEqual(newInode, oldInode, "\(label): the file was rewritten in place, not renamed over")
            XCTAssertEqual(CLI.contents(of: folder), ["result.out"], "\(label): a temporary file was left behind")
        }
    }
}
