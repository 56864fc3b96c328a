import Foundation
import XCTest

/// Values outside the validated range (issue 13, item 6) carry warnings: the JSON key `warnings`
/// (an array of strings, absent when empty), otherwise lines `ddcalc: warning: ...` on standard error.
final class WarningsCLITests: XCTestCase {
    func testJSONCarriesWarningsBeyondTheValidatedRange() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        try Data("1e300\n1\n1e-300\n".utf8).write(to: inputs.appendingPathComponent("wide"))
        let point = try CLI.run(["point", "--spectrum", "file:wide", "--n", "1", "--format", "json"], in: inputs)
        XCTAssertEqual(point.status, 0, point.stderrText)
        let object = try CLI.jsonObject(point.stdout)
        let warnings = try XCTUnwrap(object["warnings"] as? [String])
        XCTAssert(warnings.contains { $0.contains("theory_*") }, "\(warnings)")
        XCTAssertEqual(try XCTUnwrap(object["lambda"] as? Double), 1e150, accuracy: 1e137)
        XCTAssertEqual(point.stderrText, "")

        let sweep = try CLI.run(["sweep", "--d", "20", "--spectrum", "geometric:1e200", "--ns", "5", "--trials", "40",
                                 "--format", "json"], in: inputs)
        XCTAssertEqual(sweep.status, 0, sweep.stderrText)
        let mc = try XCTUnwrap(CLI.jsonObject(sweep.stdout)["warnings"] as? [String])
        XCTAssert(mc.contains { $0.contains("mc_*") } && !mc.contains { $0.contains("theory_*") }, "\(mc)")
    }

    func testOtherFormatsWarnOnStandardErrorAndOrdinaryRunsDoNot() throws {
        let csv = try CLI.run(["sweep", "--d", "20", "--spectrum", "geometric:1e200", "--ns", "5", "--trials", "40",
                               "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderrText)
        let lines = csv.stderrText.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, csv.stderrText)
        XCTAssert(lines[0].hasPrefix("ddcalc: warning: ") && lines[0].contains("mc_*"), csv.stderrText)
        XCTAssertFalse(csv.stdoutText.contains("warning"))

        let ordinary = try CLI.run(["sweep", "--d", "20", "--spectrum", "geometric:1e60", "--ns", "5,25", "--trials", "40",
                                    "--format", "json"])
        XCTAssertEqual(ordinary.status, 0, ordinary.stderrText)
        XCTAssertNil(try CLI.jsonObject(ordinary.stdout)["warnings"])
        XCTAssertEqual(ordinary.stderrText, "")
    }

    /// The ridge check solves every draw's rows (validated to condition number 1e12): beyond, `ridge`
    /// and `sweep --check-ridge` flag their Monte Carlo keys; within, they print no warning.
    func testRidgeChecksBeyondTheirValidatedRangeAreFlagged() throws {
        let json = try CLI.run(["ridge", "--d", "6", "--n", "3", "--spectrum", "geometric:1e20", "--trials", "40",
                                "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderrText)
        let warnings = try XCTUnwrap(CLI.jsonObject(json.stdout)["warnings"] as? [String])
        XCTAssertEqual(warnings.count, 1)
        XCTAssert(warnings[0].contains("mc_mean") && warnings[0].contains("p_value"), "\(warnings)")

        let table = try CLI.run(["ridge", "--d", "6", "--n", "3", "--spectrum", "geometric:1e20", "--trials", "40"])
        XCTAssertEqual(table.status, 0, table.stderrText)
        XCTAssert(table.stderrText.hasPrefix("ddcalc: warning: ") && table.stderrText.contains("rel_error"), table.stderrText)

        let sweep = try CLI.run(["sweep", "--d", "6", "--spectrum", "geometric:1e20", "--ns", "3", "--trials", "40",
                                 "--check-ridge", "--format", "csv"])
        XCTAssertEqual(sweep.status, 0, sweep.stderrText)
        XCTAssert(sweep.stderrText.contains("ridge_rel_error"), sweep.stderrText)

        let ordinary = try CLI.run(["ridge", "--d", "6", "--n", "3", "--spectrum", "geometric:1e6", "--trials", "40",
                                    "--format", "json"])
        XCTAssertEqual(ordinary.status, 0, ordinary.stderrText)
        XCTAssertNil(try CLI.jsonObject(ordinary.stdout)["warnings"])
        XCTAssertEqual(ordinary.stderrText, "")
    }
}
