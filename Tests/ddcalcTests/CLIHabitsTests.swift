@testable import ddcalc
import DoubleDescent
import Foundation
import XCTest

/// Issue 15, item 1: the habits of a command-line tool (--version, a mistyped subcommand, short
/// options, help text, shell completion).
final class CLIHabitsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testVersionIsPrintedAndStampedOnTheOutputs() throws {
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.status, 0)
        let lines = version.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "ddcalc " + DDCalcVersion.current)
        XCTAssertEqual(lines.count, 2, version.stdoutText)
        XCTAssertTrue(lines[1].hasPrefix("bits version \(SweepInputs.bitsVersion) (\(SweepInputs.architecture)): "), lines[1])
        XCTAssertTrue(lines[1].contains(NumericalBackend.summary), lines[1])
        XCTAssertTrue(DDCalcVersion.current.split(separator: ".").count == 3 && DDCalcVersion.current.allSatisfy { $0.isNumber || $0 == "." })

        let sweep = ["sweep", "--d", "4", "--ns", "2,6", "--trials", "4", "--threads", "1"]
        for arguments in [sweep, ["point", "--d", "4", "--n", "2"], ["ridge", "--d", "3", "--n", "2", "--trials", "20", "--threads", "1"]] {
            let json = try CLI.jsonObject(try CLI.run(arguments + ["--format", "json"]).stdout)
            XCTAssertEqual(json["ddcalc_version"] as? String, DDCalcVersion.current, "\(arguments[0]) json")
            XCTAssertEqual(json["bits_version"] as? Int, SweepInputs.bitsVersion, "\(arguments[0]) json")
            XCTAssertEqual(json["numerics"] as? String, NumericalBackend.summary + ", " + SweepInputs.architecture,
                           "\(arguments[0]) json")
            let table = try CLI.run(arguments).stdoutText
            XCTAssertTrue(table.hasPrefix("# ddcalc \(DDCalcVersion.current) \(arguments[0])"), "\(arguments[0]) table: \(table.prefix(80))")
        }
        // Not in csv: scripts read its first line as the header.
        XCTAssertTrue(try CLI.run(sweep + ["--format", "csv"]).stdoutText.hasPrefix("n,ratio,"))

        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = folder.appendingPathComponent("fig").path
        XCTAssertEqual(try CLI.run(sweep + ["--format", "gnuplot", "--out", export]).status, 0)
        let script = try String(contentsOfFile: export + "/sweep.gp", encoding: .utf8)
        XCTAssertTrue(script.hasPrefix("# ddcalc \(DDCalcVersion.current) sweep, drawn by gnuplot"), String(script.prefix(80)))
        // The script is made from the export's data alone: read back, the data give the same script.
        let regenerated = GnuplotExport.script(try SweepExport.read(export), to: .files(png: "sweep.png", svg: "sweep.svg"))
        XCTAssertEqual(regenerated, script)
    }

    func testAMistypedSubcommandNamesTheRightOne() throws {
        for arguments in [["swep", "--d", "10"], ["help", "swep"], ["sweeep"], ["ridg", "--n", "3"]] {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.stdoutText, "")
            let expected = arguments[0] == "ridg" ? "ridge" : "sweep"
            let typed = arguments[0] == "help" ? arguments[1] : arguments[0]
            XCTAssertEqual(result.stderrText, "ddcalc: error: Unknown subcommand '\(typed)'. Did you mean '\(expected)'?\n")
        }
        let unknown = try CLI.run(["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderrText.contains("Unknown subcommand 'frobnicate' (the subcommands are sweep, point, ridge, sample, plot, merge, convert, gcv)"),
                      unknown.stderrText)
        let help = try CLI.run(["help", "sweep"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdoutText.contains("USAGE: ddcalc sweep"))
        XCTAssertEqual(SubcommandSuggestion.editDistance("swep", "sweep"), 1)
        XCTAssertEqual(SubcommandSuggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(SubcommandSuggestion.editDistance("pint", "point"), 1)
        XCTAssertEqual(SubcommandSuggestion.editDistance("kitten", "sitting"), 3)
    }

    func testShortOptions() throws {
        let sweep = ["sweep", "--d", "4", "--ns", "2,6", "--trials", "8", "--format", "csv"]
        let long = try CLI.run(sweep + ["--threads", "1", "--quiet"])
        let short = try CLI.run(sweep + ["-j", "1", "-q"])
        XCTAssertEqual(short.status, 0, short.stderrText)
        XCTAssertEqual(short.stdout, long.stdout)
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["point", "--d", "4", "--n", "2"], sweep, ["ridge", "--d", "3", "--n", "2", "--trials", "20", "-j", "1"]] {
            let file = folder.appendingPathComponent("\(command[0]).out")
            let result = try CLI.run(command + ["-o", file.path])
            XCTAssertEqual(result.status, 0, result.stderrText)
            XCTAssertEqual(result.stdoutText, "")
            XCTAssertEqual(try Data(contentsOf: file), try CLI.run(command).stdout, "\(command[0]) -o")
        }
        let bad = try CLI.run(sweep + ["-j", "0"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderrText.contains("--threads"), bad.stderrText)
    }

    /// One error for gnuplot where it is not available, whether or not --out is given.
    func testGnuplotIsRefusedOnceByPointAndRidge() throws {
        for command in [["point", "--d", "3", "--n", "2"], ["ridge", "--d", "3", "--n", "2"]] {
            for out in [[], ["--out", "dir"]] {
                let result = try CLI.run(command + ["--format", "gnuplot"] + out)
                XCTAssertEqual(result.status, 2)
                XCTAssertEqual(result.stderrText, "ddcalc: error: --format gnuplot: only sweep, merge and gcv write gnuplot exports; "
                    + "use table, csv or json for \(command[0])\n")
            }
        }
        let sweep = try CLI.run(["sweep", "--d", "3", "--format", "gnuplot"])
        XCTAssertEqual(sweep.status, 2)
        XCTAssertTrue(sweep.stderrText.contains("--format gnuplot: needs --out DIR"), sweep.stderrText)
    }

    /// Every option of every subcommand's help: one default at most, no run of spaces inside its text.
    func testHelpTextsHaveNoLeakedIndentationOrDoubleDefaults() throws {
        for command in ["sweep", "point", "ridge", "sample", "plot", "merge", "gcv"] {
            let help = try CLI.run([command, "--help"])
            XCTAssertEqual(help.status, 0)
            var entries: [String] = []
            for line in help.stdoutText.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("  -") || line.hasPrefix("  <") { entries.append(String(line)) }
                else if line.hasPrefix("                          "), !entries.isEmpty {
                    entries[entries.count - 1] += " " + line.drop { $0 == " " }
                } else if !line.hasPrefix(" ") { entries.append("") }
            }
            for entry in entries where !entry.isEmpty {
                let text = entry.dropFirst(26)
                XCTAssertFalse(text.contains("   "), "\(command) --help: leaked indentation in '\(entry)'")
                XCTAssertLessThanOrEqual(text.components(separatedBy: "(default").count - 1, 1, "\(command) --help: '\(entry)'")
            }
            XCTAssertFalse(help.stdoutText.contains("sweep only"), "\(command) --help: merge writes gnuplot too")
        }
    }

    /// The completion scripts offer file names for the file options and arguments.
    func testCompletionScriptsCompleteFiles() throws {
        let bash = try CLI.run(["--generate-completion-script", "bash"])
        XCTAssertEqual(bash.status, 0)
        let script = bash.stdoutText
        /// The completion function of `command`.
        func body(_ command: String) -> Substring {
            guard let start = script.range(of: "\n_ddcalc_\(command)() {")?.upperBound,
                  let end = script[start...].range(of: "\n}\n")?.lowerBound else { return "" }
            return script[start..<end]
        }
        /// The completion line after `'OPTION')` (or `'-o'|'--out')`) in the function of `command`.
        func completion(_ command: String, _ option: String) -> String? {
            let lines = body(command).split(separator: "\n")
            guard let index = lines.firstIndex(where: { $0.contains("'\(option)')") }), index + 1 < lines.count else { return nil }
            return String(lines[index + 1])
        }
        for command in ["sweep", "point", "ridge"] {
            XCTAssertTrue(completion(command, "--data")?.contains("_add_completions -f") == true, "\(command) --data")
            XCTAssertTrue(completion(command, "--out")?.contains("_add_completions -f") == true, "\(command) --out")
            for option in ["--spectrum", "--wstar"] {
                XCTAssertTrue(completion(command, option)?.contains("_custom_complete") == true, "\(command) \(option)")
            }
        }
        XCTAssertTrue(completion("sweep", "--checkpoint")?.contains("_add_completions -f") == true, "sweep --checkpoint")
        let positional = { (command: String) in body(command).components(separatedBy: "# Offer positional completions").dropFirst().first }
        XCTAssertTrue(positional("plot")?.contains("_add_completions -d") == true, "plot's folder")
        XCTAssertTrue(positional("merge")?.contains("_add_completions -f") == true, "merge's parts")
        let zsh = try CLI.run(["--generate-completion-script", "zsh"])
        XCTAssertEqual(zsh.status, 0)
        let zshLines = zsh.stdoutText.split(separator: "\n")
        XCTAssertTrue(zshLines.contains { $0.contains("'--data[") && $0.hasSuffix(":path:_files'") }, "zsh: --data")
        XCTAssertTrue(zshLines.contains { $0.contains("--out}'[") && $0.hasSuffix(":path:_files'") }, "zsh: -o/--out")
        XCTAssertTrue(zshLines.contains { $0.hasSuffix(":dir:_files -/'") }, "zsh: plot's folder")
        XCTAssertEqual(try CLI.run(["--generate-completion-script", "fish"]).status, 0, "fish")

        // The spec completion keeps the prefix and lists files after it.
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("spec.txt").path, contents: Data())
        let typed = "file:" + folder.path + "/sp"
        XCTAssertEqual(SpecCompletion.candidates(typed, keywords: ["isotropic"], filePrefixes: ["file:", "covariance:"]),
                       [typed.dropLast(2) + "spec.txt"])
        XCTAssertEqual(SpecCompletion.candidates("c", keywords: ["isotropic"], filePrefixes: ["file:", "covariance:"]),
                       ["covariance:"])
        XCTAssertEqual(SpecCompletion.candidates("", keywords: ["top"], filePrefixes: ["file:"]), ["top", "file:"])
    }
}
