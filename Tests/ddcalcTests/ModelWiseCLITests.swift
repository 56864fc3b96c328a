import Foundation
import XCTest

/// `sweep --vary d` and `--features` on the command line: the `d` key, the grid, and bad inputs
/// (exit 2, one line naming the flag).
final class ModelWiseCLITests: XCTestCase {
    func testVaryDPrintsADKeyPerPoint() throws {
        let result = try CLI.run(["sweep", "--vary", "d", "--n", "3", "--d", "6", "--d-min", "2", "--points", "3",
                                  "--trials", "20", "--format", "json", "--threads", "1"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let json = try CLI.jsonObject(result.stdout)
        let points = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertEqual(points.compactMap { $0["d"] as? Int }, [2, 4, 6])
        XCTAssertTrue(points.allSatisfy { ($0["n"] as? Double) == 3 })
        let model = try XCTUnwrap(json["model"] as? [String: Any])
        XCTAssertEqual(model["vary"] as? String, "d")
        XCTAssertEqual(model["d"] as? Int, 6)
    }

    func testNonGaussianFeaturesHaveNoExactIIDValue() throws {
        for law in ["sphere", "uniform"] {
            let result = try CLI.run(["point", "--d", "10", "--n", "20", "--features", law, "--format", "json"])
            XCTAssertEqual(result.status, 0, result.stderrText)
            let json = try CLI.jsonObject(result.stdout)
            XCTAssertTrue(json["iid_exact_mse"] is NSNull, law)
            XCTAssertNotNil(json["theory_mse"] as? Double, law)
        }
    }

    func testBadModelWiseInputsExitTwoWithOneLine() throws {
        let base = ["sweep", "--d", "5", "--trials", "2"]
        let cases: [([String], String)] = [
            (["--vary", "d"], "--n"),
            (["--vary", "d", "--n", "3", "--ns", "4"], "--ns"),
            (["--vary", "d", "--n", "3", "--n-max", "4"], "--n-max"),
            (["--n", "3"], "--n"),
            (["--d-min", "2"], "--d-min"),
            (["--vary", "d", "--n", "0"], "--n"),
            (["--vary", "d", "--n", "3", "--d-max", "6"], "--d-max"),
            (["--vary", "d", "--n", "3", "--d-min", "4", "--d-max", "3"], "--d-min"),
            (["--vary", "d", "--n", "3", "--points", "9"], "--points"),
            (["--vary", "d", "--n", "3", "--features", "sphere"], "--features"),
            (["--vary", "q"], "--vary"),
        ]
        for (extra, flag) in cases {
            let result = try CLI.run(base + extra)
            XCTAssertEqual(result.status, 2, "\(extra): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "", "\(extra)")
            let lines = result.stderrText.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(extra): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains(flag), "\(extra) should name \(flag): \(result.stderrText)")
        }
    }
}
