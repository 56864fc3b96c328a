import Foundation
import XCTest

/// Issue 13, item 2: no user text (spectrum, w* or data paths, column names) becomes a gnuplot
/// command of `sweep.gp`, and `ddcalc plot` runs nothing a file put in the folder could inject.
final class GnuplotInjectionTests: XCTestCase {
    /// File names that would run `touch PWNED...` if written raw into a comment or a string.
    static let hostileNames = [
        "s\n!touch PWNED1 #",              // the issue's example: a new line ends the comment
        "s\r!touch PWNED2",                // a carriage return
        "s\"\n!touch PWNED3",              // a double quote, then a new line
        "s`touch PWNED4`",                 // backquotes: command substitution inside double quotes
        "s\\",                             // a trailing backslash continues a comment onto the next line
        "s\\\n!touch PWNED5",              // backslash, new line
        "s;!touch PWNED6",                 // a statement separator
        "s'!touch PWNED7'",                // single quotes
        "s\" ; system(\"touch PWNED8\") #", // closing the string, then a function call
        "s\u{2028}!touch PWNED9",          // a Unicode line separator
        "s\u{1b}[2J!touch PWNED10",        // a terminal escape
    ]

    func testHostilePathsAndColumnNamesNeverRunInGnuplot() throws {
        let gnuplot = try ProcessRunner.gnuplot()
        for (index, name) in Self.hostileNames.enumerated() {
            let folder = try ProcessRunner.temporaryFolder(self)
            try Data("3\n2\n1\n".utf8).write(to: folder.appendingPathComponent(name))
            try Data("1\n0\n0\n".utf8).write(to: folder.appendingPathComponent("w" + name))
            try Data("a,\(csvQuoted(name))\n1,2\n3,5\n4,1\n2,7\n".utf8).write(to: folder.appendingPathComponent("d" + name))
            let runs: [[String]] = [
                ["sweep", "--trials", "20", "--spectrum", "file:" + name, "--wstar", "file:w" + name],
                ["sweep", "--trials", "20", "--data", "d" + name, "--target", name, "--ns", "2,3"],
            ]
            for (run, arguments) in runs.enumerated() {
                let export = "g\(run)"
                let result = try CLI.run(arguments + ["--format", "gnuplot", "--out", export], in: folder)
                XCTAssertEqual(result.status, 0, "case \(index): \(result.stderrText)")
                let exportFolder = folder.appendingPathComponent(export)
                let script = try String(contentsOf: exportFolder.appendingPathComponent("sweep.gp"), encoding: .utf8)
                for line in script.split(separator: "\n") {
                    XCTAssertFalse(line.hasPrefix("!"), "case \(index): a shell line in the script: \(line)")
                }
                let plotted = try CLI.run(["plot", export], in: folder)
                XCTAssertEqual(plotted.status, 0, "case \(index): \(plotted.stderrText)")
                // gnuplot itself, run on the script as a user would.
                let direct = try ProcessRunner.run(gnuplot, ["sweep.gp"], in: exportFolder)
                XCTAssertEqual(direct.status, 0, "case \(index): \(direct.stderr)")
                let data = try String(contentsOf: exportFolder.appendingPathComponent("sweep.dat"), encoding: .utf8)
                XCTAssertEqual(data.split(separator: "\n").count, data.components(separatedBy: "\n").count - 1, "blank lines in sweep.dat")
            }
            let left = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
                URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("PWNED")
            }
            XCTAssertEqual(left, [], "case \(index) (\(name.debugDescription)) ran a command")
        }
    }

    private func csvQuoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Scripts ddcalc did not write: each adds one line to a genuine export; plot refuses them all
    /// (exit 2, one line naming the file), and nothing runs.
    func testPlotRunsOnlyScriptsShapedLikeDdcalcs() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let genuine = try CLI.run(["sweep", "--d", "4", "--trials", "20", "--format", "gnuplot", "--out", "g"], in: folder)
        XCTAssertEqual(genuine.status, 0, genuine.stderrText)
        let original = try String(contentsOf: folder.appendingPathComponent("g/sweep.gp"), encoding: .utf8)
        let injections = [
            "!touch PWNED",
            "system \"touch PWNED\"",
            "print system(\"touch PWNED\")",
            "set title \"`touch PWNED`\"",
            "plot \"<touch PWNED\" using 1:2",
            "set output \"|touch PWNED\"",
            "set output \"../PWNED\"",
            "set print \"PWNED\"",
            "load \"other.gp\"",
            "call \"other.gp\"",
            "eval \"!touch PWNED\"",
            "import f(x) from \"lib.so\"",
            "shell",
            "unset title; !touch PWNED",
            "set title \"x\" @macro",
            "set terminal x11",
            "set title \"unterminated",
        ]
        try Data("!touch PWNED\n".utf8).write(to: folder.appendingPathComponent("g/other.gp"))
        for injection in injections {
            try Data((original + injection + "\n").utf8).write(to: folder.appendingPathComponent("g/sweep.gp"))
            let result = try CLI.run(["plot", "g"], in: folder)
            XCTAssertEqual(result.status, 2, "\(injection): \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("sweep.gp"), result.stderrText)
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains("PWNED") }
        XCTAssertEqual(left, [])
        // A link in place of an image would make gnuplot write outside the folder.
        try Data(original.utf8).write(to: folder.appendingPathComponent("g/sweep.gp"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("g/sweep.png").path, withDestinationPath: "../victim")
        let linked = try CLI.run(["plot", "g"], in: folder)
        XCTAssertEqual(linked.status, 2, linked.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("victim").path))
    }

    /// Text in the table format's header stays on its line.
    func testTableHeaderEscapesControlCharacters() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let name = "s\nfake line\r"
        try Data("3\n2\n1\n".utf8).write(to: folder.appendingPathComponent(name))
        let result = try CLI.run(["point", "--n", "2", "--spectrum", "file:" + name], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertFalse(result.stdoutText.contains("\nfake line"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains("file:s\\nfake line\\r"), result.stdoutText)
    }
}
