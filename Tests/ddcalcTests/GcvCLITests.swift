import DoubleDescent
import Foundation
import XCTest

/// `ddcalc gcv` (docs/OUTPUT.md, "gcv"): the printed values are the library's (`RidgeCrossValidation`)
/// in shortest round-trip form, in every format; the minima are over the grid; bad input is one line,
/// exit 2, no output.
final class GcvCLITests: XCTestCase {
    /// 7 rows, 3 features and a response `y` in the middle column (a header): N > d.
    static let tall = "a,b,y,c\n1,0.5,3,0.1\n-0.2,1,1,2\n0.7,-1.1,2,0.4\n0.3,0.9,-1,-1\n2,0.1,0.5,0.3\n-1,1.5,0.2,0.8\n0.4,0.4,1.1,-0.6\n"
    /// 3 rows, 4 features, no header, the response in column 5: N < d (the fit interpolates at 0).
    static let wide = "1,0.5,3,0.1,2\n-0.2,1,1,2,-1\n0.7,-1.1,2,0.4,0.5\n"

    private func folder() throws -> URL {
        let directory = try CLI.temporaryDirectory()
        try Self.tall.write(to: directory.appendingPathComponent("tall.csv"), atomically: true, encoding: .utf8)
        try Self.wide.write(to: directory.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        return directory
    }

    private func library(_ text: String, target: Int) throws -> SpectralRidgeFit {
        let rows = text.split(separator: "\n").compactMap { line -> [Double]? in
            let cells = line.split(separator: ",").map { Double($0) }
            return cells.contains(nil) ? nil : cells.map { $0! }
        }
        return try SpectralRidgeFit(rows: rows.map { row in row.indices.filter { $0 != target }.map { row[$0] } },
                                    response: rows.map { $0[target] })
    }

    /// The numbers of the JSON text, parsed by Swift's exact `Double(String)` (Foundation's JSON
    /// parser may round the last digit): one dictionary per line of `points`, and the top-level keys.
    private func numbers(_ text: String) throws -> (rows: [[String: Double]], top: [String: Double]) {
        let pattern = try NSRegularExpression(pattern: "\"([a-z_]+)\": (-?[0-9][0-9.e+-]*)")
        func parse(_ line: Substring) -> [String: Double] {
            let line = String(line)
            var values = [String: Double]()
            for match in pattern.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                let key = String(line[Range(match.range(at: 1), in: line)!]), value = String(line[Range(match.range(at: 2), in: line)!])
                values[key] = Double(value)
            }
            return values
        }
        let lines = text.split(separator: "\n")
        return (lines.filter { $0.hasPrefix("  {") }.map(parse), parse(lines.last ?? ""))
    }

    func testJSONValuesAreTheLibrarys() throws {
        let directory = try folder()
        for (file, target, column, lambdas) in [("tall.csv", "y", 2, [0, 0.5, -0.1, 3]), ("wide.csv", "5", 4, [0, 1e-3, 2])] {
            let fit = try library(file == "tall.csv" ? Self.tall : Self.wide, target: column)
            let list = lambdas.map { "\($0)" }.joined(separator: ",")
            let result = try CLI.run(["gcv", "--data", file, "--target", target, "--lambdas", list, "--format", "json"], in: directory)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let json = try numbers(result.stdoutText)
            let points = json.rows
            XCTAssertEqual(points.count, lambdas.count)
            var expected = [RidgeCrossValidation]()
            for (row, lambda) in zip(points, lambdas) {
                let cv = try RidgeCrossValidation(fit, lambda: lambda)
                expected.append(cv)
                XCTAssertEqual(row["ridge_lambda"], lambda)
                for (key, value) in [("gcv", cv.gcv), ("loo", cv.loo), ("train_mse", cv.trainMSE), ("df", cv.df)] {
                    XCTAssertEqual(row[key], value, "\(file) \(key) at \(lambda)")
                }
            }
            XCTAssertEqual(json.top["lambda_floor"], fit.lambdaFloor)
            XCTAssertEqual(json.top["gcv_best_lambda"], GridMinimum.argmin(lambdas, expected.map(\.gcv)))
            XCTAssertEqual(json.top["loo_best_lambda"], GridMinimum.argmin(lambdas, expected.map(\.loo)))
        }
    }

    /// The default grid: 50 penalties from s_1^2 / 10^6 to s_1^2; `--points` and the range as given.
    func testGridAndFormats() throws {
        let directory = try folder()
        let fit = try library(Self.tall, target: 2)
        let top = fit.singularValues[0] * fit.singularValues[0]
        let csv = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--format", "csv"], in: directory)
        XCTAssertEqual(csv.status, 0, csv.stderrText)
        let lines = csv.stdoutText.split(separator: "\n")
        XCTAssertEqual(lines.count, 51)
        XCTAssertTrue(lines[0].hasPrefix("ridge_lambda,gcv,loo,train_mse,df,"), String(lines[0]))
        XCTAssertTrue(lines[50].hasPrefix("\(top),"), String(lines[50]))
        let grid = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--lambda-min", "-0.2", "--lambda-max", "0.2",
                                "--points", "5", "--format", "json"], in: directory)
        XCTAssertEqual(grid.status, 0, grid.stderrText)
        XCTAssertEqual(try numbers(grid.stdoutText).rows.compactMap { $0["ridge_lambda"] }, PenaltyGrid.values(low: -0.2, high: 0.2, count: 5))
        let table = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y", "--lambdas", "0,1"], in: directory)
        XCTAssertEqual(table.status, 0, table.stderrText)
        XCTAssertTrue(table.stdoutText.contains("lambda_floor = "), table.stdoutText)
        XCTAssertTrue(table.stdoutText.contains("GCV"), table.stdoutText)
    }

    /// Repeated rows and a zero row (refused as a feature law) are ordinary data here: rank 2 of 3
    /// columns, the values the library's; an all-zero matrix is one line, exit 2.
    func testRankDeficientDataIsAccepted() throws {
        let directory = try folder()
        let text = "1,2,3,1\n1,2,3,2\n0,0,0,5\n2,1,3,0.5\n2,1,3,0.25\n"
        try text.write(to: directory.appendingPathComponent("repeated.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["gcv", "--data", "repeated.csv", "--target", "4", "--lambdas", "0,0.5", "--format", "json"], in: directory)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let fit = try library(text, target: 3)
        XCTAssertEqual(fit.rank, 2)
        XCTAssertTrue(result.stdoutText.contains("\"rank\": 2"), result.stdoutText)
        for (row, lambda) in zip(try numbers(result.stdoutText).rows, [0, 0.5]) {
            XCTAssertEqual(row["loo"], try RidgeCrossValidation(fit, lambda: lambda).loo)
            XCTAssertEqual(row["gcv"], try RidgeCrossValidation(fit, lambda: lambda).gcv)
        }
        try "0,0,1\n0,0,2\n".write(to: directory.appendingPathComponent("zero.csv"), atomically: true, encoding: .utf8)
        let zero = try CLI.run(["gcv", "--data", "zero.csv", "--target", "3"], in: directory)
        XCTAssertEqual(zero.status, 2)
        XCTAssertTrue(zero.stderrText.contains("--data zero.csv: the data matrix is zero"), zero.stderrText)
        XCTAssertEqual(zero.stderrText.split(separator: "\n").count, 1)
    }

    func testBadInputIsOneLine() throws {
        let directory = try folder()
        let floor = try library(Self.tall, target: 2).lambdaFloor
        for (arguments, names) in [
            (["--lambdas", "\(2 * floor)"], ["--lambdas", "lambda_floor = \(floor)"]),
            (["--lambda-min", "\(2 * floor)", "--lambda-max", "1"], ["--lambda-min", "lambda_floor"]),
            (["--lambdas", "1", "--points", "3"], ["--points", "--lambdas"]),
            (["--lambdas", "1,,2"], ["--lambdas"]),
            (["--lambda-min", "2", "--lambda-max", "1"], ["--lambda-min"]),
            (["--points", "0"], ["--points"]),
            (["--format", "gnuplot"], ["--format gnuplot: needs --out DIR"]),
        ] as [([String], [String])] {
            let result = try CLI.run(["gcv", "--data", "tall.csv", "--target", "y"] + arguments, in: directory)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(result.stdout.isEmpty)
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            for name in names { XCTAssertTrue(result.stderrText.contains(name), "\(name): \(result.stderrText)") }
        }
        for arguments in [["--data", "tall.csv"], ["--data", "tall.csv", "--target", "zz"], ["--data", "missing.csv", "--target", "y"]] {
            let result = try CLI.run(["gcv"] + arguments, in: directory)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
        }
    }
}
