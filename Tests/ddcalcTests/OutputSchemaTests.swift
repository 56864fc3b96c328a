@testable import ddcalc
import Foundation
import XCTest

/// Issue 15, item 2: an output schema scripts can rely on (docs/OUTPUT.md, "Column order").
final class OutputSchemaTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.appendingPathComponent("data/diabetes/diabetes.csv").path

    /// The plain sweep, and every variant: data set, model-wise, ridge check, each design, no trials,
    /// and combinations.
    static let plain = ["sweep", "--d", "6", "--ns", "3,8", "--trials", "8", "--threads", "1"]
    static let variants: [[String]] = [
        ["--design", "surrogate"], ["--design", "iid"], ["--design", "none"], ["--trials", "0"],
        ["--check-ridge"], ["--check-ridge", "--design", "iid"],
    ]
    static let modelWise = ["sweep", "--d", "6", "--vary", "d", "--n", "4", "--trials", "8", "--threads", "1"]
    static let modelWiseVariants: [[String]] = [[], ["--design", "iid"], ["--trials", "0"]]
    static let dataSetSweep = ["sweep", "--data", data, "--target", "progression", "--ns", "3,15", "--trials", "8",
                               "--threads", "1"]
    static let dataSetVariants: [[String]] = [[], ["--check-ridge"], ["--design", "surrogate"], ["--trials", "0"],
                                              ["--check-ridge", "--design", "iid"]]

    /// The provenance columns that may follow a row's own (docs/OUTPUT.md, "Provenance columns"), and
    /// `d` (the model's, unless the rows have their own: `--vary d`).
    static let provenance: Set<String> = ["spectrum", "wstar", "wnorm", "sigma", "features", "data", "rows", "target", "vary",
                                          "trials", "design", "seed", "sampler", "risk", "ddcalc_version"]

    /// The csv header, whole.
    static func fullCSVHeader(_ arguments: [String]) throws -> [String] {
        let result = try CLI.run(arguments + ["--format", "csv"], in: root)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderrText)")
        return result.stdoutText.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    }

    /// The csv header's own columns: without the provenance columns at its end.
    static func csvHeader(_ arguments: [String]) throws -> [String] {
        var header = try fullCSVHeader(arguments)
        XCTAssertEqual(header.last, "ddcalc_version", "\(arguments)")
        while let last = header.last, provenance.contains(last) { header.removeLast() }
        if !arguments.contains("--vary"), header.last == "d" { header.removeLast() }
        return header
    }

    static func jsonPointKeys(_ arguments: [String]) throws -> [String] {
        let result = try CLI.run(arguments + ["--format", "json"], in: root)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderrText)")
        // JSONSerialization forgets the order: read the keys of the first point from the text.
        let text = result.stdoutText
        guard let start = text.range(of: "\"points\": [\n  {")?.upperBound,
              let end = text[start...].firstIndex(of: "}") else { return [] }
        return keys(inObject: String(text[start..<end]))
    }

    /// The keys of a flat JSON object's text, in order (the values hold no quotes but strings' own).
    static func keys(inObject text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #""([a-z_0-9]+)": "#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// The gap keys, then each design's heavy-tail flag: last in every sweep and point row (docs/OUTPUT.md,
    /// "Column order"), each appended so that every earlier column keeps its position.
    static let gapKeys = ["gap_exact", "gap_mc", "gap_mc_stderr", "mc_surrogate_heavy_tail", "mc_iid_heavy_tail"]

    func testThePlainSweepHeaderIsAPrefixOfEveryVariantsHeader() throws {
        let full = try Self.csvHeader(Self.plain)
        XCTAssertEqual(Array(full.suffix(Self.gapKeys.count)), Self.gapKeys)
        let plain = Array(full.dropLast(Self.gapKeys.count))
        XCTAssertEqual(plain, contractPointKeys.prefix(7) + ["theory_risk"] + contractPointKeys.dropFirst(7),
                       "the plain sweep's columns (docs/OUTPUT.md, \"Sweep rows\")")
        let plainJSON = try Self.jsonPointKeys(Self.plain)
        XCTAssertEqual(plainJSON, full, "json keys of a point follow the csv columns")
        var seen: Set<[String]> = []
        for variant in Self.variants {
            let header = try Self.csvHeader(Self.plain + variant)
            XCTAssertEqual(Array(header.prefix(plain.count)), plain, "csv, sweep \(variant): \(header)")
            XCTAssertEqual(Array(header.suffix(Self.gapKeys.count)), Self.gapKeys, "csv, sweep \(variant): \(header)")
            XCTAssertEqual(try Self.jsonPointKeys(Self.plain + variant), header, "json, sweep \(variant)")
            seen.insert(Array(header.dropLast(Self.gapKeys.count)))
        }
        for arguments in Self.dataSetVariants.map({ Self.dataSetSweep + $0 }) + Self.modelWiseVariants.map({ Self.modelWise + $0 }) {
            let header = try Self.csvHeader(arguments)
            XCTAssertEqual(Array(header.prefix(plain.count)), plain, "csv, \(arguments): \(header)")
            XCTAssertEqual(Array(header.suffix(Self.gapKeys.count)), Self.gapKeys, "csv, \(arguments): \(header)")
            XCTAssertEqual(try Self.jsonPointKeys(arguments), header, "json, \(arguments)")
            seen.insert(Array(header.dropLast(Self.gapKeys.count)))
        }
        // The optional columns, in their one order: theory_exact, d, ridge_rel_error, ridge_p_value; then the gap.
        XCTAssertEqual(seen, [plain, plain + ["ridge_rel_error", "ridge_p_value"], plain + ["d"], plain + ["theory_exact"],
                              plain + ["theory_exact", "ridge_rel_error", "ridge_p_value"]])
        // point prints the sweep row's keys in the same order.
        XCTAssertEqual(try Self.csvHeader(["point", "--d", "6", "--n", "3"]), plain + Self.gapKeys)
        XCTAssertEqual(try Self.csvHeader(["point", "--data", Self.data, "--n", "3"]), plain + ["theory_exact"] + Self.gapKeys)
    }

    /// `heavy_tail` and each design's flag are true or false in every command and format, never empty;
    /// `heavy_tail` is the disjunction of the designs' flags, and a design not simulated is never
    /// heavy-tailed (issue 25, item 2). At d = 10, n = 4 only the surrogate design is heavy-tailed.
    func testHeavyTailIsAlwaysAFlag() throws {
        let keys = ["heavy_tail", "mc_surrogate_heavy_tail", "mc_iid_heavy_tail"]
        let split = ["sweep", "--d", "10", "--ns", "2,4,10", "--trials", "200", "--threads", "1"]
        var seen: Set<[String]> = []
        for arguments in [["point", "--d", "6", "--n", "3"], Self.plain + ["--trials", "0"], Self.plain + ["--design", "none"],
                          Self.plain, ["point", "--data", Self.data, "--n", "3"], Self.modelWise, split, split + ["--design", "iid"],
                          ["sweep", "--vary", "lambda", "--n", "4", "--d", "10", "--lambdas", "0,1", "--trials", "50"]] {
            let csv = try CLI.run(arguments + ["--format", "csv"], in: Self.root)
            let lines = csv.stdoutText.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let columns = try keys.map { key in try XCTUnwrap(lines.first?.firstIndex(of: key), "\(arguments): \(key)") }
            let json = try CLI.run(arguments + ["--format", "json"], in: Self.root)
            let object = try CLI.jsonObject(json.stdout)
            let points = (object["points"] as? [[String: Any]]) ?? [object]
            XCTAssertEqual(points.count, lines.count - 1, "\(arguments)")
            for (row, point) in zip(lines.dropFirst(), points) {
                let flags = columns.map { row[$0] }
                for flag in flags { XCTAssertTrue(["true", "false"].contains(flag), "\(arguments): csv \(flag)") }
                XCTAssertEqual(flags[0] == "true", flags[1] == "true" || flags[2] == "true", "\(arguments): \(flags)")
                XCTAssertEqual(keys.map { point[$0] as? Bool }, flags.map { $0 == "true" }, "\(arguments): json as csv")
                if arguments.contains("iid") { XCTAssertEqual(flags[1], "false", "\(arguments): surrogate not simulated") }
                if arguments == split { seen.insert(flags) }
            }
        }
        XCTAssertEqual(seen, [["false", "false", "false"], ["true", "true", "false"], ["true", "true", "true"]], "the designs differ at n = 4")
        let table = try CLI.run(Self.plain + ["--design", "surrogate"], in: Self.root)
        let heavy = table.stdoutText.split(separator: "\n").dropFirst(3).map { $0.split(separator: " ").last.map(String.init) }
        XCTAssertEqual(heavy.count, 2)
        for value in heavy { XCTAssertTrue(["yes", "no"].contains(value), "table: \(String(describing: value))") }
    }

    /// Every key and column any command prints is explained in docs/OUTPUT.md (as `key`).
    func testEveryKeyAndColumnIsDocumented() throws {
        let documentation = try String(contentsOf: Self.root.appendingPathComponent("docs/OUTPUT.md"), encoding: .utf8)
        var keys: Set<String> = []
        for arguments in [Self.plain] + Self.variants.map({ Self.plain + $0 }) + Self.dataSetVariants.map({ Self.dataSetSweep + $0 })
            + Self.modelWiseVariants.map({ Self.modelWise + $0 }) {
            keys.formUnion(try Self.csvHeader(arguments))
        }
        let jsonRuns = [Self.plain, Self.dataSetSweep, Self.modelWise, ["point", "--d", "6", "--n", "3"],
                        ["point", "--data", Self.data, "--n", "3"],
                        ["ridge", "--d", "4", "--n", "2", "--trials", "30", "--design", "iid", "--threads", "1"],
                        ["ridge", "--data", Self.data, "--target", "progression", "--n", "3", "--trials", "30", "--threads", "1"],
                        ["sweep", "--d", "40", "--spectrum", "geometric:1e301", "--ns", "5", "--trials", "0"],
                        ["sweep", "--vary", "lambda", "--n", "4", "--d", "6", "--lambdas", "0,1", "--trials", "8"],
                        ["gcv", "--data", Self.data, "--target", "progression", "--points", "3"]]
        for arguments in jsonRuns {
            let result = try CLI.run(arguments + ["--format", "json"], in: Self.root)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderrText)")
            keys.formUnion(Self.keys(inObject: result.stdoutText))
        }
        for arguments in jsonRuns where arguments[0] == "ridge" || arguments[0] == "gcv" { keys.formUnion(try Self.csvHeader(arguments)) }
        XCTAssertTrue(keys.isSuperset(of: ["theory_exact", "d", "ridge_p_value", "warnings", "ddcalc_version", "stein_factor",
                                           "surrogate_p_value", "points", "model", "data", "target"]),
                      "the runs above miss a key: \(keys.sorted())")
        for key in keys.sorted() {
            XCTAssertTrue(documentation.contains("`\(key)`"), "docs/OUTPUT.md does not explain `\(key)`")
        }
    }

    /// What the README's pandas recipe for JSON relies on: `points` is an array of flat objects whose
    /// keys are the csv columns, so `pd.json_normalize(json.load(f)["points"])` is the csv's table.
    func testJSONPointsAreFlatRowsWithTheCSVColumns() throws {
        let csv = try Self.csvHeader(Self.dataSetSweep)
        let json = try CLI.jsonObject(try CLI.run(Self.dataSetSweep + ["--format", "json"], in: Self.root).stdout)
        let points = try XCTUnwrap(json["points"] as? [[String: Any]], "points is not an array of objects")
        XCTAssertEqual(points.count, 2)
        for point in points {
            XCTAssertEqual(Set(point.keys), Set(csv))
            for (key, value) in point {
                XCTAssertFalse(value is [Any] || value is [String: Any], "\(key) is nested")
            }
        }
    }
}

/// Issue 25, item 5: every output, read with default options, says what it holds: the quantity
/// (`risk`), the model, the design, the sampler and the version (docs/OUTPUT.md, "Provenance columns").
final class ProvenanceTests: XCTestCase {
    /// The CSV as rows of name -> cell (no quoted fields in these outputs).
    static func records(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func testEveryCSVRowNamesTheQuantityModelDesignSamplerAndVersion() throws {
        let sweep = ["sweep", "--d", "6", "--spectrum", "geometric:10", "--ns", "3,8", "--trials", "8", "--seed", "9",
                     "--format", "csv"]
        for (arguments, risk) in [(sweep, "estimation"), (sweep + ["--risk", "prediction"], "prediction"),
                                  (sweep + ["--sampler", "rows", "--design", "iid"], "estimation")] {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let rows = Self.records(result.stdoutText)
            XCTAssertEqual(rows.count, 2)
            for row in rows {
                XCTAssertEqual(row["risk"], risk)
                XCTAssertEqual(row["d"], "6")
                XCTAssertEqual(row["spectrum"], "geometric:10")
                XCTAssertEqual(row["design"], arguments.contains("iid") ? "iid" : "both")
                XCTAssertEqual(row["sampler"], arguments.contains("rows") ? "rows" : "exact-law")
                XCTAssertEqual(row["seed"], "9")
                XCTAssertEqual(row["trials"], "8")
                XCTAssertEqual(row["ddcalc_version"], DDCalcVersion.current)
            }
        }
        // The estimation and prediction CSVs now differ in what they say, not only in their numbers.
        let estimation = try CLI.run(sweep).stdoutText, prediction = try CLI.run(sweep + ["--risk", "prediction"]).stdoutText
        XCTAssertNotEqual(Self.records(estimation).map { $0["risk"] }, Self.records(prediction).map { $0["risk"] })

        let point = Self.records(try CLI.run(["point", "--d", "5", "--n", "3", "--risk", "prediction", "--format", "csv"]).stdoutText)
        XCTAssertEqual(point.count, 1)
        XCTAssertEqual(point.first?["risk"], "prediction")
        XCTAssertEqual(point.first?["spectrum"], "isotropic")
        XCTAssertEqual(point.first?["ddcalc_version"], DDCalcVersion.current)

        let ridge = Self.records(try CLI.run(["ridge", "--d", "3", "--n", "2", "--trials", "20", "--format", "csv"]).stdoutText)
        XCTAssertEqual(ridge.count, 3)
        for row in ridge {
            XCTAssertEqual(row["design"], "surrogate")
            XCTAssertEqual(row["features"], "gaussian")
            XCTAssertEqual(row["ddcalc_version"], DDCalcVersion.current)
        }
    }

    /// The provenance columns come after every column of the row, and each name occurs once.
    func testProvenanceColumnsComeLastAndNoColumnIsRepeated() throws {
        for arguments in [["sweep", "--d", "4", "--ns", "2,5", "--trials", "4"], ["sweep", "--d", "4", "--vary", "d", "--n", "3", "--trials", "0"],
                          ["point", "--d", "4", "--n", "2"], ["ridge", "--d", "3", "--n", "2", "--trials", "10", "--design", "iid"]] {
            let header = try OutputSchemaTests.fullCSVHeader(arguments)
            XCTAssertEqual(Set(header).count, header.count, "a repeated column: \(header)")
            XCTAssertEqual(header.last, "ddcalc_version")
            let own = try OutputSchemaTests.csvHeader(arguments)
            XCTAssertEqual(Array(header.prefix(own.count)), own)
        }
    }

    func testJSONOutputsCarryTheModelAnIntegerSeedAndOneWStar() throws {
        let point = try CLI.run(["point", "--d", "4", "--n", "3", "--spectrum", "linear:5", "--format", "json"])
        let model = try XCTUnwrap(try CLI.jsonObject(point.stdout)["model"] as? [String: Any], point.stdoutText)
        XCTAssertEqual(model["spectrum"] as? String, "linear:5")
        XCTAssertTrue(point.stdoutText.contains(#""risk": "estimation", "model": {"d": 4,"#), point.stdoutText)

        for arguments in [["sweep", "--d", "4", "--ns", "2", "--trials", "4", "--seed", "18446744073709551615"],
                          ["ridge", "--d", "3", "--n", "2", "--trials", "10", "--seed", "18446744073709551615"],
                          ["sample", "--d", "3", "--n", "2", "--seed", "18446744073709551615"]] {
            let text = try CLI.run(arguments + ["--format", "json"]).stdoutText
            XCTAssertTrue(text.contains(#""seed": 18446744073709551615,"#), "\(arguments[0]): \(text.prefix(300))")
        }

        let sample = try CLI.run(["sample", "--d", "3", "--n", "2", "--wstar", "top", "--format", "json"])
        let json = try CLI.jsonObject(sample.stdout)
        XCTAssertNil(json["wstar"], "w* is wstar_vector at the top, the spec is model.wstar")
        XCTAssertEqual((json["wstar_vector"] as? [Double])?.count, 3)
        XCTAssertEqual((json["model"] as? [String: Any])?["wstar"] as? String, "top")
        XCTAssertEqual(json["ddcalc_version"] as? String, DDCalcVersion.current)
        XCTAssertEqual(sample.stdoutText.components(separatedBy: "\"wstar").count - 1, 2, "wstar and wstar_vector, once each")
    }
}
