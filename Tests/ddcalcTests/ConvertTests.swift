@testable import ddcalc
import Foundation
import XCTest

/// Issue 25, item 4 (convert half): a saved JSON output is a complete record; `ddcalc convert`
/// rewrites it in any format, byte for byte what the command prints with that format.
final class ConvertTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.appendingPathComponent("data/diabetes/diabetes.csv").path

    /// Runs `command --format json`, converts that output to each format, and compares standard
    /// output, standard error and the exit status with `command --format F`.
    func assertConvertsLikeTheCommand(_ command: [String], formats: [String] = ["table", "csv", "json"],
                                      line: UInt = #line) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = try CLI.run(command + ["--format", "json", "--out", "run.json"], in: folder)
        XCTAssertEqual(saved.status, 0, saved.stderrText, line: line)
        for format in formats {
            let direct = try CLI.run(command + ["--format", format], in: folder)
            let converted = try CLI.run(["convert", "run.json", "--format", format], in: folder)
            XCTAssertEqual(direct.status, 0, direct.stderrText, line: line)
            XCTAssertEqual(converted.status, 0, converted.stderrText, line: line)
            XCTAssertFalse(direct.stdout.isEmpty, line: line)
            XCTAssertEqual(converted.stdoutText, direct.stdoutText, "\(command) --format \(format)", line: line)
            XCTAssertEqual(converted.stderrText, direct.stderrText, "warnings of \(command) --format \(format)", line: line)
        }
    }

    func testEverySweepVariantConvertsToTheBytesOfItsFormat() throws {
        let sweep = ["sweep", "--d", "6", "--ns", "2.5,3,8,12", "--trials", "30", "--threads", "1"]
        for variant in [[], ["--design", "iid"], ["--design", "surrogate"], ["--trials", "0"], ["--check-ridge"],
                        ["--risk", "prediction", "--spectrum", "geometric:10"], ["--sampler", "rows"], ["--seed", "18446744073709551615"]] {
            try assertConvertsLikeTheCommand(sweep + variant)
        }
        try assertConvertsLikeTheCommand(["sweep", "--data", Self.data, "--target", "progression", "--ns", "3,15", "--trials", "8",
                                          "--check-ridge", "--threads", "1"])
        try assertConvertsLikeTheCommand(["sweep", "--d", "6", "--vary", "d", "--n", "4", "--trials", "8", "--threads", "1"])
        // A warning (condition number above 1e300): in the JSON, on standard error for the other formats.
        try assertConvertsLikeTheCommand(["sweep", "--d", "40", "--spectrum", "geometric:1e301", "--ns", "5", "--trials", "0"])
    }

    func testPointConvertsToTheBytesOfItsFormat() throws {
        try assertConvertsLikeTheCommand(["point", "--d", "10", "--n", "3", "--spectrum", "powerlaw:1"])
        try assertConvertsLikeTheCommand(["point", "--d", "10", "--n", "30", "--risk", "prediction"])
        try assertConvertsLikeTheCommand(["point", "--data", Self.data, "--n", "3"])
    }

    /// A merged output converts as the sweep's does, also from standard input, and to a gnuplot export.
    func testMergedOutputConvertsFromStandardInputAndToAGnuplotExport() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = ["sweep", "--d", "6", "--ns", "3,8", "--trials", "40", "--seed", "2"]
        XCTAssertEqual(try CLI.run(sweep + ["--shard", "1/1", "--out", "part.ddp"], in: folder).status, 0)
        let merged = try CLI.run(["merge", "part.ddp", "--format", "json"], in: folder)
        XCTAssertEqual(merged.status, 0, merged.stderrText)
        let csv = try CLI.run(["convert", "-", "--format", "csv"], in: folder, standardInput: merged.stdout)
        XCTAssertEqual(csv.status, 0, csv.stderrText)
        XCTAssertEqual(csv.stdout, try CLI.run(sweep + ["--format", "csv"], in: folder).stdout)

        XCTAssertEqual(try CLI.run(sweep + ["--format", "gnuplot", "--out", "direct"], in: folder).status, 0)
        let export = try CLI.run(["convert", "-", "--format", "gnuplot", "--out", "converted"], in: folder, standardInput: merged.stdout)
        XCTAssertEqual(export.status, 0, export.stderrText)
        for name in ["sweep.dat", "sweep.gp", "model.json"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("direct/\(name)"))
            let b = try Data(contentsOf: folder.appendingPathComponent("converted/\(name)"))
            XCTAssertEqual(a, b, name)
        }
    }

    func testWhatIsNotASavedOutputIsRefusedWithOneLine() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ridge = try CLI.run(["ridge", "--d", "3", "--n", "2", "--trials", "10", "--format", "json"]).stdout
        let point = try CLI.run(["point", "--d", "3", "--n", "2", "--format", "json"]).stdoutText
        let cases: [(Data, String)] = [
            (Data("n,ratio\n1,2\n".utf8), "is not a ddcalc JSON output: unexpected character at byte 1"),
            (Data("{\"points\": []".utf8), "is not a ddcalc JSON output: unexpected end at byte 14"),
            (Data((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8), "nesting deeper than 16"),
            (Data("{\"a\": 1, \"a\": 2}".utf8), "key 'a' repeated"),
            (Data(point.replacingOccurrences(of: DDCalcVersion.current, with: "0.1.0").utf8), "was written by ddcalc 0.1.0"),
            (ridge, "not an output of sweep, merge or point"),
            (Data(point.replacingOccurrences(of: "\"n\": 2.0", with: "\"n\": [2.0]").utf8), "n is not a plain value"),
            (Data(), "unexpected end"),
        ]
        for (bytes, message) in cases {
            try bytes.write(to: folder.appendingPathComponent("in.json"))
            let result = try CLI.run(["convert", "in.json", "--format", "csv"], in: folder)
            XCTAssertEqual(result.status, 2, message)
            XCTAssertEqual(result.stdout, Data(), message)
            XCTAssertEqual(result.stderrText.filter { $0 == "\n" }.count, 1, result.stderrText)
            XCTAssertTrue(result.stderrText.contains(message), "\(message): \(result.stderrText)")
        }
        let gnuplot = try CLI.run(["convert", "in.json", "--format", "gnuplot", "--out", "g"], in: folder,
                                  standardInput: nil)
        XCTAssertEqual(gnuplot.status, 2)
    }

    /// The reader keeps key order and number text, and decodes every escape ddcalc writes.
    func testSavedJSONReadsBackWhatJSONFormatWrites() throws {
        let record = Record([("a", .text("q\"b\\c\nd\te\u{01}é😀")), ("b", .number(1e-06)), ("c", .integer(-3)),
                             ("d", .flag(nil)), ("e", .unsigned(.max))])
        let text = JSONFormat.render(record)
        let saved = try SavedJSON(parsing: Data(text.utf8), source: "x")
        guard case .object(let fields) = saved else { return XCTFail("not an object") }
        XCTAssertEqual(fields.map(\.key), ["a", "b", "c", "d", "e", "ddcalc_version", "bits_version", "numerics"])
        XCTAssertEqual(saved["a"], .string("q\"b\\c\nd\te\u{01}é😀"))
        XCTAssertEqual(saved["b"], .number("1e-06"))
        XCTAssertEqual(saved["e"], .number("18446744073709551615"))
        XCTAssertEqual(try SavedJSON(parsing: Data(#""\ud83d\ude00""#.utf8), source: "x"), .string("😀"))
        XCTAssertThrowsError(try SavedJSON(parsing: Data(#""\ud83d""#.utf8), source: "x"))
        XCTAssertThrowsError(try SavedJSON(parsing: Data("01".utf8), source: "x"))
        XCTAssertThrowsError(try SavedJSON(parsing: Data("1.".utf8), source: "x"))
    }
}
