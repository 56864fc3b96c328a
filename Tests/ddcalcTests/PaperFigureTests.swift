@testable import ddcalc
import Foundation
import XCTest

/// Issue 25, item 2: `plot A B C --out OUT` draws the paper's picture: per export the surrogate
/// design's theory line against the i.i.d. design (its exact MSE, its Monte Carlo), a one-line
/// title with the details in a subtitle, y labels that render, a gap panel, legend entries only for
/// what is drawn; `--format`, `--size` and `--font-size` choose the pictures.
final class PaperFigureTests: XCTestCase {
    private func exports(_ design: String, in folder: URL) throws {
        for (name, spectrum) in [("iso", "isotropic"), ("geo", "geometric:100")] {
            let made = try CLI.run(["sweep", "--d", "12", "--trials", "60", "--ns", "2,4,6,8,10,14,16,18,20,24", "--design", design,
                                    "--spectrum", spectrum, "--format", "gnuplot", "--out", name], in: folder)
            XCTAssertEqual(made.status, 0, made.stderrText)
        }
    }

    private func script(_ folder: URL, _ out: String = "out") throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(out)/overlay.gp"), encoding: .utf8)
    }

    func testBothDesignsAreDrawnWithTheGapPanel() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try exports("both", in: folder)
        let result = try CLI.run(["plot", "iso", "geo", "--out", "out"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(result.stderrText, "")
        let gp = try script(folder)
        for index in 0..<2 {
            let block = "\"overlay.dat\" index \(index) using "
            XCTAssertTrue(gp.contains(block + "1:2 notitle with lines"), "theory, surrogate design \(index)")
            XCTAssertTrue(gp.contains(block + "1:3 notitle with lines"), "exact, i.i.d. design \(index)")
            // Each design's heavy-tailed points by its own flag (overlay columns 12 and 13), or all plain.
            XCTAssertTrue(gp.contains(block + "1:(column(13) == 1 ? column(6) : 1/0):7") || gp.contains(block + "1:6:7"), "Monte Carlo, i.i.d. \(index)")
            XCTAssertTrue(gp.contains(block + "1:(column(12) == 1 ? column(4) : 1/0):5") || gp.contains(block + "1:4:5"), "Monte Carlo, surrogate \(index)")
            XCTAssertTrue(gp.contains(block + "1:10:11 notitle with yerrorbars"), "Monte Carlo gap \(index)")
        }
        for title in ["theory, surrogate design (Theorem 1)", "exact, i.i.d. Gaussian design", "Monte Carlo, surrogate design ± stderr",
                      "Monte Carlo, i.i.d. design ± stderr"] {
            XCTAssertTrue(gp.contains("title \"\(title)\""), title)
        }
        XCTAssertTrue(gp.contains("set multiplot\n"), "a gap panel")
        XCTAssertTrue(gp.contains("set ylabel \"gap  i.i.d. / surrogate − 1\""))
        // One title line; the shared settings in the subtitle.
        let title = try XCTUnwrap(gp.split(separator: "\n").first { $0.hasPrefix("set label 101 ") })
        XCTAssertTrue(title.contains("\"Min-norm least squares: expected estimation error vs samples per parameter\""), String(title))
        let subtitle = try XCTUnwrap(gp.split(separator: "\n").first { $0.hasPrefix("set label 102 ") })
        XCTAssertTrue(subtitle.contains("design = both"), String(subtitle))
        XCTAssertFalse(gp.contains("set title"))
        // gnuplot itself, as a user would run it, prints nothing.
        let direct = try ProcessRunner.run(try ProcessRunner.gnuplot(), ["overlay.gp"], in: folder.appendingPathComponent("out"))
        XCTAssertEqual(direct.status, 0)
        XCTAssertEqual(direct.stderr, "")
    }

    func testOnlyWhatIsDrawnHasALegendEntry() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try exports("surrogate", in: folder)
        let result = try CLI.run(["plot", "iso", "geo", "--out", "out"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let gp = try script(folder)
        XCTAssertTrue(gp.contains("title \"Monte Carlo, surrogate design ± stderr\""))
        XCTAssertFalse(gp.contains("Monte Carlo, i.i.d. design"), "no i.i.d. Monte Carlo, no entry")
        XCTAssertFalse(gp.contains("using 1:10:11"), "no Monte Carlo gap")
        XCTAssertFalse(gp.contains("using 1:6"), "no i.i.d. points")

        let theoryOnly = try CLI.run(["sweep", "--d", "12", "--trials", "0", "--format", "gnuplot", "--out", "t"], in: folder)
        XCTAssertEqual(theoryOnly.status, 0, theoryOnly.stderrText)
        let plain = try CLI.run(["plot", "t", "--out", "plain"], in: folder)
        XCTAssertEqual(plain.status, 0, plain.stderrText)
        let text = try script(folder, "plain")
        XCTAssertFalse(text.contains("Monte Carlo"), "no Monte Carlo, no entry")
        XCTAssertFalse(text.contains("heavy-tailed"), "no heavy-tail entry")
    }

    func testFormatsSizesAndFontSize() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try exports("both", in: folder)
        let result = try CLI.run(["plot", "iso", "geo", "--out", "out", "--format", "pdf,png,svg", "--size", "7x6in", "--font-size", "10"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let out = folder.appendingPathComponent("out")
        XCTAssertEqual(result.stdoutText, ["overlay.pdf", "overlay.png", "overlay.svg"].map { out.appendingPathComponent($0).path + "\n" }.joined())
        let pdf = try Data(contentsOf: out.appendingPathComponent("overlay.pdf"))
        XCTAssertTrue(GnuplotFrame.Picture(format: .pdf).isComplete(pdf), "a whole PDF")
        XCTAssertFalse(GnuplotFrame.Picture(format: .pdf).isComplete(pdf.prefix(pdf.count / 2)), "half a PDF is refused")
        // 7 x 6 inches is 504 x 432 pixels at 72 per inch.
        let png = try Data(contentsOf: out.appendingPathComponent("overlay.png"))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual([width, height], [504, 432])
        let svg = try String(contentsOf: out.appendingPathComponent("overlay.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("font-size=\"10.00\"") || svg.contains("font-size:10.00") || svg.contains("font-size=\"10\""), "10-point text")

        XCTAssertNotNil(pdf.range(of: Data("/CreationDate (D:19700101000000Z)".utf8)), "no clock in the PDF")
        // The same numbers give the same bytes, in every format.
        let again = try CLI.run(["plot", "iso", "geo", "--out", "again", "--format", "pdf,png,svg", "--size", "7x6in", "--font-size", "10"], in: folder)
        XCTAssertEqual(again.status, 0, again.stderrText)
        for name in ["overlay.pdf", "overlay.png", "overlay.svg"] {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("again/" + name)), try Data(contentsOf: out.appendingPathComponent(name)), name)
        }

        let one = try CLI.run(["plot", "iso", "--format", "pdf", "--size", "15x10cm"], in: folder)
        XCTAssertEqual(one.status, 0, one.stderrText)
        XCTAssertEqual(one.stdoutText, folder.appendingPathComponent("iso/sweep.pdf").path + "\n")
        let size = try PictureSize.parse("15x10cm").get()
        XCTAssertEqual([size.pixels.width, size.pixels.height], [425, 283], "15 x 10 cm at 72 pixels per inch")
        XCTAssertEqual(size.inches.width, 15 / 2.54, accuracy: 1e-12)
    }

    func testBadFigureOptionsAreRefusedInOneLine() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try exports("surrogate", in: folder)
        let cases: [([String], String)] = [
            (["--format", "jpg"], "--format: 'jpg' is not a comma-separated list of png, pdf, svg"),
            (["--format", "png,png"], "--format: 'png,png' is not"),
            (["--format", ""], "--format: '' is not"),
            (["--size", "100x100"], "--size: '100x100': width and height must lie in 200 to 10000 pixels"),
            (["--size", "6x4mm"], "--size: '6x4mm' is not WxH"),
            (["--size", "1e400x3"], "--size: '1e400x3' is not WxH"),
            (["--size", "0.5x3in"], "--size: '0.5x3in': width and height must lie in 2 to 100 inches"),
            (["--font-size", "nan"], "--font-size: nan is not in 4 to 72 points"),
            (["--font-size", "100"], "--font-size: 100 is not in 4 to 72 points"),
        ]
        for (options, expected) in cases {
            let result = try CLI.run(["plot", "iso"] + options, in: folder)
            XCTAssertEqual(result.status, 2, "\(options)")
            XCTAssertTrue(result.stderrText.contains(expected), "\(options): \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").filter { $0.hasPrefix("Error") || $0.hasPrefix("ddcalc") }.count, 1, result.stderrText)
        }
        XCTAssertEqual(CLI.contents(of: folder.appendingPathComponent("iso")), ["model.json", "sweep.dat", "sweep.gp"], "nothing drawn")
    }

    func testPredictionRiskLabelRendersWithoutMarkup() {
        XCTAssertEqual(RiskLabel.yAxis(.prediction), "prediction risk  E (ŵ − w*)ᵀ Σ (ŵ − w*)")
        XCTAssertFalse(RiskLabel.yAxis(.prediction).contains("_"), "no markup printed literally (noenhanced text)")
    }
}

/// Issue 25, item 4: `ddcalc plot run.json` draws a saved JSON output of sweep or merge as the export
/// `convert run.json --format gnuplot` would write; JSON files and export folders overlay together.
final class PlotSavedJSONTests: XCTestCase {
    func testASavedJSONIsDrawnAsItsExport() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let sweep = ["sweep", "--d", "12", "--trials", "60", "--ns", "2,4,6,8,10,14,16,18,20,24"]
        XCTAssertEqual(try CLI.run(sweep + ["--format", "json", "--out", "run.json"], in: folder).status, 0)
        XCTAssertEqual(try CLI.run(sweep + ["--spectrum", "geometric:100", "--format", "gnuplot", "--out", "geo"], in: folder).status, 0)
        let drawn = try CLI.run(["plot", "run.json", "--format", "png,pdf"], in: folder)
        XCTAssertEqual(drawn.status, 0, drawn.stderrText)
        XCTAssertEqual(drawn.stderrText, "")
        XCTAssertEqual(drawn.stdoutText, ["run.png", "run.pdf"].map { folder.appendingPathComponent($0).path + "\n" }.joined())
        // The same picture as the converted export's, byte for byte.
        XCTAssertEqual(try CLI.run(["convert", "run.json", "--format", "gnuplot", "--out", "conv"], in: folder).status, 0)
        XCTAssertEqual(try CLI.run(["plot", "conv", "--format", "png"], in: folder).status, 0)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("run.png")),
                       try Data(contentsOf: folder.appendingPathComponent("conv/sweep.png")))
        // Mixed with an export folder in one overlay, labelled by the settings in which they differ.
        let mixed = try CLI.run(["plot", "run.json", "geo", "--out", "both"], in: folder)
        XCTAssertEqual(mixed.status, 0, mixed.stderrText)
        let script = try String(contentsOf: folder.appendingPathComponent("both/overlay.gp"), encoding: .utf8)
        XCTAssertTrue(script.contains("title \"spectrum = isotropic\""), script)
        XCTAssertTrue(script.contains("title \"spectrum = geometric:100\""), script)
    }

    func testWhatIsNotADrawableJSONIsRefused() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        XCTAssertEqual(try CLI.run(["point", "--d", "12", "--n", "6", "--format", "json", "--out", "point.json"], in: folder).status, 0)
        let cases: [(String, String, String)] = [
            ("point.json", "", "plot: 'point.json' is not a ddcalc JSON output: not an output of sweep or merge (no points)"),
            ("old.json", #"{"ddcalc_version": "0.0.1", "points": []}"#, "plot: 'old.json' was written by ddcalc 0.0.1"),
            ("bad.json", "{\"points\": [", "'bad.json'"),
            ("run.png", "[1, 2]", "'run.png'"),
        ]
        for (name, text, expected) in cases {
            if !text.isEmpty { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
            let before = try Data(contentsOf: folder.appendingPathComponent(name))
            let result = try CLI.run(["plot", name], in: folder)
            XCTAssertEqual(result.status, 2, name)
            XCTAssertTrue(result.stderrText.contains(expected), "\(name): \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(name)), before, "\(name) is untouched")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("point.png").path))
    }
}
