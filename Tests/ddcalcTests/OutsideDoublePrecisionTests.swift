@testable import ddcalc
import Foundation
import XCTest

/// Issue 22, item 5: no value beyond double precision is printed null, and no subnormal value loses
/// digits, without a warning naming its key; figures of such values still draw.
final class OutsideDoublePrecisionTests: XCTestCase {
    /// The keys of each point that are null in `scaled` but not in `reference`, and the warnings.
    private func nulls(_ scaled: [String], _ reference: [String], command: String = "sweep") throws -> (lost: [(n: Double, keys: [String])], warnings: [String]) {
        let base = [command, "--d", "5", "--format", "json"] + (command == "sweep" ? ["--trials", "50", "--points", "4"] : ["--n", "7"])
        let a = try CLI.jsonObject(try CLI.run(base + scaled).stdout), b = try CLI.jsonObject(try CLI.run(base + reference).stdout)
        let rows = { (json: [String: Any]) in (json["points"] as? [[String: Any]]) ?? [json] }
        var lost: [(n: Double, keys: [String])] = []
        for (x, y) in zip(rows(a), rows(b)) {
            let keys = y.keys.filter { y[$0] is Double && x[$0] is NSNull }.sorted()
            if !keys.isEmpty { lost.append((x["n"] as? Double ?? .nan, keys)) }
        }
        return (lost, a["warnings"] as? [String] ?? [])
    }

    func testEveryNullBeyondDoublePrecisionIsNamed() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wstar = folder.appendingPathComponent("w").path
        try Data("1e300\n0\n0\n0\n0\n".utf8).write(to: URL(fileURLWithPath: wstar))
        try Data("1\n0\n0\n0\n0\n".utf8).write(to: folder.appendingPathComponent("w1"))
        let cases: [(scaled: [String], reference: [String], command: String)] = [
            (["--wnorm", "1e150"], [], "sweep"),
            (["--sigma", "1e200"], [], "sweep"),
            (["--wstar", "file:" + wstar], ["--wstar", "file:" + folder.appendingPathComponent("w1").path], "sweep"),
            (["--sigma", "1e200"], [], "point"),
        ]
        for (index, test) in cases.enumerated() {
            let (lost, warnings) = try nulls(test.scaled, test.reference, command: test.command)
            XCTAssertFalse(lost.isEmpty, "case \(index): the case loses values")
            for point in lost {
                let named = warnings.filter { $0.hasPrefix("n = \(point.n):") && $0.contains("beyond double precision") }.joined()
                for key in point.keys { XCTAssertTrue(named.contains(key), "case \(index), n = \(point.n): \(key) printed null unnamed; \(warnings)") }
            }
        }
    }

    func testSubnormalValuesAreNamed() throws {
        let json = try CLI.jsonObject(try CLI.run(["sweep", "--d", "5", "--trials", "50", "--points", "4", "--wnorm", "1e-160",
                                                   "--sigma", "1e-160", "--format", "json"]).stdout)
        let warnings = json["warnings"] as? [String] ?? []
        var subnormal = 0
        for point in json["points"] as? [[String: Any]] ?? [] {
            let n = point["n"] as? Double ?? .nan
            for (key, value) in point {
                guard let x = value as? Double, x != 0, abs(x) < Double.leastNormalMagnitude else { continue }
                subnormal += 1
                XCTAssertTrue(warnings.contains { $0.hasPrefix("n = \(n):") && $0.contains("subnormal") && $0.contains(key) }, "\(key) at n = \(n)")
            }
        }
        XCTAssertGreaterThan(subnormal, 0, "the case has subnormal values")
    }

    /// The y-range stays finite, within [1e-307, 1e307] and 300 decades (what gnuplot draws), for
    /// values from 5e-324 to 1.7e308, and holds the largest value up to 1e307.
    func testYRangeIsFiniteForExtremeValues() {
        for values in [[1e-320, 1.0], [1.0, 1.7e308], [1e-320, 1.7e308], [5e-324]] {
            let range = GnuplotFrame.yRange(theory: values, monteCarlo: values.map { ($0 * 100, $0) }, log: true)
            XCTAssertNotNil(range)
            guard let range else { continue }
            for x in [range.bottom, range.top, range.offScaleLevel] { XCTAssertTrue(x.isFinite && x > 0, "\(values): \(range)") }
            XCTAssertGreaterThanOrEqual(range.bottom, 1e-307 * (1 - 1e-12), "\(values)")
            XCTAssertLessThanOrEqual(range.top, 1e307 * (1 + 1e-12), "\(values)")
            XCTAssertLessThanOrEqual(range.top / range.bottom, 1e300 * (1 + 1e-9), "\(values)")
            XCTAssertGreaterThanOrEqual(range.top, Swift.min(values.max()!, 1e307), "\(values)")
            if let clip = range.clip { XCTAssertTrue(clip.isFinite) }
        }
        let linear = GnuplotFrame.yRange(theory: [-1.7e308, 1.7e308], monteCarlo: [], log: false)
        XCTAssertTrue(linear.map { $0.bottom.isFinite && $0.top.isFinite } ?? false)
    }

    /// An export of values near both ends of the doubles draws without a gnuplot message.
    func testPlotDrawsExtremeExports() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let made = try CLI.run(["sweep", "--d", "4", "--trials", "0", "--format", "gnuplot", "--out", "g"], in: folder)
        XCTAssertEqual(made.status, 0, made.stderrText)
        for (index, values) in [["1e-300", "1e-310", "1e-320"], ["1e300", "1e305", "1.7e308"], ["1e-300", "1", "1e300"]].enumerated() {
            let rows = values.enumerated().map { "\(Double($0.offset + 1) / 2) \($0.element)\n" }.joined()
            try Data(("# ratio theory_mse\n" + rows).utf8).write(to: folder.appendingPathComponent("g/sweep.dat"))
            let result = try CLI.run(["plot", "g"], in: folder)
            XCTAssertEqual(result.status, 0, "case \(index): \(result.stderrText)")
            XCTAssertEqual(result.stderrText, "", "case \(index)")
        }
    }

    /// Issue 22, item 6: a weight matrix out of scale gets the same helpful message both ways.
    func testAWeightMatrixOutOfScaleSaysRescaleEitherWay() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let w = [[1.0, 0.2, 0.0], [0.3, 1.0, 0.1], [0.0, 0.4, 1.0], [0.5, 0.0, 0.2]]
        for scale in [1e-200, 1e200] {
            let name = "w\(scale).csv"
            try Data(w.map { $0.map { "\($0 * scale)" }.joined(separator: ",") + "\n" }.joined().utf8).write(to: folder.appendingPathComponent(name))
            let result = try CLI.run(["point", "--n", "2", "--spectrum", "weights:" + name], in: folder)
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("rescale W"), "\(scale): \(result.stderrText)")
            XCTAssertFalse(result.stderrText.contains("positive definite"), "\(scale): \(result.stderrText)")
        }
    }
}
