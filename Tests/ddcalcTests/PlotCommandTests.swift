import Foundation
import XCTest

/// `ddcalc plot DIR`: renders an export folder with the installed gnuplot, and its error paths.
final class PlotCommandTests: XCTestCase {
    func testPlotLeavesPNGAndSVG() throws {
        let folder = try ProcessRunner.temporaryFolder(self).appendingPathComponent("export")
        let export = try ProcessRunner.ddcalc(["sweep", "--d", "10", "--trials", "200", "--format", "gnuplot", "--out", folder.path])
        XCTAssertEqual(export.status, 0, export.stderr)

        let result = try ProcessRunner.ddcalc(["plot", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        for name in ["sweep.png", "sweep.svg"] {
            let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int
            XCTAssertGreaterThan(size ?? 0, 20_000, name)
        }
    }

    func testMissingFolderIsNamed() throws {
        let missing = try ProcessRunner.temporaryFolder(self).appendingPathComponent("no-such-export").path
        let result = try ProcessRunner.ddcalc(["plot", missing])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(missing), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    func testMissingScriptIsNamed() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let result = try ProcessRunner.ddcalc(["plot", folder.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(folder.appendingPathComponent("sweep.gp").path), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    func testMissingGnuplotNamesTheDebianPackage() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try Data("plot x\n".utf8).write(to: folder.appendingPathComponent("sweep.gp"))
        let emptyPath = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
        let result = try ProcessRunner.ddcalc(["plot", folder.path], environment: ["PATH": emptyPath.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("gnuplot-nox"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    func testGnuplotErrorsAreReported() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        try Data("set terminal pngcairo\nset output 'sweep.png'\nplot 'no-such-file.dat' using 1:2\n".utf8)
            .write(to: folder.appendingPathComponent("sweep.gp"))
        let result = try ProcessRunner.ddcalc(["plot", folder.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("gnuplot failed"), result.stderr)
        XCTAssertTrue(result.stderr.contains("no-such-file.dat"), result.stderr)
    }

    func testGnuplotWarningsAreReported() throws {
        // gnuplot exits 0 here but warns that the empty data file has no valid points.
        let folder = try ProcessRunner.temporaryFolder(self)
        try Data().write(to: folder.appendingPathComponent("empty.dat"))
        try Data("1 1\n2 4\n".utf8).write(to: folder.appendingPathComponent("good.dat"))
        try Data("""
            set terminal pngcairo
            set output 'sweep.png'
            plot 'empty.dat' using 1:2, 'good.dat' using 1:2
            set terminal svg
            set output 'sweep.svg'
            replot

            """.utf8).write(to: folder.appendingPathComponent("sweep.gp"))
        let direct = try ProcessRunner.run(try ProcessRunner.gnuplot(), ["sweep.gp"], in: folder)
        XCTAssertEqual(direct.status, 0, "the script itself runs")
        XCTAssertTrue(direct.stderr.contains("warning"), direct.stderr)

        let result = try ProcessRunner.ddcalc(["plot", folder.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("gnuplot printed warnings"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Skipping data file with no valid points"), result.stderr)
    }
}
