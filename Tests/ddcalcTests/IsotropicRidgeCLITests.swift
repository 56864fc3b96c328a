@testable import ddcalc
import DoubleDescent
import Foundation
import XCTest

/// `iid_exact_mse` at a ridge penalty lambda > 0 for an isotropic spectrum (docs/OUTPUT.md, "Ridge at
/// any lambda"): `point`, `sweep` and `sweep --vary lambda` print the library's exact value
/// (`IsotropicRidgeRisk`), the prediction risk with `--risk prediction`, today's value at lambda = 0,
/// and null where it is not validated (non-integer n, a non-isotropic spectrum).
final class IsotropicRidgeCLITests: XCTestCase {
    static let model = ["--d", "12", "--spectrum", "isotropic", "--wnorm", "1.5", "--sigma", "0.5"]

    func testPointSweepAndRidgePathPrintTheExactRisk() throws {
        let covariance = try CovarianceModel(spec: .isotropic, d: 12)
        let model = try RegressionModel(covariance: covariance, wstar: .isotropic, wnorm: 1.5, sigma: 0.5)
        for risk in Risk.allCases {
            var calculator = ClosedFormCalculator(model: model)
            calculator.risk = risk
            let options = ["--risk", risk.rawValue, "--format", "json"]
            let point = try CLI.run(["point", "--n", "7", "--lambda", "0.4"] + options + Self.model)
            XCTAssertEqual(point.status, 0, point.stderrText)
            let exact = try XCTUnwrap(calculator.ridgeEquivalent(n: 7, lambda: 0.4).iidExactRisk)
            // The printed digits are the library's value's shortest round-trip form (JSON parsing may round).
            XCTAssertTrue(point.stdoutText.contains("\"iid_exact_mse\": \(exact),"), point.stdoutText)
            let sweep = try CLI.run(["sweep", "--ns", "5,7.5,20", "--lambda", "0.4", "--trials", "0"] + options + Self.model)
            XCTAssertEqual(sweep.status, 0, sweep.stderrText)
            let points = try XCTUnwrap(try CLI.jsonObject(sweep.stdout)["points"] as? [[String: Any]])
            XCTAssertTrue(points[1]["iid_exact_mse"] is NSNull, "non-integer n")
            for n in [5.0, 20] {
                let value = try XCTUnwrap(calculator.ridgeEquivalent(n: n, lambda: 0.4).iidExactRisk)
                XCTAssertTrue(sweep.stdoutText.contains("\"iid_exact_mse\": \(value),"), "n = \(n): \(sweep.stdoutText)")
            }
            let path = try CLI.run(["sweep", "--vary", "lambda", "--n", "9", "--lambdas", "0,0.1,3", "--trials", "0"] + options
                                   + Self.model)
            XCTAssertEqual(path.status, 0, path.stderrText)
            let rows = try XCTUnwrap(try CLI.jsonObject(path.stdout)["points"] as? [[String: Any]])
            XCTAssertEqual(rows.count, 3)
            let zero = try XCTUnwrap(calculator.evaluate(n: 9).iidExactRisk)
            XCTAssertTrue(path.stdoutText.contains("\"iid_exact_mse\": \(zero),"), "lambda = 0: today's value")
            for lambda in [0.1, 3] {
                let value = try XCTUnwrap(calculator.ridgeEquivalent(n: 9, lambda: lambda).iidExactRisk)
                XCTAssertTrue(path.stdoutText.contains("\"iid_exact_mse\": \(value),"), "lambda = \(lambda): \(path.stdoutText)")
            }
        }
        let geometric = try CLI.run(["point", "--n", "7", "--lambda", "0.4", "--d", "12", "--spectrum", "geometric:10", "--format", "json"])
        XCTAssertTrue(try CLI.jsonObject(geometric.stdout)["iid_exact_mse"] is NSNull, "no exact form for a non-isotropic Sigma")
    }
}
