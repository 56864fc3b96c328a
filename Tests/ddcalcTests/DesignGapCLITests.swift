import Foundation
import XCTest

/// Issue 25, item 3: the gap between the designs in every format (docs/OUTPUT.md, "The gap between
/// the designs").
final class DesignGapCLITests: XCTestCase {
    func testGapColumnsAgreeWithTheColumnsTheyComeFrom() throws {
        let sweep = ["sweep", "--d", "10", "--ns", "3,30", "--trials", "3000", "--seed", "3", "--format", "csv"]
        let result = try CLI.run(sweep)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let rows = ProvenanceTests.records(result.stdoutText)
        XCTAssertEqual(rows.count, 2)
        for row in rows {
            let number = { (key: String) in try XCTUnwrap(Double(row[key] ?? ""), "\(key) in \(row)") }
            let theory = try number("theory_mse"), iid = try number("iid_exact_mse")
            XCTAssertEqual(try number("gap_exact"), (iid - theory) / theory, accuracy: 1e-15)
            // The i.i.d. Monte Carlo against the surrogate's exact value (isotropic: Theorem 1 is exact).
            XCTAssertEqual(try number("gap_mc"), (try number("mc_iid_mse") - theory) / theory, accuracy: 1e-15)
            XCTAssertEqual(try number("gap_mc_stderr"), try number("mc_iid_stderr") / theory, accuracy: 1e-15)
        }
        // n = 30 > d + 3: light tails, so the Monte Carlo gap is within 4 standard errors of the exact one.
        let last = try XCTUnwrap(rows.last)
        XCTAssertEqual(last["heavy_tail"], "false")
        let gap = try XCTUnwrap(Double(last["gap_mc"]!)), exact = try XCTUnwrap(Double(last["gap_exact"]!))
        XCTAssertEqual(gap, exact, accuracy: 4 * (try XCTUnwrap(Double(last["gap_mc_stderr"]!))))

        // JSON carries the same keys and values; the table shows the Monte Carlo gap.
        let json = try CLI.run(Array(sweep.dropLast(2)) + ["--format", "json"]).stdoutText
        XCTAssertTrue(json.contains("\"gap_exact\": \(rows[0]["gap_exact"]!), \"gap_mc\": \(rows[0]["gap_mc"]!), "
                                    + "\"gap_mc_stderr\": \(rows[0]["gap_mc_stderr"]!)}"), json)
        XCTAssertTrue(try CLI.run(Array(sweep.dropLast(2))).stdoutText.contains("MC gap"))
    }

    /// No i.i.d. design, no Monte Carlo gap; a point prints the exact gap alone.
    func testGapIsEmptyWhereAValueIsMissing() throws {
        let surrogateOnly = ProvenanceTests.records(try CLI.run(["sweep", "--d", "6", "--ns", "2.5,9", "--trials", "50",
                                                                "--design", "surrogate", "--format", "csv"]).stdoutText)
        XCTAssertEqual(surrogateOnly.map { $0["gap_mc"] }, ["", ""])
        XCTAssertEqual(surrogateOnly.map { $0["gap_exact"] == "" }, [true, false], "no i.i.d. design at n = 2.5")
        let point = try CLI.jsonObject(try CLI.run(["point", "--d", "10", "--n", "30", "--format", "json"]).stdout)
        XCTAssertNotNil(point["gap_exact"] as? Double)
        XCTAssertTrue(point["gap_mc"] is NSNull)
    }
}
