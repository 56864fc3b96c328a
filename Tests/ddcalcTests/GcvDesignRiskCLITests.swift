import DoubleDescent
import Foundation
import XCTest

/// `ddcalc gcv --n N` (docs/OUTPUT.md, "gcv"; docs/MATH.md, "The design-based risk of a data set's ridge
/// fits"): per penalty, the design-based keys are those `sweep --vary lambda --data F --n N` prints at the
/// subsample penalties, with w* the data's least-squares fit and sigma its residual level; kappa is
/// lambda / N; bad input is one line, exit 2, no output.
final class GcvDesignRiskCLITests: XCTestCase {
    private func folder() throws -> URL {
        let directory = try CLI.temporaryDirectory()
        try GcvCLITests.tall.write(to: directory.appendingPathComponent("tall.csv"), atomically: true, encoding: .utf8)
        try GcvCLITests.wide.write(to: directory.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        return directory
    }

    private func json(_ result: CLIResult) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], result.stderrText)
    }

    private func points(_ object: [String: Any]) -> [[String: Any]] { object["points"] as? [[String: Any]] ?? [] }

    private func assertClose(_ a: Any?, _ b: Any?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let x = a as? Double, let y = b as? Double else {
            XCTAssertTrue(a is NSNull && b is NSNull, "\(what): \(String(describing: a)) against \(String(describing: b))", file: file, line: line)
            return
        }
        XCTAssertEqual(x, y, accuracy: 1e-10 * max(abs(x), abs(y)), what, file: file, line: line)
    }

    /// The data set's least-squares model, by the library, written as a --wstar file.
    private func model(in directory: URL) throws -> RegressionModel {
        let file = try DataSetFile(path: directory.appendingPathComponent("tall.csv").path, target: "y")
        let model = RegressionModel(population: try FinitePopulation(file), leastSquaresOf: file.target!)
        try model.wOriginal.map { "\($0)" }.joined(separator: "\n").write(to: directory.appendingPathComponent("w.txt"),
                                                                         atomically: true, encoding: .utf8)
        return model
    }

    func testKeysAreSweepsAtTheSubsamplePenalty() throws {
        let directory = try folder()
        let model = try model(in: directory)
        let lambdas = [0.0, 0.3, 2.0, 15.0, -0.5]
        let gcv = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--n", "5", "--trials", "300", "--seed", "4",
                               "--lambdas", lambdas.map { "\($0)" }.joined(separator: ","), "--format", "json"], in: directory)
        XCTAssertEqual(gcv.status, 0, gcv.stderrText)
        let object = try json(gcv), rows = points(object), echo = try XCTUnwrap(object["model"] as? [String: Any])
        XCTAssertEqual(echo["sigma"] as? Double, model.sigma)
        XCTAssertEqual(echo["wstar"] as? String, "least-squares")
        XCTAssertEqual(rows.count, lambdas.count)
        let subsample = rows.map { $0["subsample_lambda"] as? Double }
        XCTAssertFalse(subsample.contains(nil), "n = 5 > d = 3: every penalty above N kappa* has a subsample penalty")
        for (row, lambda) in zip(rows, lambdas) {
            assertClose(row["kappa"], lambda / 7, "kappa = lambda / N at \(lambda)")
        }
        let sweep = try CLI.run(["sweep", "--vary", "lambda", "--data", "tall.csv", "--target", "y", "--n", "5", "--wstar", "file:w.txt",
                                 "--sigma", "\(model.sigma)", "--trials", "300", "--seed", "4",
                                 "--lambdas", subsample.map { "\($0!)" }.joined(separator: ","), "--format", "json"], in: directory)
        XCTAssertEqual(sweep.status, 0, sweep.stderrText)
        let reference = points(try json(sweep))
        XCTAssertEqual(reference.count, rows.count)
        for (row, expected) in zip(rows, reference) {
            assertClose(row["subsample_lambda"], expected["ridge_lambda"], "subsample_lambda")
            for key in ["kappa", "gamma", "lambda_min", "de_mse", "mc_surrogate_mse", "mc_surrogate_stderr", "mc_surrogate_mean_rows",
                        "mc_iid_mse", "mc_iid_stderr"] {
                assertClose(row[key], expected[key], "\(key) at subsample_lambda \(subsample)")
            }
        }
        // The negative full-data penalty has a negative subsample penalty: its Monte Carlo is null, with a warning.
        XCTAssertLessThan(subsample[4]!, 0)
        XCTAssertTrue(rows[4]["mc_surrogate_mse"] is NSNull)
        let warnings = (object["warnings"] as? [String]) ?? []
        XCTAssertTrue(warnings.contains { $0.contains("Monte Carlo not computed") }, "\(warnings)")
        XCTAssertEqual(object["de_best_lambda"] as? Double,
                       GridMinimum.argmin(lambdas, rows.map { $0["de_mse"] as? Double ?? .infinity }))
        // The Monte Carlo agrees with the deterministic equivalent only approximately; it is a mean of
        // positive errors, so it is positive and finite.
        for row in rows.prefix(4) { XCTAssertGreaterThan(try XCTUnwrap(row["mc_iid_mse"] as? Double), 0) }
    }

    /// n < d: small full-data penalties (lambda / N below kappa*) have no subsample penalty: null keys and
    /// one warning; the large ones do. Without --n the rows are unchanged (no design keys).
    func testNullBelowKappaStarAndAbsentWithoutN() throws {
        let directory = try folder()
        let result = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--n", "1.5", "--lambdas", "0.001,50", "--format", "json"],
                                 in: directory)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let object = try json(result), rows = points(object)
        XCTAssertTrue(rows[0]["de_mse"] is NSNull, "\(rows[0])")
        XCTAssertTrue(rows[0]["subsample_lambda"] is NSNull)
        XCTAssertNotNil(rows[1]["de_mse"] as? Double, "\(rows[1])")
        XCTAssertTrue(((object["warnings"] as? [String]) ?? []).contains { $0.contains("design-based keys are null at lambda = 0.001") })
        let plain = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--lambdas", "0.001,50", "--format", "csv"], in: directory)
        XCTAssertEqual(plain.status, 0, plain.stderrText)
        XCTAssertFalse(plain.stdoutText.contains("de_mse"))
        let table = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--n", "5", "--lambdas", "1,2", "--trials", "50"], in: directory)
        XCTAssertEqual(table.status, 0, table.stderrText)
        for title in ["n-row lambda", "DE MSE", "MC surrogate", "MC iid"] { XCTAssertTrue(table.stdoutText.contains(title), table.stdoutText) }
        // A fractional n has no i.i.d. design: its keys are empty, with the sweep's warning.
        let fractional = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--n", "5.5", "--lambdas", "1", "--trials", "20",
                                      "--format", "json"], in: directory)
        let fractionalObject = try json(fractional)
        XCTAssertTrue(points(fractionalObject)[0]["mc_iid_mse"] is NSNull)
        XCTAssertNotNil(points(fractionalObject)[0]["mc_surrogate_mse"] as? Double)
        XCTAssertTrue(((fractionalObject["warnings"] as? [String]) ?? []).contains { $0.contains("the i.i.d. design needs an integer n") })
    }

    func testBadInputIsOneLine() throws {
        let directory = try folder()
        try "1,2,3\n1,2,3\n0,1,5\n2,1,0.5\n".write(to: directory.appendingPathComponent("repeated.csv"), atomically: true, encoding: .utf8)
        for (arguments, names) in [
            (["--data", "tall.csv", "--target", "y", "--trials", "10"], ["--trials", "--n"]),
            (["--data", "tall.csv", "--target", "y", "--risk", "prediction"], ["--risk", "--n"]),
            (["--data", "tall.csv", "--target", "y", "--n", "0"], ["--n"]),
            (["--data", "tall.csv", "--target", "y", "--n", "nan"], ["--n"]),
            (["--data", "tall.csv", "--target", "y", "--n", "5", "--trials", "-1"], ["--trials"]),
            (["--data", "wide.csv", "--target", "5", "--n", "2"], ["wide.csv"]),
            (["--data", "repeated.csv", "--target", "3", "--n", "2"], ["repeated.csv"]),
        ] as [([String], [String])] {
            let result = try CLI.run(["gcv", "--lambdas", "1"] + arguments, in: directory)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(result.stdout.isEmpty, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            for name in names { XCTAssertTrue(result.stderrText.contains(name), "\(name): \(result.stderrText)") }
        }
    }
}
