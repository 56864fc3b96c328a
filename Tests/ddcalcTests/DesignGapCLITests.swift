@testable import ddcalc
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

    /// At a ridge penalty the gap is the ridge estimator's, between the two Monte Carlo estimates (the
    /// surrogate design has no closed form at lambda != 0), with the delta-method standard error; the
    /// title names the estimator and the quantity.
    func testGapAtARidgePenaltyComesFromBothMonteCarloEstimates() throws {
        let sweep = ["sweep", "--d", "10", "--ns", "5,30", "--lambda", "2", "--risk", "prediction", "--trials", "500",
                     "--seed", "3"]
        let rows = ProvenanceTests.records(try CLI.run(sweep + ["--format", "csv"]).stdoutText)
        XCTAssertEqual(rows.count, 2)
        for row in rows {
            let number = { (key: String) in try XCTUnwrap(Double(row[key] ?? ""), "\(key) in \(row)") }
            let surrogate = try number("mc_surrogate_mse"), iid = try number("mc_iid_mse")
            let se = try number("mc_surrogate_stderr"), iidSE = try number("mc_iid_stderr")
            XCTAssertEqual(row["gap_exact"], "")
            XCTAssertEqual(try number("gap_mc"), (iid - surrogate) / surrogate, accuracy: 1e-15)
            let ratio = iid / surrogate
            XCTAssertEqual(try number("gap_mc_stderr"), (iidSE * iidSE + ratio * ratio * se * se).squareRoot() / surrogate,
                           accuracy: 1e-15)
        }
        let table = try CLI.run(sweep).stdoutText
        XCTAssertTrue(table.hasPrefix("# ddcalc \(DDCalcVersion.current) sweep: prediction risk of the ridge estimator at lambda = 2; "), table)
        let path = try CLI.run(["sweep", "--vary", "lambda", "--d", "10", "--n", "5", "--lambdas", "0,1", "--trials", "0"]).stdoutText
        XCTAssertTrue(path.hasPrefix("# ddcalc \(DDCalcVersion.current) sweep: the ridge path at fixed n, MSE of the ridge estimator; "), path)
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
