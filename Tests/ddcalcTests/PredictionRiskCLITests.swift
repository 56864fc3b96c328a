import Foundation
import XCTest

/// `--risk prediction` through the real executable: the closed forms and the Monte Carlo it prints,
/// the `risk` key, the canonical arguments of checkpoints and parts, merge, and the gnuplot axis.
final class PredictionRiskCLITests: XCTestCase {
    private func run(_ arguments: [String], in folder: URL? = nil) throws -> CLIResult {
        let result = try CLI.run(arguments, in: folder)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderrText)")
        return result
    }

    private func csvRows(_ result: CLIResult) -> [[String: String]] {
        let lines = result.stdoutText.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// `point`: sigma^2 d (1 - e^-(n-d))/(n - d) at n > d, null theory below d for a non-isotropic
    /// spectrum (the deterministic equivalent stays), and the `risk` key in JSON (estimation by default).
    func testPointPrintsThePredictionRisk() throws {
        let above = try CLI.jsonObject(try run(["point", "--d", "10", "--n", "12.5", "--spectrum", "geometric:100", "--sigma", "0.5",
                                               "--risk", "prediction", "--format", "json"]).stdout)
        XCTAssertEqual(above["risk"] as? String, "prediction")
        XCTAssertEqual(above["theory_mse"] as! Double, 0.25 * 10 * -expm1(-2.5) / 2.5, accuracy: 1e-15)
        XCTAssertEqual(above["iid_exact_mse"] as? NSNull, NSNull(), "non-integer n")
        let below = try CLI.jsonObject(try run(["point", "--d", "10", "--n", "4", "--spectrum", "geometric:100",
                                               "--risk", "prediction", "--format", "json"]).stdout)
        XCTAssertTrue(below["theory_mse"] is NSNull && below["theory_bias"] is NSNull && below["theory_variance"] is NSNull)
        XCTAssertTrue(below["de_mse"] is Double)
        XCTAssertNil(below["warnings"], "a null theory below d is not a precision warning")
        let estimation = try CLI.jsonObject(try run(["point", "--d", "10", "--n", "4", "--format", "json"]).stdout)
        XCTAssertEqual(estimation["risk"] as? String, "estimation")
        let table = try run(["point", "--d", "10", "--n", "4", "--risk", "prediction"]).stdoutText
        let echoLine = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("risk ") }.map(String.init) }
        XCTAssertEqual(echoLine(table)?.split(separator: " ").last, "prediction", table)
        XCTAssertNil(echoLine(try run(["point", "--d", "10", "--n", "4"]).stdoutText))
    }

    /// `sweep --risk prediction` on an isotropic model with s = 2.5 (a file spectrum): theory s times
    /// the estimation values; the Monte Carlo of both designs within 4 standard errors of it; the
    /// estimation csv has no trace of the flag.
    func testSweepIsotropicIsScaledEstimation() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try (Array(repeating: "2.5", count: 10).joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("s.txt"),
                                                                                     atomically: true, encoding: .utf8)
        let common = ["sweep", "--spectrum", "file:s.txt", "--ns", "2,3.5,24,31", "--trials", "2000", "--sigma", "0.6",
                      "--format", "csv"]
        let estimation = csvRows(try run(common, in: folder)), prediction = csvRows(try run(common + ["--risk", "prediction"], in: folder))
        XCTAssertEqual(estimation.first.map { Array($0.keys).sorted() }, prediction.first.map { Array($0.keys).sorted() })
        for (e, p) in zip(estimation, prediction) {
            let theory = Double(p["theory_mse"]!)!
            XCTAssertEqual(theory, 2.5 * Double(e["theory_mse"]!)!, accuracy: 1e-13 * theory, "n = \(p["n"]!)")
            for design in ["surrogate", "iid"] {
                guard let mean = Double(p["mc_\(design)_mse"] ?? ""), let error = Double(p["mc_\(design)_stderr"]!) else { continue }
                let expected = design == "surrogate" ? theory : Double(p["iid_exact_mse"]!)!
                XCTAssertLessThan(abs(mean - expected) / error, 4, "\(design) n = \(p["n"]!): \(mean) +- \(error) vs \(expected)")
            }
        }
    }

    /// Shards of a prediction sweep store `--risk=prediction` and merge to the unsharded bytes; the
    /// estimation part's arguments do not mention the risk (its fingerprint is unchanged), and parts of
    /// the two risks are refused together, naming the flag.
    func testShardsCarryTheRiskAndMerge() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = ["sweep", "--d", "8", "--spectrum", "geometric:10", "--ns", "3,8,12.5", "--trials", "64", "--seed", "3"]
        let reference = try run(sweep + ["--risk", "prediction", "--format", "json"], in: folder).stdout
        for shard in 1...2 {
            _ = try run(sweep + ["--risk", "prediction", "--shard", "\(shard)/2", "--out", "p\(shard).ddp"], in: folder)
            _ = try run(sweep + ["--shard", "\(shard)/2", "--out", "e\(shard).ddp"], in: folder)
        }
        let part = try String(contentsOf: folder.appendingPathComponent("p1.ddp"), encoding: .utf8)
        XCTAssertTrue(part.contains("--risk=prediction"))
        XCTAssertFalse(try String(contentsOf: folder.appendingPathComponent("e1.ddp"), encoding: .utf8).contains("--risk"))
        let merged = try run(["merge", "p1.ddp", "p2.ddp", "--format", "json"], in: folder)
        XCTAssertEqual(merged.stdout, reference)
        let mixed = try CLI.run(["merge", "p1.ddp", "e2.ddp"], in: folder)
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderrText.contains("--risk"), mixed.stderrText)
        let json = try CLI.jsonObject(merged.stdout)
        XCTAssertEqual((json["model"] as? [String: Any])?["risk"] as? String, "prediction")
    }

    /// The gnuplot export labels its y-axis by risk and echoes it.
    func testGnuplotAxisNamesTheRisk() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = ["sweep", "--d", "6", "--ns", "2,9", "--trials", "0", "--format", "gnuplot"]
        _ = try run(sweep + ["--out", "e"], in: folder)
        _ = try run(sweep + ["--risk", "prediction", "--out", "p"], in: folder)
        let estimation = try String(contentsOf: folder.appendingPathComponent("e/sweep.gp"), encoding: .utf8)
        let prediction = try String(contentsOf: folder.appendingPathComponent("p/sweep.gp"), encoding: .utf8)
        XCTAssertTrue(estimation.contains("set ylabel \"MSE  E‖ŵ − w*‖²\""), estimation)
        XCTAssertTrue(prediction.contains("set ylabel \"prediction risk  E (ŵ − w*)ᵀ Σ (ŵ − w*)\""), prediction)
        XCTAssertTrue(prediction.contains("risk = prediction"))
        XCTAssertFalse(estimation.contains("risk ="))
    }

    func testUnknownRiskIsRefused() throws {
        let result = try CLI.run(["point", "--d", "4", "--n", "2", "--risk", "test"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderrText.contains("--risk"), result.stderrText)
        XCTAssertEqual(result.stdout, Data())
    }
}
