@testable import ddcalc
import Foundation
import XCTest

/// `--sampler exact-law|rows` through the real executable: echoed in JSON and tables, part of a
/// sweep's inputs only when it is `rows` (the exact-law fingerprints are those from before the
/// flag), taken by every Monte Carlo (sweep, --vary d, shards and merge, checkpoints), and not an
/// option of `ridge`, whose draws are always rows.
final class SamplerCLITests: XCTestCase {
    static let sweep = ["sweep", "--d", "8", "--spectrum", "geometric:10", "--ns", "3,12", "--trials", "64"]

    private func run(_ arguments: [String], in folder: URL? = nil, line: UInt = #line) throws -> CLIResult {
        let result = try CLI.run(arguments, in: folder)
        XCTAssertEqual(result.status, 0, "\(arguments.joined(separator: " ")): \(result.stderrText)", line: line)
        return result
    }

    /// The CSV rows as column -> field, and the header.
    private func records(_ csv: CLIResult) -> (header: [String], rows: [[String: String]]) {
        let lines = csv.stdoutText.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return ([], []) }
        return (header, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    func testSamplerIsEchoedAndChangesOnlyTheMonteCarloColumns() throws {
        for (flag, name) in [([], "exact-law"), (["--sampler", "exact-law"], "exact-law"), (["--sampler", "rows"], "rows")] {
            let json = try CLI.jsonObject(try run(Self.sweep + flag + ["--format", "json"]).stdout)
            let model = try XCTUnwrap(json["model"] as? [String: Any])
            XCTAssertEqual(model["sampler"] as? String, name, "\(flag)")
            let table = try run(Self.sweep + flag).stdoutText
            XCTAssertTrue(table.contains("seed = 1, sampler = \(name)\n"), table)
        }
        let exact = records(try run(Self.sweep + ["--format", "csv"]))
        let rows = records(try run(Self.sweep + ["--sampler", "rows", "--format", "csv"]))
        XCTAssertEqual(records(try run(Self.sweep + ["--sampler", "exact-law", "--format", "csv"])).rows, exact.rows)
        XCTAssertEqual(rows.header, exact.header)
        XCTAssertEqual(rows.rows.count, 2)
        for (a, b) in zip(exact.rows, rows.rows) {
            // `sampler` is the provenance column naming the sampler; gap_mc is made of Monte Carlo means.
            for key in exact.header where !key.hasPrefix("mc_") && !key.hasPrefix("gap_mc") && key != "heavy_tail" && key != "sampler" {
                XCTAssertEqual(a[key], b[key], "\(key): closed forms do not depend on the sampler")
            }
            XCTAssertNotEqual(a["mc_surrogate_mse"], b["mc_surrogate_mse"], "the surrogate Monte Carlo took the same path")
            XCTAssertNotEqual(a["mc_iid_mse"], b["mc_iid_mse"], "the i.i.d. Monte Carlo took the same path")
            XCTAssertNotNil(a["mc_iid_mse"])
        }
    }

    /// Canonical arguments carry `--sampler=rows` only for rows; the exact-law fingerprint is the one
    /// a part file of the code before `--sampler` carried for the same sweep.
    func testSamplerIsPartOfTheInputsOnlyWhenRows() throws {
        func inputs(_ extra: [String]) throws -> SweepInputs {
            let sweep = try Sweep.parse(Array(Self.sweep.dropFirst()) + extra)
            let regression = try sweep.model.makeModel()
            return SweepInputs(model: sweep.model, grid: sweep.grid, simulation: sweep.simulation, regression: regression,
                               ns: try sweep.grid.values(d: regression.d))
        }
        let exact = try inputs([]), explicit = try inputs(["--sampler", "exact-law"]), rows = try inputs(["--sampler", "rows"])
        XCTAssertEqual(exact, explicit)
        XCTAssertFalse(exact.arguments.contains { $0.hasPrefix("--sampler") }, "\(exact.arguments)")
        XCTAssertEqual(FNV1a.hex(exact.fingerprint), "89b90d4beac84d5b",
                       "the exact-law fingerprint moved (it was b2ebd748b957fe8d up to bits version 2, cb715e825bf4f7b8 at 3)")
        XCTAssertEqual(rows.arguments.filter { $0.hasPrefix("--sampler") }, ["--sampler=rows"])
        XCTAssertNotEqual(rows.fingerprint, exact.fingerprint)
        XCTAssertNotEqual(Checkpoint.fingerprint(inputs: rows, shard: nil), Checkpoint.fingerprint(inputs: exact, shard: nil))
        XCTAssertEqual(try Sweep.parse(rows.arguments).simulation.sampler, .rows, "merge rebuilds the sampler")
    }

    func testShardsOfARowsSweepMergeToItsBytesAndDoNotMixWithExactLaw() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = Self.sweep + ["--sampler", "rows"]
        let reference = try run(rows + ["--format", "csv"]).stdout
        for shard in 1...3 { _ = try run(rows + ["--threads", "1", "--shard", "\(shard)/3", "--out", "rows\(shard).ddp"], in: folder) }
        let merged = try run(["merge", "rows1.ddp", "rows2.ddp", "rows3.ddp", "--format", "csv"], in: folder)
        XCTAssertEqual(merged.stdout, reference, "merged rows shards differ from the unsharded rows sweep")
        let json = try CLI.jsonObject(try run(["merge", "rows3.ddp", "rows1.ddp", "rows2.ddp", "--format", "json"], in: folder).stdout)
        XCTAssertEqual((json["model"] as? [String: Any])?["sampler"] as? String, "rows")

        _ = try run(Self.sweep + ["--shard", "2/3", "--out", "exact2.ddp"], in: folder)
        let mixed = try CLI.run(["merge", "rows1.ddp", "exact2.ddp", "rows3.ddp"], in: folder)
        XCTAssertEqual(mixed.status, 2, mixed.stderrText)
        XCTAssertEqual(mixed.stdout, Data())
        XCTAssertEqual(mixed.stderrText.split(separator: "\n").count, 1, mixed.stderrText)
        XCTAssertTrue(mixed.stderrText.contains("exact2.ddp") && mixed.stderrText.contains("--sampler"), mixed.stderrText)
    }

    /// A rows sweep killed mid-job and run again prints the uninterrupted bytes, with another thread count.
    func testKilledRowsSweepResumesToTheSameBytes() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = ["sweep", "--d", "40", "--spectrum", "geometric:10", "--ns", "55.5", "--design", "surrogate",
                      "--trials", "12000", "--sampler", "rows", "--format", "csv"]
        let uninterrupted = try run(single + ["--threads", "2"])
        let checkpoint = folder.appendingPathComponent("rows.ckpt")
        let arguments = single + ["--checkpoint", "rows.ckpt", "--checkpoint-interval", "0.1"]
        try Reliability.killAtFirstSave(arguments, checkpoint: checkpoint, in: folder)
        let resumed = try run(arguments + ["--threads", "2"], in: folder)
        XCTAssertEqual(resumed.stdout, uninterrupted.stdout, "resuming a rows sweep changed the bytes")
    }

    func testModelWiseAndCheckRidgeSweepsTakeTheSampler() throws {
        let modelWise = ["sweep", "--vary", "d", "--n", "5", "--d", "8", "--spectrum", "geometric:10", "--sigma", "0.5",
                         "--trials", "64", "--format", "csv"]
        let exact = try run(modelWise).stdout
        let rows = try run(modelWise + ["--sampler", "rows", "--threads", "1"]).stdout
        XCTAssertNotEqual(rows, exact, "--vary d ignored --sampler rows")
        XCTAssertEqual(try run(modelWise + ["--sampler", "rows", "--threads", "2"]).stdout, rows, "threads changed a byte")

        let check = Self.sweep + ["--check-ridge", "--format", "csv"]
        let a = records(try run(check)), b = records(try run(check + ["--sampler", "rows"]))
        XCTAssertNotEqual(a.rows[0]["mc_surrogate_mse"], b.rows[0]["mc_surrogate_mse"])
        // The ridge check draws rows either way: its columns do not move.
        let ridgeKeys = a.header.filter { $0.hasPrefix("ridge_") }
        XCTAssertFalse(ridgeKeys.isEmpty, "\(a.header)")
        XCTAssertNotNil(a.rows[0][ridgeKeys[0]].flatMap(Double.init), "the check ran at n = 3")
        for key in ridgeKeys { XCTAssertEqual(a.rows.map { $0[key] }, b.rows.map { $0[key] }, key) }
    }

    /// `ridge` always draws the rows: it has no --sampler, and its outputs name none.
    func testRidgeHasNoSampler() throws {
        let ridge = ["ridge", "--d", "6", "--n", "3", "--spectrum", "geometric:10", "--trials", "64"]
        let json = try CLI.jsonObject(try run(ridge + ["--format", "json"]).stdout)
        XCTAssertNil(json["sampler"])
        XCTAssertNotNil(json["mc_mean"] as? [Double])
        XCTAssertFalse(try run(ridge).stdoutText.contains("sampler"))
        let refused = try CLI.run(ridge + ["--sampler", "rows"])
        XCTAssertEqual(refused.status, 2, refused.stderrText)
        XCTAssertEqual(refused.stdout, Data())
        XCTAssertEqual(refused.stderrText.split(separator: "\n").count, 1, refused.stderrText)
        XCTAssertTrue(refused.stderrText.contains("--sampler"), refused.stderrText)
    }

    func testUnknownSamplerIsRefusedNamingTheFlag() throws {
        for arguments in [Self.sweep + ["--sampler", "fast"], ["ridge", "--d", "4", "--n", "2", "--sampler", "exact"]] {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertEqual(result.stdout, Data())
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("--sampler"), result.stderrText)
        }
    }
}
