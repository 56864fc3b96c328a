import Foundation
import XCTest

/// `--data` and `--target`: bad data files exit 2 with one line naming the file or flag and leave no
/// output behind; a good file gives the finite-population closed forms with `theory_exact`.
final class DataInputTests: XCTestCase {
    static let fixtures: [String: String] = [
        "good.csv": "a,b,resp\n1,0.5,3\n-0.2,1,1\n0.7,-1.1,2\n0.3,0.9,-1\n",
        "ragged.csv": "1,2\n3\n4,5\n",
        "word.csv": "a,b\n1,2\n3,x\n",
        "repeated.csv": "1,2\n3,4\n5,7\n3,4\n",
        "repeated-features.csv": "a,b,t\n1,2,5\n1,2,6\n3,1,0\n",
        "rank.csv": "1,2,3\n2,1,3\n4,4,8\n5,0,5\n",
        "zero-row.csv": "1,2\n0,0\n3,5\n",
        "few-rows.csv": "1,2,3\n4,5,6\n",
        "one-column.csv": "1\n2\n3\n",
        "empty.csv": "",
    ]

    struct Case {
        let label: String
        let arguments: [String]
        let names: [String]
    }

    static func sweep(_ extra: String...) -> [String] { ["sweep", "--trials", "2", "--ns", "1"] + extra }

    static let cases: [Case] = [
        Case(label: "ragged", arguments: sweep("--data", "ragged.csv"), names: ["--data", "ragged.csv"]),
        Case(label: "non-numeric", arguments: sweep("--data", "word.csv"), names: ["--data", "word.csv"]),
        Case(label: "repeated rows", arguments: sweep("--data", "repeated.csv"), names: ["--data", "repeated.csv"]),
        Case(label: "rows repeated once the target is removed",
             arguments: sweep("--data", "repeated-features.csv", "--target", "t"), names: ["repeated-features.csv"]),
        Case(label: "rank deficient", arguments: sweep("--data", "rank.csv"), names: ["--data", "rank.csv"]),
        Case(label: "zero row", arguments: ["point", "--n", "1", "--data", "zero-row.csv"], names: ["zero-row.csv"]),
        Case(label: "fewer rows than features", arguments: sweep("--data", "few-rows.csv"), names: ["few-rows.csv"]),
        Case(label: "empty", arguments: sweep("--data", "empty.csv"), names: ["empty.csv"]),
        Case(label: "missing file", arguments: sweep("--data", "nothere.csv"), names: ["--data", "nothere.csv"]),
        Case(label: "--target not a column", arguments: sweep("--data", "good.csv", "--target", "nosuch"),
             names: ["--target", "good.csv"]),
        Case(label: "--target index out of range", arguments: sweep("--data", "good.csv", "--target", "4"),
             names: ["--target", "good.csv"]),
        Case(label: "--target name without a header", arguments: sweep("--data", "rank.csv", "--target", "y"),
             names: ["--target", "rank.csv"]),
        Case(label: "--target leaves no features", arguments: sweep("--data", "one-column.csv", "--target", "1"),
             names: ["one-column.csv"]),
        Case(label: "--target without --data", arguments: ["point", "--d", "3", "--n", "1", "--target", "2"], names: ["--target"]),
        Case(label: "--data with --d", arguments: sweep("--data", "good.csv", "--d", "2"), names: ["--data"]),
        Case(label: "ridge: --target not a column", arguments: ["ridge", "--n", "1", "--trials", "2", "--data", "good.csv", "--target", "zz"],
             names: ["--target", "good.csv"]),
        Case(label: "ridge: --target with --response tanh",
             arguments: ["ridge", "--n", "1", "--trials", "2", "--data", "good.csv", "--target", "resp", "--response", "tanh"],
             names: ["--response"]),
        Case(label: "ridge: rank-deficient data", arguments: ["ridge", "--n", "1", "--trials", "2", "--data", "rank.csv"],
             names: ["rank.csv"]),
        Case(label: "--vary d with --data", arguments: ["sweep", "--vary", "d", "--n", "2", "--data", "good.csv", "--trials", "2"],
             names: ["--data"]),
        Case(label: "--data with --spectrum", arguments: sweep("--data", "good.csv", "--spectrum", "linear:3"), names: ["--data"]),
    ]

    func testBadDataFilesExitTwoWithOneLine() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        for (name, text) in Self.fixtures { try Data(text.utf8).write(to: inputs.appendingPathComponent(name)) }
        for badCase in Self.cases {
            let outFolder = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: outFolder) }
            let arguments = badCase.arguments + ["--out", outFolder.path + "/result.csv"]
            let result = try CLI.run(arguments, in: inputs)
            let context = "[\(badCase.label)] ddcalc \(arguments.joined(separator: " "))\nstderr: \(result.stderrText)"
            XCTAssertTrue(result.exitedNormally, context)
            XCTAssertEqual(result.status, 2, context)
            XCTAssertEqual(result.stdoutText, "", context)
            XCTAssertEqual(result.stderrText.filter(\.isNewline).count, 1, "not one line: \(context)")
            for name in badCase.names {
                XCTAssertTrue(BadInputTests.line(result.stderrText, names: name), "does not name \(name): \(context)")
            }
            XCTAssertEqual(CLI.contents(of: outFolder), [], "\(badCase.label): output left behind")
        }
    }

    func testSweepOnADataSetMarksWhereTheTheoryIsExact() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        try Data(Self.fixtures["good.csv"]!.utf8).write(to: inputs.appendingPathComponent("good.csv"))
        let result = try CLI.run(["sweep", "--data", "good.csv", "--target", "resp", "--ns", "0.5,1.5,2,3",
                                  "--trials", "50", "--format", "json"], in: inputs)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let json = try CLI.jsonObject(result.stdout)
        let model = try XCTUnwrap(json["model"] as? [String: Any])
        XCTAssertEqual(model["d"] as? Int, 2)
        XCTAssertEqual(model["rows"] as? Int, 4)
        let points = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["theory_exact"] as? Bool }, [true, true, false, false])
        for point in points {
            for key in contractPointKeys { XCTAssertNotNil(point[key], "lacks \(key)") }
            XCTAssertTrue(point["iid_exact_mse"] is NSNull, "no i.i.d. Gaussian formula for a data set")
        }
        // The table says which values are the continuous approximation.
        let table = try CLI.run(["sweep", "--data", "good.csv", "--target", "3", "--ns", "1,3", "--trials", "0"], in: inputs)
        XCTAssertEqual(table.status, 0, table.stderrText)
        XCTAssertTrue(table.stdoutText.contains("continuous approximation"), table.stdoutText)
        XCTAssertTrue(table.stdoutText.contains("exact"), table.stdoutText)
    }

    func testRidgeOnADataSetUsesItsOwnResponses() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        // A non-linear response column: Theorem 2 is exact on a data set for any response.
        let rows = (0..<30).map { i -> String in
            let a = sin(Double(i) * 1.3), b = cos(Double(i) * 0.7 + 0.2), c = Double(i % 7) / 7 - 0.4
            return "\(a),\(b),\(c),\(exp(a) - abs(b) + a * c)"
        }
        try Data((["a,b,c,y"] + rows).joined(separator: "\n").utf8).write(to: inputs.appendingPathComponent("nl.csv"))
        for n in ["1.5", "5"] {
            let result = try CLI.run(["ridge", "--data", "nl.csv", "--target", "y", "--n", n, "--trials", "3000",
                                      "--sigma", "0.1", "--format", "json", "--threads", "2"], in: inputs)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let json = try CLI.jsonObject(result.stdout)
            XCTAssertEqual(json["response"] as? String, "data:y")
            XCTAssertEqual(json["consistent"] as? Bool, true, "n = \(n): p = \(json["p_value"] ?? "none")")
            XCTAssertEqual((json["ridge_solution"] as? [Double])?.count, 3)
            XCTAssertEqual((json["model"] as? [String: Any])?["target"] as? String, "y")
        }
    }

    func testSampleOnADataSetPrintsRowsOfTheFile() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        try Data(Self.fixtures["good.csv"]!.utf8).write(to: inputs.appendingPathComponent("good.csv"))
        let fileRows: Set<[Double]> = [[1, 0.5, 3], [-0.2, 1, 1], [0.7, -1.1, 2], [0.3, 0.9, -1]]
        for (n, design) in [("1.5", "surrogate"), ("5.5", "surrogate"), ("3", "iid")] {
            let result = try CLI.run(["sample", "--data", "good.csv", "--target", "resp", "--sigma", "0", "--n", n,
                                      "--design", design, "--seed", "4"], in: inputs)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let lines = result.stdoutText.split(separator: "\n").dropFirst()
            // x1, x2, y: the leading columns (y_clean, draw and row follow).
            let rows = lines.map { $0.split(separator: ",").prefix(3).map { Double($0)! } }
            for row in rows { XCTAssertTrue(fileRows.contains(row), "\(design) n = \(n): \(row) is not a row of the file") }
            if design == "surrogate" && n == "5.5" {
                XCTAssertEqual(Set(rows).count >= 2, true, "the volume-sampled part has d = 2 distinct rows")
            }
        }
    }

    /// Shards of a data-set sweep merge to the unsharded bytes (the partial files carry --data/--target).
    func testShardsOfADataSetSweepMergeToTheSameBytes() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        try Data(Self.fixtures["good.csv"]!.utf8).write(to: inputs.appendingPathComponent("good.csv"))
        let sweep = ["sweep", "--data", "good.csv", "--target", "resp", "--ns", "0.5,1.5,3", "--trials", "64"]
        for shard in ["1/2", "2/2"] {
            let part = try CLI.run(sweep + ["--shard", shard, "--out", "part\(shard.prefix(1))"], in: inputs)
            XCTAssertEqual(part.status, 0, part.stderrText)
        }
        let merged = try CLI.run(["merge", "part1", "part2", "--format", "csv"], in: inputs)
        let whole = try CLI.run(sweep + ["--format", "csv"], in: inputs)
        XCTAssertEqual(merged.status, 0, merged.stderrText)
        XCTAssertEqual(merged.stdoutText, whole.stdoutText)
        XCTAssertTrue(whole.stdoutText.contains("theory_exact"))
    }
}
