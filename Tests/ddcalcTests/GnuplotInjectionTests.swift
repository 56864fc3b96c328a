@testable import ddcalc
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

    /// Issue 22, item 1: `plot` never runs the `sweep.gp` it finds. Each tampered script (the four
    /// ways that beat the old script audit, and the lines it refused) replaces a genuine export's
    /// script; `plot` draws the export from its data (exit 0, whole pictures), nothing runs, and the
    /// tampered script is left as it was.
    func testTamperedScriptIsNeverRun() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let genuine = try CLI.run(["sweep", "--d", "4", "--trials", "20", "--format", "gnuplot", "--out", "g"], in: folder)
        XCTAssertEqual(genuine.status, 0, genuine.stderrText)
        let scripts = [
            "plot \"x<touch PWNED1\"[2:] using 1:2",
            "plot \"\\074touch PWNED2\" using 1:2",
            "plot sprintf(\"%c%s\",60,\"touch PWNED3\") using 1:2",
            "plot a=\"x<touch PWNED4\", a[2:] using 1:2",
            "!touch PWNED5",
            "system \"touch PWNED6\"",
            "set title \"`touch PWNED7`\"",
            "set output \"../PWNED8\"\nplot x",
            "set print \"PWNED9\"\nprint 1",
        ]
        for (index, tampered) in scripts.enumerated() {
            let script = folder.appendingPathComponent("g/sweep.gp")
            try Data((tampered + "\n").utf8).write(to: script)
            let result = try CLI.run(["plot", "g"], in: folder)
            XCTAssertEqual(result.status, 0, "case \(index): \(result.stderrText)")
            XCTAssertEqual(result.stderrText, "", "case \(index)")
            let png = try Data(contentsOf: folder.appendingPathComponent("g/sweep.png"))
            XCTAssertTrue(GnuplotFrame.Picture.png.isComplete(png), "case \(index): a whole PNG")
            XCTAssertEqual(try String(contentsOf: script, encoding: .utf8), tampered + "\n", "case \(index): the script is left alone")
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains("PWNED") }
        XCTAssertEqual(left, [], "a tampered script ran")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("PWNED8").path))
    }

    /// Issue 22, item 1: hostile text in `model.json` (the echo `plot` puts in the title) only ever
    /// becomes an escaped string; a malformed `model.json` or `sweep.dat` is refused (exit 2, one line).
    func testHostileModelFileDrawsNothingHostile() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let genuine = try CLI.run(["sweep", "--d", "4", "--trials", "20", "--format", "gnuplot", "--out", "g"], in: folder)
        XCTAssertEqual(genuine.status, 0, genuine.stderrText)
        let model = folder.appendingPathComponent("g/model.json")
        for (index, name) in Self.hostileNames.enumerated() {
            let object: [String: Any] = ["ddcalc_export": 1, "model": [["d", "4"], ["spectrum", name], ["data", name]]]
            try JSONSerialization.data(withJSONObject: object).write(to: model)
            let result = try CLI.run(["plot", "g"], in: folder)
            XCTAssertEqual(result.status, 0, "case \(index): \(result.stderrText)")
            XCTAssertEqual(result.stderrText, "", "case \(index)")
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains("PWNED") }
        XCTAssertEqual(left, [], "a hostile model echo ran a command")
        let malformed: [(file: String, text: String, expected: String)] = [
            ("model.json", "# model: d = 4\n", "is not a ddcalc export's model"),
            ("model.json", "{\"ddcalc_export\": 2, \"model\": []}", "version 2"),
            ("model.json", "{\"ddcalc_export\": 1, \"model\": [[\"D;!x\", \"4\"]]}", "not [name, value]"),
            ("model.json", "{\"ddcalc_export\": 1, \"model\": [[\"risk\", \"`touch PWNED`\"]]}", "unknown risk"),
            ("sweep.dat", "# ratio theory_mse\n1 system(\"touch PWNED\")\n", "does not hold 2 numbers"),
            ("sweep.dat", "# ratio theory_mse `x`\n1 2 3\n", "column names"),
        ]
        for (index, bad) in malformed.enumerated() {
            let copy = folder.appendingPathComponent("bad\(index)")
            try FileManager.default.copyItem(at: folder.appendingPathComponent("g"), to: copy)
            for picture in ["sweep.png", "sweep.svg"] { try FileManager.default.removeItem(at: copy.appendingPathComponent(picture)) }
            try Data(bad.text.utf8).write(to: copy.appendingPathComponent(bad.file))
            let result = try CLI.run(["plot", copy.lastPathComponent], in: folder)
            XCTAssertEqual(result.status, 2, "case \(index): \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            XCTAssertTrue(result.stderrText.contains(bad.expected), "case \(index): \(result.stderrText)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: copy.appendingPathComponent("sweep.png").path), "case \(index)")
        }
    }

    /// Issue 22, item 1: a picture's name that is a symbolic link is refused, never written through
    /// (a single export's `sweep.png` leading outside the folder).
    func testPicturesAreNeverWrittenThroughALink() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let genuine = try CLI.run(["sweep", "--d", "4", "--trials", "20", "--format", "gnuplot", "--out", "g"], in: folder)
        XCTAssertEqual(genuine.status, 0, genuine.stderrText)
        for name in ["sweep.png", "sweep.svg"] {
            let link = folder.appendingPathComponent("g/" + name)
            try? FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../victim")
            let linked = try CLI.run(["plot", "g"], in: folder)
            XCTAssertEqual(linked.status, 2, linked.stderrText)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("victim").path), name)
            try FileManager.default.removeItem(at: link)
        }
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
