@testable import ddcalc
import Foundation
import XCTest

/// `ddcalc sweep --format gnuplot --out DIR`, checked end to end with the built executable and the
/// installed gnuplot.
final class GnuplotExportTests: XCTestCase {
    private let smallSweep = ["sweep", "--d", "10", "--trials", "200"]

    /// Exports `arguments` into a new folder `export` (created by ddcalc) and returns it.
    private func export(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let folder = try ProcessRunner.temporaryFolder(self).appendingPathComponent("export")
        let result = try ProcessRunner.ddcalc(arguments + ["--format", "gnuplot", "--out", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(files, ["model.json", "sweep.dat", "sweep.gp"], "no temporary files left behind", file: file, line: line)
        return folder
    }

    /// `cd DIR && gnuplot sweep.gp`, which must print nothing at all.
    private func renderWithGnuplot(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try ProcessRunner.run(try ProcessRunner.gnuplot(), ["sweep.gp"], in: folder)
        XCTAssertEqual(result.status, 0, file: file, line: line)
        XCTAssertEqual(result.stderr, "", "gnuplot printed warnings or errors", file: file, line: line)
    }

    func testExportRendersAValidPNGAndSVGWithoutWarnings() throws {
        let folder = try export(smallSweep)
        try renderWithGnuplot(folder)

        let png = try Data(contentsOf: folder.appendingPathComponent("sweep.png"))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
        XCTAssertEqual(String(decoding: png[12..<16], as: UTF8.self), "IHDR")
        let bigEndian = { (range: Range<Int>) in png[range].reduce(0) { $0 << 8 | Int($1) } }
        let (width, height) = (bigEndian(16..<20), bigEndian(20..<24))
        XCTAssert((800...4000).contains(width) && (600...4000).contains(height), "size \(width) x \(height)")
        XCTAssertGreaterThan(png.count, 20_000, "a real plot, not an empty canvas")
        XCTAssertGreaterThan(Set(png).count, 200, "compressed image data uses most byte values")

        let svg = try String(contentsOf: folder.appendingPathComponent("sweep.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg"))
        XCTAssertTrue(svg.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"))
        XCTAssertGreaterThan(svg.count, 20_000)
    }

    func testScriptDrawsEveryRequestedElement() throws {
        let folder = try export(smallSweep)
        let script = try String(contentsOf: folder.appendingPathComponent("sweep.gp"), encoding: .utf8)
        let columns = try dataHeader(folder)
        let column = { (key: String) in columns.firstIndex(of: key)! + 1 }
        let x = column("ratio")
        for key in ["theory_mse", "theory_bias", "theory_variance", "iid_exact_mse", "de_mse"] {
            XCTAssertTrue(script.contains("using \(x):\(column(key)) notitle with lines"), key)
        }
        for design in ["surrogate", "iid"] {
            let (y, e) = (column("mc_\(design)_mse"), column("mc_\(design)_stderr"))
            XCTAssertTrue(script.contains("using \(x):(column(\(column("mc_\(design)_heavy_tail"))) == 1 ? 1/0 : column(\(y))):\(e) notitle with yerrorbars"), design)
        }
        XCTAssertEqual(script.components(separatedBy: "dt (8, 5)").count - 1, 4, "iid exact and DE dashed, curve and legend")
        XCTAssertTrue(script.contains("set logscale y"))
        XCTAssertTrue(script.contains("set arrow from 1, graph 0 to 1, graph 1 nohead"))
        XCTAssertTrue(script.contains("set xlabel \"n/d (samples per parameter)\""))
        XCTAssertTrue(script.contains("set ylabel \"MSE  E‖ŵ − w*‖²\""))
        XCTAssertTrue(script.contains("d = 10, spectrum = isotropic, w* = isotropic, ‖w*‖ = 1, σ = 1"))
        XCTAssertTrue(script.contains("trials = 200") && script.contains("seed = 1"))
        XCTAssertTrue(script.contains("set key outside below"))
        XCTAssertTrue(script.contains("set output \"sweep.png\"") && script.contains("set output \"sweep.svg\""))
        XCTAssertTrue(script.contains("plot \"sweep.dat\" using"), "reads the data file of its own folder")
        XCTAssertFalse(script.contains(FileManager.default.temporaryDirectory.path), "names no absolute path")
    }

    func testMissingColumnsAreLeftOutWithoutWarnings() throws {
        let cases: [(arguments: [String], monteCarlo: [String])] = [
            (["--trials", "0"], []),                                   // no Monte Carlo at all
            (["--trials", "50", "--design", "iid"], ["mc_iid_mse"]),   // no surrogate Monte Carlo
            (["--trials", "0", "--sigma", "0"], []),                   // variance identically zero
            (["--trials", "0", "--n-max", "5"], []),                   // n/d = 1 outside the grid
            (["--trials", "20", "--ns", "4"], ["mc_surrogate_mse", "mc_iid_mse"]), // a single point
        ]
        for (arguments, monteCarlo) in cases {
            let folder = try export(["sweep", "--d", "10"] + arguments)
            try renderWithGnuplot(folder)
            let script = try String(contentsOf: folder.appendingPathComponent("sweep.gp"), encoding: .utf8)
            let columns = try dataHeader(folder)
            let x = columns.firstIndex(of: "ratio")! + 1
            for key in ["mc_surrogate_mse", "mc_iid_mse"] {
                let y = columns.firstIndex(of: key)! + 1
                let drawn = script.contains("using \(x):\(y)") || script.contains(": column(\(y))):")
                XCTAssertEqual(drawn, monteCarlo.contains(key), "\(key) with \(arguments)")
            }
        }
    }

    func testDataFileHoldsTheSameNumbersAsCSV() throws {
        let csv = try ProcessRunner.ddcalc(smallSweep + ["--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        // sweep.dat holds the rows' own columns, not the CSV's provenance columns.
        let csvLines = CLI.withoutProvenance(csv.stdout).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

        let data = try String(contentsOf: export(smallSweep).appendingPathComponent("sweep.dat"), encoding: .utf8)
        let dataLines = data.split(separator: "\n").map(String.init)
        XCTAssertTrue(dataLines[0].hasPrefix("# "))
        XCTAssertEqual(dataLines.filter { $0.hasPrefix("#") }.count, 1, "one header line")
        let header = dataLines[0].dropFirst(2).split(separator: " ").map(String.init)
        XCTAssertEqual(header, csvLines[0], "the CSV keys, in the CSV order")
        XCTAssertEqual(dataLines.count, csvLines.count)
        XCTAssertGreaterThan(csvLines.count, 10)

        for (dataLine, csvFields) in zip(dataLines.dropFirst(), csvLines.dropFirst()) {
            let fields = dataLine.split(whereSeparator: \.isWhitespace).map(String.init)
            XCTAssertEqual(fields.count, csvFields.count)
            for (key, (field, csvField)) in zip(header, zip(fields, csvFields)) {
                switch csvField {
                case "": XCTAssertEqual(field, "NaN", key)
                case "true": XCTAssertEqual(field, "1", key)
                case "false": XCTAssertEqual(field, "0", key)
                default:
                    let (value, expected) = (Double(field), Double(csvField))
                    XCTAssertNotNil(expected, "\(key): \(csvField)")
                    XCTAssertEqual(value, expected, "\(key): \(field) vs \(csvField)")
                }
            }
        }
    }

    func testGnuplotFormatNeedsAFolder() throws {
        let noOut = try ProcessRunner.ddcalc(smallSweep + ["--format", "gnuplot"])
        XCTAssertEqual(noOut.status, 2)
        XCTAssertTrue(noOut.stderr.contains("--out"), noOut.stderr)
        XCTAssertEqual(noOut.stderr.split(separator: "\n").count, 1, noOut.stderr)

        let folder = try ProcessRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let onFile = try ProcessRunner.ddcalc(smallSweep + ["--format", "gnuplot", "--out", file.path])
        XCTAssertEqual(onFile.status, 2)
        XCTAssertTrue(onFile.stderr.contains("not a folder"), onFile.stderr)

        let orphan = folder.appendingPathComponent("missing/export")
        let noParent = try ProcessRunner.ddcalc(smallSweep + ["--format", "gnuplot", "--out", orphan.path])
        XCTAssertEqual(noParent.status, 2)
        XCTAssertTrue(noParent.stderr.contains("does not exist"), noParent.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: orphan.path))
    }

    func testPointRefusesGnuplot() throws {
        let folder = try ProcessRunner.temporaryFolder(self).appendingPathComponent("export")
        let result = try ProcessRunner.ddcalc(["point", "--d", "10", "--n", "5", "--format", "gnuplot", "--out", folder.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--format gnuplot"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    /// Issue 15, item 4: heavy-tailed rows get their own marker and a legend entry saying their
    /// error bars are unreliable; a sweep without heavy rows has neither. Issue 25, item 2: each
    /// design's points by its own flag (at d = 10 the surrogate design is heavy-tailed at n = 3 to
    /// 20, the i.i.d. design at n = 7 to 13 only), and an export written before the per-design
    /// flags by `heavy_tail` for both.
    func testHeavyTailedPointsAreMarkedApart() throws {
        let folder = try export(smallSweep)
        try renderWithGnuplot(folder)
        let script = try String(contentsOf: folder.appendingPathComponent("sweep.gp"), encoding: .utf8)
        let columns = try dataHeader(folder)
        let data = try String(contentsOf: folder.appendingPathComponent("sweep.dat"), encoding: .utf8)
        let rows = data.split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
        let flags = { (key: String) in rows.map { $0[columns.firstIndex(of: key)!] } }
        XCTAssertTrue(flags("heavy_tail").contains("1") && flags("heavy_tail").contains("0"), "the sweep has heavy and light rows")
        XCTAssertNotEqual(flags("mc_surrogate_heavy_tail"), flags("mc_iid_heavy_tail"), "the designs differ")
        for (index, either) in flags("heavy_tail").enumerated() {
            let one = flags("mc_surrogate_heavy_tail")[index] == "1" || flags("mc_iid_heavy_tail")[index] == "1"
            XCTAssertEqual(either == "1", one, "heavy_tail is the disjunction, row \(index)")
        }
        for design in ["surrogate", "iid"] {
            let (y, e) = (columns.firstIndex(of: "mc_\(design)_mse")! + 1, columns.firstIndex(of: "mc_\(design)_stderr")! + 1)
            let heavy = columns.firstIndex(of: "mc_\(design)_heavy_tail")! + 1
            XCTAssertTrue(script.contains("(column(\(heavy)) == 1 ? column(\(y)) : 1/0):\(e) notitle with yerrorbars"), design)
        }
        // An export of an earlier version: no per-design columns, heavy_tail marks both designs.
        let header = try XCTUnwrap(data.split(separator: "\n").first)
        let keep = columns.indices.filter { !columns[$0].hasSuffix("_heavy_tail") || columns[$0] == "heavy_tail" }
        let old = ([header.split(separator: " ").dropFirst().enumerated().filter { keep.contains($0.offset) }.map(\.element).joined(separator: " ")]
            .map { "# " + $0 } + rows.map { row in keep.map { String(row[$0]) }.joined(separator: " ") }).joined(separator: "\n") + "\n"
        try old.write(to: folder.appendingPathComponent("sweep.dat"), atomically: true, encoding: .utf8)
        let oldScript = GnuplotExport.script(try SweepExport.read(folder.path), to: .files(png: "sweep.png", svg: "sweep.svg"))
        let both = keep.firstIndex(of: columns.firstIndex(of: "heavy_tail")!)! + 1
        for design in ["surrogate", "iid"] {
            let y = keep.firstIndex(of: columns.firstIndex(of: "mc_\(design)_mse")!)! + 1
            XCTAssertTrue(oldScript.contains("(column(\(both)) == 1 ? column(\(y)) : 1/0)"), "\(design): \(oldScript)")
        }
        XCTAssertEqual(script.components(separatedBy: "pt 12 ").count - 1, 3, "two designs and one legend entry")
        XCTAssertTrue(script.contains("title \"heavy-tailed point: error bar unreliable\""))

        let light = try export(["sweep", "--d", "10", "--trials", "200", "--ns", "1,2"])
        try renderWithGnuplot(light)
        let lightScript = try String(contentsOf: light.appendingPathComponent("sweep.gp"), encoding: .utf8)
        XCTAssertFalse(lightScript.contains("heavy-tailed"), "no heavy rows, no legend entry")
        XCTAssertFalse(lightScript.contains("pt 12 "))
    }

    /// The y range leaves headroom: the highest value drawn (theory or Monte Carlo with its error
    /// bar) sits at most 88% up a log axis, and the n = d label stands above the frame.
    func testHighestValueSitsBelowTheTopOfTheFrame() throws {
        for arguments in [smallSweep, ["sweep", "--d", "100", "--spectrum", "geometric:100", "--trials", "0"]] {
            let folder = try export(arguments)
            try renderWithGnuplot(folder)
            let script = try String(contentsOf: folder.appendingPathComponent("sweep.gp"), encoding: .utf8)
            let (bottom, top) = try yRange(script)
            let columns = try dataHeader(folder)
            let data = try String(contentsOf: folder.appendingPathComponent("sweep.dat"), encoding: .utf8)
            let rows = data.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map { Double($0)! } }
            let value = { (row: [Double], key: String) in columns.firstIndex(of: key).map { row[$0] } ?? .nan }
            var highest = 0.0
            for row in rows {
                for key in ["theory_mse", "theory_bias", "theory_variance", "iid_exact_mse", "de_mse"] where value(row, key).isFinite {
                    highest = max(highest, value(row, key))
                }
                for design in ["surrogate", "iid"] where value(row, "mc_\(design)_mse").isFinite {
                    highest = max(highest, value(row, "mc_\(design)_mse") + value(row, "mc_\(design)_stderr"))
                }
            }
            XCTAssertGreaterThan(highest, 0)
            let height = log10(highest / bottom) / log10(top / bottom)
            XCTAssert(height <= 0.88 + 1e-12 && height > 0.8, "\(arguments): the highest value at \(height) of the height")
            XCTAssertTrue(script.contains("set label \"n = d\" at 1, graph 1 offset 0, 0.7 center"), "label above the frame")
        }
    }

    /// Monte Carlo values more than 10 times the largest theory value (the i.i.d. design near n = d on
    /// a data set) are drawn at the top as off-scale markers, with a legend entry, instead of
    /// stretching the axis over decades.
    func testOffScaleMonteCarloValuesAreMarkedNotPlotted() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let diabetes = root.appendingPathComponent("data/diabetes/diabetes.csv").path
        let folder = try export(["sweep", "--data", diabetes, "--target", "progression", "--ns", "4,8,9,10,11,12,20",
                                 "--sigma", "0.5", "--trials", "2000"])
        try renderWithGnuplot(folder)
        let script = try String(contentsOf: folder.appendingPathComponent("sweep.gp"), encoding: .utf8)
        let (_, top) = try yRange(script)
        let columns = try dataHeader(folder)
        let data = try String(contentsOf: folder.appendingPathComponent("sweep.dat"), encoding: .utf8)
        let rows = data.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map { Double($0)! } }
        let iid = rows.map { $0[columns.firstIndex(of: "mc_iid_mse")!] }
        let theoryMax = rows.flatMap { row in ["theory_mse", "de_mse"].map { row[columns.firstIndex(of: $0)!] } }.filter(\.isFinite).max()!
        let offScale = iid.filter { $0 > 10 * theoryMax }
        XCTAssertFalse(offScale.isEmpty, "the i.i.d. design explodes near n = d: \(iid)")
        XCTAssertLessThan(top, offScale.min()!, "the axis does not stretch to the outliers")
        XCTAssertLessThan(top, 100 * theoryMax)
        XCTAssertTrue(script.contains("> \(10 * theoryMax) ?"), "the clip level is 10 x the largest theory value")
        XCTAssertTrue(script.contains("pt 9 "), "off-scale marker")
        XCTAssertTrue(script.contains("title \"Monte Carlo above "))
    }

    /// Hundreds of points get smaller markers, beyond 400 every k-th Monte Carlo point is drawn.
    func testMarkersShrinkAndThinWithManyPoints() throws {
        let sizes = { (script: String) -> [Double] in
            let pattern = try! NSRegularExpression(pattern: #"pt 7 ps ([0-9.]+)"#)
            return pattern.matches(in: script, range: NSRange(script.startIndex..., in: script)).map {
                Double(script[Range($0.range(at: 1), in: script)!])!
            }
        }
        var largest: [Double] = []
        for points in [40, 100, 600] {
            let folder = try export(["sweep", "--d", "10", "--trials", "5", "--points", "\(points)", "--design", "surrogate"])
            try renderWithGnuplot(folder)
            let script = try String(contentsOf: folder.appendingPathComponent("sweep.gp"), encoding: .utf8)
            largest.append(sizes(script).max()!)
            XCTAssertEqual(script.contains("\"sweep.dat\" every 2 using"), points == 600, "\(points) points")
        }
        XCTAssertGreaterThan(largest[0], largest[1])
        XCTAssertGreaterThan(largest[1], largest[2])
    }

    /// The explicit `set yrange [bottom:top]` of a script.
    private func yRange(_ script: String) throws -> (Double, Double) {
        let line = try XCTUnwrap(script.split(separator: "\n").first { $0.hasPrefix("set yrange [") })
        let bounds = line.dropFirst("set yrange [".count).dropLast().split(separator: ":").map { Double($0) }
        return (try XCTUnwrap(bounds[0]), try XCTUnwrap(bounds[1]))
    }

    /// The column names of the data file's header line.
    private func dataHeader(_ folder: URL) throws -> [String] {
        let data = try String(contentsOf: folder.appendingPathComponent("sweep.dat"), encoding: .utf8)
        return data.prefix { $0 != "\n" }.dropFirst(2).split(separator: " ").map(String.init)
    }
}
