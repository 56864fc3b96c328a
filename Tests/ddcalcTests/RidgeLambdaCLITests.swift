@testable import ddcalc
import DoubleDescent
import Foundation
import XCTest

/// `--lambda` on point and sweep (docs/OUTPUT.md, "Ridge at any lambda"): 0 prints today's bytes;
/// lambda != 0 adds ridge_lambda, kappa, gamma, lambda_min after every other key, nulls the theory keys,
/// puts the ridge deterministic equivalent in de_mse (the library's value, exactly), simulates at lambda > 0,
/// refuses lambda < lambda_min (exit 2, naming it), and shards merge to the unsharded bytes.
final class RidgeLambdaCLITests: XCTestCase {
    static let model = ["--d", "8", "--spectrum", "geometric:10", "--wstar", "random:3", "--sigma", "0.5"]

    func testLambdaZeroPrintsTodaysBytes() throws {
        for command in [["point", "--n", "5"], ["point", "--n", "5", "--format", "json"],
                        ["sweep", "--ns", "3,8,12", "--trials", "40", "--format", "csv"],
                        ["sweep", "--ns", "3,12", "--trials", "40", "--format", "json", "--risk", "prediction"]] {
            let today = try CLI.run(command + Self.model), zero = try CLI.run(command + Self.model + ["--lambda", "0"])
            XCTAssertEqual(today.status, 0, today.stderrText)
            XCTAssertEqual(zero.stdout, today.stdout, command.joined(separator: " "))
        }
    }

    func testPointAndSweepAtLambda() throws {
        let model = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 8), wstar: .random(seed: 3), sigma: 0.5)
        let calculator = ClosedFormCalculator(model: model)
        for lambda in [0.25, -0.05] {
            let point = try CLI.run(["point", "--n", "5", "--lambda", "\(lambda)", "--format", "json"] + Self.model)
            XCTAssertEqual(point.status, 0, point.stderrText)
            let json = try CLI.jsonObject(point.stdout)
            let ridge = try calculator.ridgeEquivalent(n: 5, lambda: lambda)
            // The printed digits are the library's values' shortest round-trip forms.
            for (key, value) in [("de_mse", ridge.deMSE!), ("kappa", ridge.kappa), ("gamma", ridge.gamma),
                                 ("lambda_min", ridge.lambdaMin)] {
                XCTAssertTrue(point.stdoutText.contains("\"\(key)\": \(value),"), "\(key) \(value): \(point.stdoutText)")
            }
            XCTAssertEqual(json["ridge_lambda"] as? Double, lambda)
            for key in ["theory_mse", "theory_bias", "theory_variance", "alpha", "iid_exact_mse"] {
                XCTAssertTrue(json[key] is NSNull, key)
            }
        }
        let sweep = try CLI.run(["sweep", "--ns", "3,12", "--trials", "200", "--lambda", "0.25", "--format", "json"] + Self.model)
        XCTAssertEqual(sweep.status, 0, sweep.stderrText)
        let points = try XCTUnwrap(try CLI.jsonObject(sweep.stdout)["points"] as? [[String: Any]])
        for p in points {
            XCTAssertNotNil(p["mc_surrogate_mse"] as? Double)
            XCTAssertNotNil(p["mc_iid_mse"] as? Double)
            XCTAssertEqual(p["ridge_lambda"] as? Double, 0.25)
        }
        let negative = try CLI.run(["sweep", "--ns", "3,12", "--trials", "20", "--lambda", "-0.05", "--format", "json"] + Self.model)
        XCTAssertEqual(negative.status, 0, negative.stderrText)
        let json = try CLI.jsonObject(negative.stdout)
        let rows = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertTrue(rows.allSatisfy { $0["mc_surrogate_mse"] is NSNull && $0["mc_iid_mse"] is NSNull })
        XCTAssertTrue("\(json["warnings"] ?? "")".contains("infinite"), negative.stdoutText)
    }

    /// On a data set `theory_exact` says whether the theory columns are exact; at a penalty there are
    /// none, so it is empty there (true at lambda = 0 below d).
    func testTheoryExactIsEmptyAtARidgePenalty() throws {
        let data = ["--data", ConvertTests.data, "--target", "progression", "--n", "5", "--format", "json"]
        let plain = try CLI.jsonObject(try CLI.run(["point"] + data).stdout)
        XCTAssertEqual(plain["theory_exact"] as? Bool, true)
        let ridge = try CLI.jsonObject(try CLI.run(["point", "--lambda", "2"] + data).stdout)
        XCTAssertTrue(ridge["theory_exact"] is NSNull, "\(ridge)")
        XCTAssertTrue(ridge["theory_mse"] is NSNull)
    }

    /// A ridge path at a fractional n has no i.i.d. design: its keys are empty and the warning says so,
    /// as for every other sweep.
    func testRidgePathAtAFractionalSizeWarnsOfTheIIDDesign() throws {
        let result = try CLI.run(["sweep", "--vary", "lambda", "--d", "6", "--n", "3.5", "--lambdas", "0,1", "--trials", "20",
                                  "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let json = try CLI.jsonObject(result.stdout)
        XCTAssertTrue("\(json["warnings"] ?? "")".contains("the i.i.d. design needs an integer n"), result.stdoutText)
        let rows = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertTrue(rows.allSatisfy { $0["mc_iid_mse"] is NSNull && $0["mc_surrogate_mse"] is Double })
    }

    func testBelowLambdaMinIsRefused() throws {
        let result = try CLI.run(["point", "--n", "5", "--lambda", "-100"] + Self.model)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderrText.contains("lambda_min"), result.stderrText)
        XCTAssertTrue(result.stdout.isEmpty)
        XCTAssertEqual(try CLI.run(["point", "--n", "5", "--lambda", "nan"] + Self.model).status, 2)
    }

    func testShardsMergeToTheUnshardedBytes() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = ["sweep", "--ns", "3,8,12", "--trials", "100", "--lambda", "0.3", "--format", "csv"] + Self.model
        let whole = try CLI.run(sweep)
        XCTAssertEqual(whole.status, 0, whole.stderrText)
        for i in 1...2 {
            let part = try CLI.run(sweep + ["--shard", "\(i)/2", "--out", "part\(i).ddp"], in: folder)
            XCTAssertEqual(part.status, 0, part.stderrText)
        }
        let merged = try CLI.run(["merge", "part1.ddp", "part2.ddp", "--format", "csv"], in: folder)
        XCTAssertEqual(merged.status, 0, merged.stderrText)
        XCTAssertEqual(merged.stdout, whole.stdout)
    }

    /// The ridge path: one row per penalty, the top-level optimum and Bayes penalty (the library's), the
    /// row at lambda = 0 equal to the plain sweep's at the same n and seed (the same trial streams), the
    /// rows at lambda != 0 equal to `--lambda` sweeps'.
    func testRidgePath() throws {
        let path = try CLI.run(["sweep", "--vary", "lambda", "--n", "5", "--lambdas=-0.05,0,0.25", "--trials", "100",
                                "--format", "json"] + Self.model)
        XCTAssertEqual(path.status, 0, path.stderrText)
        let json = try CLI.jsonObject(path.stdout)
        let rows = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["ridge_lambda"] as? Double }, [-0.05, 0, 0.25])
        let model = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 8), wstar: .random(seed: 3), sigma: 0.5)
        let calculator = ClosedFormCalculator(model: model)
        for (key, value) in [("de_optimal_lambda", try XCTUnwrap(try calculator.deOptimalLambda(n: 5))),
                             ("bayes_lambda", try XCTUnwrap(calculator.bayesLambda))] {
            XCTAssertTrue(path.stdoutText.contains("\"\(key)\": \(value),"), "\(key) \(value)")
        }
        let plain = try CLI.jsonObject(try CLI.run(["sweep", "--ns", "5", "--trials", "100", "--format", "json"] + Self.model).stdout)
        let plainRow = try XCTUnwrap((plain["points"] as? [[String: Any]])?.first)
        for key in ["theory_mse", "de_mse", "mc_surrogate_mse", "mc_iid_mse"] {
            XCTAssertEqual(rows[1][key] as? Double, plainRow[key] as? Double, key)
        }
        let ridge = try CLI.jsonObject(try CLI.run(["sweep", "--ns", "5", "--trials", "100", "--lambda", "0.25", "--format", "json"]
                                                   + Self.model).stdout)
        let ridgeRow = try XCTUnwrap((ridge["points"] as? [[String: Any]])?.first)
        for key in ["de_mse", "mc_surrogate_mse", "mc_iid_mse", "kappa"] {
            XCTAssertEqual(rows[2][key] as? Double, ridgeRow[key] as? Double, key)
        }
        XCTAssertTrue(rows[0]["mc_surrogate_mse"] is NSNull)
        XCTAssertEqual(try CLI.run(["sweep", "--vary", "lambda", "--d", "8", "--lambdas", "1"]).status, 2, "needs --n")
        // A malformed list names --lambdas (it named --ns before the penalty flags shared `PenaltyChoice`).
        let list = try CLI.run(["sweep", "--vary", "lambda", "--n", "5", "--lambdas", "1,,2"] + Self.model)
        XCTAssertEqual(list.status, 2)
        XCTAssertTrue(list.stderrText.hasPrefix("ddcalc: error: --lambdas: "), list.stderrText)
    }
}
