import Foundation
import XCTest

/// Issue 15, item 4: `ddcalc plot DIR1 DIR2 ... --out OUT` overlays several exports in one panel,
/// rendered by the installed gnuplot without a message; hostile folder names and labels never run;
/// incompatible or malformed exports and outputs that would replace an input are refused (exit 2).
final class PlotOverlayTests: XCTestCase {
    /// Exports `sweep --d 20 ARGS` into `folder/name`.
    private func export(_ name: String, _ arguments: [String], in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CLI.run(["sweep", "--d", "20", "--trials", "100", "--points", "30"] + arguments
                                 + ["--format", "gnuplot", "--out", name], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText, file: file, line: line)
    }

    func testOverlayOfThreeSpectraRendersWithoutMessages() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try export("iso", [], in: folder)
        try export("geo", ["--spectrum", "geometric:100"], in: folder)
        try export("pow", ["--spectrum", "powerlaw:1"], in: folder)
        let result = try CLI.run(["plot", "iso", "geo", "pow", "--out", "all"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(result.stderrText, "")
        let out = folder.appendingPathComponent("all")
        XCTAssertEqual(result.stdoutText, ["overlay.png", "overlay.svg"].map { out.appendingPathComponent($0).path + "\n" }.joined())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["overlay.dat", "overlay.gp", "overlay.png", "overlay.svg"])
        let png = try Data(contentsOf: out.appendingPathComponent("overlay.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertGreaterThan(png.count, 20_000)

        let script = try String(contentsOf: out.appendingPathComponent("overlay.gp"), encoding: .utf8)
        // One colour and one legend entry per export, labelled by the setting in which they differ.
        for spectrum in ["isotropic", "geometric:100", "powerlaw:1"] {
            XCTAssertTrue(script.contains("title \"spectrum = \(spectrum)\""), spectrum)
        }
        for index in 0..<3 { XCTAssertTrue(script.contains("\"overlay.dat\" index \(index) using 1:2 notitle with lines"), "\(index)") }
        XCTAssertEqual(Set(GnuplotColours.of(script)).count, 3, "three colours for three exports")
        XCTAssertTrue(script.contains("set ylabel \"MSE  E‖ŵ − w*‖²\""))
        XCTAssertFalse(script.contains(folder.path), "the script names no input path")
        // The data blocks hold each export's numbers.
        let data = try String(contentsOf: out.appendingPathComponent("overlay.dat"), encoding: .utf8)
        XCTAssertEqual(data.components(separatedBy: "\n\n\n").count, 3)
        XCTAssertEqual(data.split(separator: "\n").filter { !$0.hasPrefix("#") }.count, 3 * 30)

        // gnuplot itself, as a user would re-run it, prints nothing either.
        let direct = try ProcessRunner.run(try ProcessRunner.gnuplot(), ["overlay.gp"], in: out)
        XCTAssertEqual(direct.status, 0)
        XCTAssertEqual(direct.stderr, "")

        // The labels given replace the default ones, in order.
        let labelled = try CLI.run(["plot", "iso", "geo", "--label", "flat", "--label", "decaying", "--out", "two"], in: folder)
        XCTAssertEqual(labelled.status, 0, labelled.stderrText)
        let two = try String(contentsOf: folder.appendingPathComponent("two/overlay.gp"), encoding: .utf8)
        XCTAssertLessThan(two.range(of: "title \"flat\"")!.lowerBound, two.range(of: "title \"decaying\"")!.lowerBound)
    }

    func testHostileFolderNamesAndLabelsNeverRun() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let names = GnuplotInjectionTests.hostileNames
        for (index, name) in names.enumerated() { try export("e" + name, ["--sigma", "\(index + 1)"], in: folder) }
        for (index, name) in names.enumerated() {
            let other = names[(index + 1) % names.count]
            let result = try CLI.run(["plot", "e" + name, "e" + other, "--label", name, "--label", other, "--out", "o" + name], in: folder)
            XCTAssertEqual(result.status, 0, "case \(index): \(result.stderrText)")
            XCTAssertEqual(result.stderrText, "", "case \(index)")
            let out = folder.appendingPathComponent("o" + name)
            let script = try String(contentsOf: out.appendingPathComponent("overlay.gp"), encoding: .utf8)
            for line in script.split(separator: "\n") { XCTAssertFalse(line.hasPrefix("!"), "case \(index): \(line)") }
            let direct = try ProcessRunner.run(try ProcessRunner.gnuplot(), ["overlay.gp"], in: out)
            XCTAssertEqual(direct.status, 0, "case \(index): \(direct.stderr)")
            XCTAssertEqual(direct.stderr, "", "case \(index)")
            // Default labels (the differing sigma) with hostile folder names render as well.
            let unlabelled = try CLI.run(["plot", "e" + name, "e" + other, "--out", "u" + name], in: folder)
            XCTAssertEqual(unlabelled.status, 0, "case \(index): \(unlabelled.stderrText)")
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
            URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("PWNED")
        }
        XCTAssertEqual(left, [], "a hostile name ran a command")
    }

    /// A refusal: exit 2, one line on stderr holding `expected`, and no output folder.
    private func assertRefused(_ arguments: [String], in folder: URL, _ expected: String, out: String = "out",
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CLI.run(["plot"] + arguments, in: folder)
        XCTAssertEqual(result.status, 2, result.stderrText, file: file, line: line)
        XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText, file: file, line: line)
        XCTAssertTrue(result.stderrText.contains(expected), result.stderrText, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(out).path), file: file, line: line)
    }

    func testIncompatibleOrMalformedExportsAreRefused() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try export("n", [], in: folder)
        let modelWise = try CLI.run(["sweep", "--vary", "d", "--n", "10", "--d", "20", "--trials", "50", "--format", "gnuplot", "--out", "d"], in: folder)
        XCTAssertEqual(modelWise.status, 0, modelWise.stderrText)
        try assertRefused(["n", "d", "--out", "out"], in: folder, "an overlay needs one x axis")

        // Another risk on the y axis (as a later ddcalc would echo it).
        try FileManager.default.copyItem(at: folder.appendingPathComponent("n"), to: folder.appendingPathComponent("p"))
        let header = folder.appendingPathComponent("p/model.json")
        let model = try String(contentsOf: header, encoding: .utf8)
        try Data(model.replacingOccurrences(of: "[[\"d\",\"20\"],", with: "[[\"risk\",\"prediction\"],[\"d\",\"20\"],").utf8).write(to: header)
        XCTAssertNotEqual(try String(contentsOf: header, encoding: .utf8), model)
        try assertRefused(["n", "p", "--out", "out"], in: folder, "an overlay needs one y axis")

        // Not an export: a data file with text, a missing data file, a missing folder.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bad"), withIntermediateDirectories: false)
        try Data("# ratio theory_mse\n1 !touch\n".utf8).write(to: folder.appendingPathComponent("bad/sweep.dat"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("n/model.json"), to: folder.appendingPathComponent("bad/model.json"))
        try assertRefused(["n", "bad", "--out", "out"], in: folder, "is not a ddcalc sweep export")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: false)
        try assertRefused(["n", "empty", "--out", "out"], in: folder, "sweep.dat' not found")
        try assertRefused(["n", "missing", "--out", "out"], in: folder, "'missing' does not exist")

        // Usage errors.
        try assertRefused(["n", "n"], in: folder, "--out")
        try assertRefused(["n", "n", "--label", "a", "--out", "out"], in: folder, "one per folder")
        try assertRefused(["n", "--label", "a"], in: folder, "--label")
    }

    func testOverlayNeverReplacesAnInput() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try export("a", [], in: folder)
        try export("b", ["--spectrum", "geometric:10"], in: folder)
        let input = folder.appendingPathComponent("a/sweep.dat")
        let before = try Data(contentsOf: input)
        // The output folder holds a hard link to an input under an output's name.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("o"), withIntermediateDirectories: false)
        try FileManager.default.linkItem(at: input, to: folder.appendingPathComponent("o/overlay.dat"))
        let linked = try CLI.run(["plot", "a", "b", "--out", "o"], in: folder)
        XCTAssertEqual(linked.status, 2, linked.stderrText)
        XCTAssertTrue(linked.stderrText.contains("is the same file as"), linked.stderrText)
        // A symbolic link in place of an image would make gnuplot write elsewhere.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("s/overlay.png").path, withDestinationPath: "../victim")
        let symbolic = try CLI.run(["plot", "a", "b", "--out", "s"], in: folder)
        XCTAssertEqual(symbolic.status, 2, symbolic.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("victim").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("s/overlay.gp").path), "nothing written")
        XCTAssertEqual(try Data(contentsOf: input), before, "the input is untouched")
        // Writing into an input folder is fine: the names differ from the export's.
        let inside = try CLI.run(["plot", "a", "b", "--out", "a"], in: folder)
        XCTAssertEqual(inside.status, 0, inside.stderrText)
        XCTAssertEqual(try Data(contentsOf: input), before)
    }
}

/// The `lc rgb "#rrggbb"` colours of a script's plotted lines (not its legend's grey or grid).
enum GnuplotColours {
    static func of(_ script: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"index \d+ using 1:2 notitle with lines lc rgb "(#[0-9a-f]{6})""#)
        return pattern.matches(in: script, range: NSRange(script.startIndex..., in: script)).map {
            String(script[Range($0.range(at: 1), in: script)!])
        }
    }
}
