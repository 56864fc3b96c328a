import Foundation
import XCTest

/// `ddcalc sample` for real use (issue 15, item 6): `--draws K` prints K draws with a draw index,
/// each a function of the seed and its index alone; every row carries its noise-free response
/// y_clean = x^T w*, and the JSON output gives w* once, so an estimator can be scored exactly.
final class SampleDrawsTests: XCTestCase {
    /// The columns of a row before its provenance (docs/OUTPUT.md, "sample").
    static func ownColumns(d: Int) -> [String] { (1...d).map { "x\($0)" } + ["y", "y_clean", "draw", "row"] }

    /// The CSV's rows as [column: value], the row's own columns only (the provenance that follows them
    /// holds text).
    static func rows(_ text: String) -> [[String: Double]] {
        let lines = text.split(separator: "\n")
        guard let header = lines.first?.split(separator: ",").map(String.init), let end = header.firstIndex(of: "row") else { return [] }
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header[...end], line.split(separator: ",").prefix(end + 1).map { Double($0)! }))
        }
    }

    func testTheCSVHasTheOriginalColumnsFirstThenResponsesAndIndices() throws {
        let result = try CLI.run(["sample", "--d", "3", "--n", "4.5", "--seed", "2", "--draws", "2"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(result.stdoutText.split(separator: "\n").first,
                       "x1,x2,x3,y,y_clean,draw,row,d,spectrum,wstar,wnorm,sigma,features,n,design,seed,draws,ddcalc_version")
    }

    /// Issue 25, item 5: every CSV row ends with the provenance (the model echo, the sampling inputs
    /// and the version, as the other CSVs), and issue 23: a ridge penalty is echoed, in CSV and JSON,
    /// with the same keys as sweep's rows (`ridge_lambda`, `kappa`, `gamma`, `lambda_min`).
    func testProvenanceAndTheRidgePenaltyAreEchoed() throws {
        let base = ["sample", "--d", "3", "--n", "2.5", "--spectrum", "linear:4", "--seed", "5", "--lambda", "0.5"]
        let csv = try CLI.run(base + ["--draws", "2"])
        XCTAssertEqual(csv.status, 0, csv.stderrText)
        let lines = csv.stdoutText.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(lines.first)
        XCTAssertEqual(Array(header.prefix(7)), Self.ownColumns(d: 3))
        XCTAssertEqual(Array(header.dropFirst(7)), ["d", "spectrum", "wstar", "wnorm", "sigma", "features", "n", "design", "seed",
                                                     "draws", "ridge_lambda", "kappa", "gamma", "lambda_min", "ddcalc_version"])
        let json = try CLI.jsonObject(try CLI.run(base + ["--format", "json"]).stdout)
        let reference = try CLI.jsonObject(try CLI.run(["point", "--d", "3", "--n", "2.5", "--spectrum", "linear:4", "--lambda", "0.5",
                                                        "--format", "json"]).stdout)
        XCTAssertEqual(json["ridge_lambda"] as? Double, 0.5)
        for key in ["kappa", "gamma", "lambda_min"] {
            XCTAssertEqual(json[key] as? Double, reference[key] as? Double, key)
        }
        for row in lines.dropFirst() {
            XCTAssertEqual(row.count, header.count)
            let fields = Dictionary(uniqueKeysWithValues: zip(header, row))
            XCTAssertEqual(fields["spectrum"], "linear:4")
            XCTAssertEqual(fields["design"], "surrogate")
            XCTAssertEqual(fields["seed"], "5")
            XCTAssertEqual(fields["ridge_lambda"], "0.5")
            XCTAssertEqual(fields["kappa"].flatMap(Double.init), json["kappa"] as? Double)
            XCTAssertEqual(fields["ddcalc_version"], json["ddcalc_version"] as? String)
        }
        // At lambda = 0 no ridge key appears, as everywhere.
        let plain = try CLI.run(["sample", "--d", "3", "--n", "2.5", "--format", "json"])
        XCTAssertFalse(plain.stdoutText.contains("ridge_lambda"))
    }

    /// Draw k of `--draws K` is the same whatever K, and draw 1 is the single draw `sample` always
    /// printed; rows are numbered from 1 within each draw; two draws differ.
    func testDrawsArePureFunctionsOfSeedAndIndex() throws {
        let base = ["sample", "--d", "4", "--n", "6.5", "--spectrum", "geometric:10", "--seed", "9"]
        let one = Self.rows(try CLI.run(base).stdoutText)
        let three = Self.rows(try CLI.run(base + ["--draws", "3"]).stdoutText)
        let five = Self.rows(try CLI.run(base + ["--draws", "5"]).stdoutText)
        XCTAssertFalse(one.isEmpty)
        XCTAssertEqual(three.filter { $0["draw"] == 1 }, one)
        XCTAssertEqual(five.filter { $0["draw"]! <= 3 }, three)
        XCTAssertEqual(Set(five.map { $0["draw"]! }), [1, 2, 3, 4, 5])
        for k in 1...5 {
            let draw = five.filter { $0["draw"] == Double(k) }
            XCTAssertEqual(draw.map { $0["row"]! }, (1...draw.count).map(Double.init), "draw \(k)")
        }
        let first = five.filter { $0["draw"] == 1 }.map { $0["x1"]! }, second = five.filter { $0["draw"] == 2 }.map { $0["x1"]! }
        XCTAssertNotEqual(first, second)
        let other = Self.rows(try CLI.run(["sample", "--d", "4", "--n", "6.5", "--spectrum", "geometric:10", "--seed", "10"]).stdoutText)
        XCTAssertNotEqual(other.map { $0["x1"]! }, one.map { $0["x1"]! })
    }

    /// y_clean = x^T w* with the w* the JSON output gives (here a covariance with eigenvectors, so the
    /// original coordinates matter), y - y_clean is the noise (zero with --sigma 0), and the CSV and
    /// JSON outputs hold the same rows.
    func testCleanResponsesAreTheLinearPredictorOfWStar() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "2.0,0.5,0.0\n0.5,1.0,0.25\n0.0,0.25,0.5\n".write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        let base = ["sample", "--spectrum", "covariance:c.csv", "--wstar", "random:3", "--n", "5", "--design", "iid",
                    "--seed", "5", "--draws", "4"]
        let json = try CLI.jsonObject(try CLI.run(base + ["--format", "json"], in: folder).stdout)
        let wstar = try XCTUnwrap(json["wstar_vector"] as? [Double])
        XCTAssertEqual(wstar.count, 3)
        XCTAssertEqual(wstar.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-12, "--wnorm 1")
        XCTAssertEqual(json["draws"] as? Int, 4)
        XCTAssertEqual(json["seed"] as? Int, 5, "seeds are integers, as in every JSON output")
        XCTAssertEqual((json["model"] as? [String: Any])?["spectrum"] as? String, "covariance:c.csv")
        XCTAssertEqual((json["rows"] as? [[String: Double]])?.count, 20, "4 i.i.d. draws of 5 rows")
        let csvText = try CLI.run(base, in: folder).stdoutText
        let csv = Self.rows(csvText)
        for row in csv {
            let predictor = (1...3).reduce(0.0) { $0 + row["x\($1)"]! * wstar[$1 - 1] }
            XCTAssertEqual(row["y_clean"]!, predictor, accuracy: 1e-12 * max(1, abs(predictor)))
        }
        // The same numbers, compared as text (Foundation's JSON parser may round the last digit).
        let jsonText = try CLI.run(base + ["--format", "json"], in: folder).stdoutText
        let jsonLines = jsonText.split(separator: "\n").filter { $0.hasPrefix("  {") }.map { line in
            line.dropFirst(3).dropLast(line.hasSuffix(",") ? 2 : 1).components(separatedBy: ", ")
                .map { $0.components(separatedBy: ": ").last! }.joined(separator: ",")
        }
        XCTAssertEqual(jsonLines, csvText.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",").prefix(Self.ownColumns(d: 3).count).joined(separator: ",")
        })
        let noiseless = Self.rows(try CLI.run(base + ["--sigma", "0"], in: folder).stdoutText)
        for row in noiseless { XCTAssertEqual(row["y"], row["y_clean"]) }
        XCTAssertEqual(noiseless.map { $0["y_clean"]! }, csv.map { $0["y_clean"]! })
        XCTAssertTrue(csv.contains { $0["y"] != $0["y_clean"] })
    }

    /// On a data set with a response column, y_clean is that column and no w* generates it: null.
    func testDataSetTargetIsTheCleanResponse() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a,b,resp\n1,0.5,3\n-0.2,1,1\n0.7,-1.1,2\n0.3,0.9,-1\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let responses: [[Double]: Double] = [[1, 0.5]: 3, [-0.2, 1]: 1, [0.7, -1.1]: 2, [0.3, 0.9]: -1]
        let json = try CLI.jsonObject(try CLI.run(["sample", "--data", "d.csv", "--target", "resp", "--n", "3", "--draws", "3",
                                                   "--format", "json"], in: folder).stdout)
        XCTAssertTrue(json["wstar_vector"] is NSNull, "\(json["wstar_vector"] ?? "missing")")
        let rows = try XCTUnwrap(json["rows"] as? [[String: Double]])
        XCTAssertFalse(rows.isEmpty)
        for row in rows { XCTAssertEqual(row["y_clean"], responses[[row["x1"]!, row["x2"]!]], "\(row)") }
    }

    func testBadDrawsAreRefused() throws {
        for value in ["0", "-2", "1099511627777"] {
            let result = try CLI.run(["sample", "--d", "3", "--n", "2", "--draws", value])
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("--draws"), result.stderrText)
            XCTAssertTrue(result.stdout.isEmpty)
        }
        let format = try CLI.run(["sample", "--d", "3", "--n", "2", "--format", "table"])
        XCTAssertEqual(format.status, 2, format.stderrText)
    }
}
