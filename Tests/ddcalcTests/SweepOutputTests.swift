import Foundation
import XCTest

/// `ddcalc sweep` output: independent of the thread count, and carrying the contract's keys.
final class SweepOutputTests: XCTestCase {
    /// d = 8 with n on both sides of the interpolation threshold, including d-1, d, d+1 and a
    /// non-integer n, where the i.i.d. Monte Carlo has no finite answer.
    static let sweep = ["sweep", "--d", "8", "--ns", "2,5.5,7,8,9,12", "--trials", "200"]

    func testThreadCountNeverChangesTheOutput() throws {
        let outputs = try [1, 2, 5].map { threads -> Data in
            let result = try CLI.run(Self.sweep + ["--format", "csv", "--threads", String(threads)])
            XCTAssertEqual(result.status, 0, result.stderrText)
            // n = 5.5 has no i.i.d. design: the one warning that says so (docs/OUTPUT.md, "Warnings").
            XCTAssertEqual(result.stderrText, "ddcalc: warning: the i.i.d. design needs an integer n: 1 of 6 grid points (first n = 5.5) "
                + "have no i.i.d. design, so mc_iid_mse, mc_iid_stderr and gap_mc are empty there\n")
            return result.stdout
        }
        XCTAssertEqual(outputs[0].split(separator: UInt8(ascii: "\n")).count, 7, "a header and six rows")
        XCTAssertEqual(outputs[1], outputs[0], "--threads 2 differs from --threads 1")
        XCTAssertEqual(outputs[2], outputs[0], "--threads 5 differs from --threads 1")
        let json = try [1, 5].map { try CLI.run(Self.sweep + ["--format", "json", "--threads", String($0)]).stdout }
        XCTAssertEqual(json[1], json[0], "JSON: --threads 5 differs from --threads 1")

        // The CSV header has the contract's keys in the contract's order (other keys may be between).
        let header = String(decoding: outputs[0], as: UTF8.self).prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        XCTAssertEqual(header.filter(contractPointKeys.contains), contractPointKeys)
    }

    func testJSONHasTheContractKeysAndNullWhereTheIIDDesignHasNoAnswer() throws {
        let result = try CLI.run(Self.sweep + ["--format", "json", "--threads", "2", "--seed", "7"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let json = try CLI.jsonObject(result.stdout)

        let model = try XCTUnwrap(json["model"] as? [String: Any], "no model object")
        for key in ["d", "spectrum", "wstar", "wnorm", "sigma", "features", "trials", "seed"] {
            XCTAssertNotNil(model[key], "model echo lacks \(key)")
            XCTAssertFalse(model[key] is NSNull, "model echo has null \(key)")
        }
        XCTAssertEqual(model["d"] as? Int, 8)
        XCTAssertEqual(model["trials"] as? Int, 200)
        XCTAssertEqual(model["seed"].map { "\($0)" }, "7")
        XCTAssertEqual(model["spectrum"] as? String, "isotropic")

        let points = try XCTUnwrap(json["points"] as? [[String: Any]], "no points array")
        XCTAssertEqual(points.compactMap { $0["n"] as? Double }, [2, 5.5, 7, 8, 9, 12])
        for point in points {
            let n = point["n"] as? Double ?? .nan
            for key in contractPointKeys {
                XCTAssertNotNil(point[key], "n = \(n): no \(key)")
            }
            let iidUndefined = n != n.rounded() || [7, 8, 9].contains(n)
            for key in ["mc_iid_mse", "mc_iid_stderr"] {
                if iidUndefined {
                    XCTAssertTrue(point[key] is NSNull, "n = \(n): \(key) must be null, got \(point[key] ?? "nothing")")
                } else {
                    XCTAssertNotNil(point[key] as? Double, "n = \(n): \(key) must be a number")
                }
            }
            XCTAssertNotNil(point["theory_mse"] as? Double, "n = \(n): theory_mse must be a number")
            XCTAssertNotNil(point["mc_surrogate_mse"] as? Double, "n = \(n): mc_surrogate_mse must be a number")
            XCTAssertNotNil(point["heavy_tail"] as? Bool, "n = \(n): heavy_tail must be true or false")
            XCTAssertEqual(point["lambda"] is NSNull, n >= 8, "n = \(n): lambda is null exactly for n >= d")
        }
    }
}
