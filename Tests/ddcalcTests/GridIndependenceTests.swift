import Foundation
import XCTest

/// Issue 21, item 3: the value printed for one n (or one d) is the same bits whatever else is on
/// the grid and whichever command prints it: `point`, `sweep --ns` in any order and company,
/// `--n-min/--n-max/--points` grids, `--shard i/k` + `merge`, and `--vary d`. The Monte Carlo
/// columns too: their streams are keyed by (seed, n, design, trial), never by a grid position.
final class GridIndependenceTests: XCTestCase {
    /// The closed-form keys of `ddcalc point`'s JSON and a sweep row's.
    static let closedFormKeys = ["lambda", "alpha", "theory_mse", "theory_bias", "theory_variance", "theory_risk",
                                 "de_mse", "iid_exact_mse"]
    static let monteCarloKeys = ["mc_surrogate_mse", "mc_surrogate_stderr", "mc_surrogate_mean_rows", "mc_iid_mse",
                                 "mc_iid_stderr"]

    /// A row's values by key; JSON prints the shortest round-trip form, so equal Doubles are equal bits.
    /// NSNull (null) compares equal to itself only.
    static func values(_ row: [String: Any], _ keys: [String]) -> [String] {
        keys.map { key in (row[key] as? Double).map { "\($0.bitPattern)" } ?? (row[key] is NSNull ? "null" : "missing") }
    }

    func run(_ arguments: [String], in folder: URL? = nil) throws -> Data {
        let result = try CLI.run(arguments, in: folder, timeout: 300)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderrText)")
        return result.stdout
    }

    /// The rows of a sweep's JSON, by n.
    func sweepRows(_ arguments: [String], in folder: URL? = nil) throws -> [Double: [String: Any]] {
        let json = try CLI.jsonObject(try run(arguments + ["--format", "json"], in: folder))
        let points = try XCTUnwrap(json["points"] as? [[String: Any]])
        return Dictionary(points.map { ($0["n"] as! Double, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func ns(_ list: [Double]) -> String { list.map { "\($0)" }.joined(separator: ",") }

    /// Hidden-style grids: random n (fractional, within 1e-9 of d, 1e-6, far above d) for several
    /// spectra (geometric:1e6 with random w*, the case; geometric:1e250; a power law; a
    /// covariance file), printed by `point`, inside `--ns a,x,b`, in a shuffled and a reversed list,
    /// and by three shards merged: every closed-form value has the same bits everywhere, and every
    /// Monte Carlo value is the same in every sweep that computes it.
    func testAPointHasTheSameBitsOnEveryGridAndCommand() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A 12 x 12 covariance A A^T / 12 + I / 4 from a fixed pseudo-random A.
        var generator = ParserFuzzTests.Generator(state: 7)
        let a = (0..<12).map { _ in (0..<12).map { _ in Double.random(in: -1..<1, using: &generator) } }
        let covariance = (0..<12).map { i in
            (0..<12).map { j in "\((0..<12).reduce(0.0) { $0 + a[i][$1] * a[j][$1] } / 12 + (i == j ? 0.25 : 0))" }
                .joined(separator: ",")
        }.joined(separator: "\n")
        try covariance.write(to: folder.appendingPathComponent("cov.csv"), atomically: true, encoding: .utf8)
        // The Monte Carlo is left out at d = 1500 (its draws would dominate the test's time).
        let models: [(arguments: [String], d: Double, trials: String)] = [
            (["--d", "200", "--spectrum", "geometric:1e6", "--wstar", "random:3"], 200, "16"),
            (["--d", "40", "--spectrum", "geometric:1e250"], 40, "16"),
            (["--d", "1500", "--spectrum", "powerlaw:1.3", "--wstar", "random:9", "--risk", "prediction"], 1500, "0"),
            (["--d", "12", "--spectrum", "covariance:cov.csv", "--sigma", "0.5"], 12, "16"),
        ]
        var checked = 0
        for (model, d, trials) in models {
            var list = [1e-6, 1, 66.5, d / 3, d - 1, d - 0.5, d - 1e-9, d, d + 1e-9, d + 2, 7 * d]
            list += (0..<6).map { _ in (Double.random(in: 0..<2.1 * d, using: &generator) * 8).rounded(.up) / 8 }
            list = Array(Set(list)).shuffled(using: &generator)
            let mc = ["--trials", trials, "--seed", "5", "--threads", "2"]
            let full = try sweepRows(["sweep"] + model + ["--ns", ns(list)] + mc, in: folder)
            let reversed = try sweepRows(["sweep"] + model + ["--ns", ns(list.reversed())] + mc + ["--threads", "1"], in: folder)
            let noMonteCarlo = try sweepRows(["sweep"] + model + ["--ns", ns(list), "--trials", "0"], in: folder)
            for k in 1...3 {
                _ = try run(["sweep"] + model + ["--ns", ns(list)] + mc + ["--shard", "\(k)/3", "--out", "part\(k).ddp"], in: folder)
            }
            let merged = try CLI.jsonObject(try run(["merge", "part1.ddp", "part2.ddp", "part3.ddp", "--format", "json"], in: folder))
            let mergedRows = Dictionary(try XCTUnwrap(merged["points"] as? [[String: Any]]).map { ($0["n"] as! Double, $0) },
                                        uniquingKeysWith: { a, _ in a })
            for x in list {
                let what = "\(model) n=\(x)"
                let point = try CLI.jsonObject(try run(["point"] + model + ["--n", "\(x)", "--format", "json"], in: folder))
                let reference = Self.values(point, Self.closedFormKeys)
                let triple = try sweepRows(["sweep"] + model + ["--ns", ns([1, x, 3 * d]), "--trials", "0"], in: folder)
                for (name, rows) in [("full", full), ("reversed", reversed), ("trials 0", noMonteCarlo), ("merged", mergedRows),
                                     ("1,x,3d", triple)] {
                    let row = try XCTUnwrap(rows[x], "\(what): \(name)")
                    XCTAssertEqual(Self.values(row, Self.closedFormKeys), reference, "\(what): \(name) against point")
                }
                let monteCarlo = Self.values(try XCTUnwrap(full[x]), Self.monteCarloKeys)
                XCTAssertEqual(Self.values(try XCTUnwrap(reversed[x]), Self.monteCarloKeys), monteCarlo, "\(what): reversed MC")
                XCTAssertEqual(Self.values(try XCTUnwrap(mergedRows[x]), Self.monteCarloKeys), monteCarlo, "\(what): merged MC")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 60)
    }

    /// An evenly spaced grid (`--n-min 1 --n-max 2d --points 2d`: n = 1, 2, ..., 2d exactly) and an
    /// explicit list of some of its values give the same rows, closed forms and Monte Carlo.
    func testEvenlySpacedGridsAgreeWithLists() throws {
        let model = ["--d", "200", "--spectrum", "geometric:1e6", "--wstar", "random:3", "--trials", "8", "--threads", "2"]
        let grid = try sweepRows(["sweep"] + model + ["--n-min", "1", "--n-max", "400", "--points", "400"])
        XCTAssertEqual(grid.count, 400)
        let some: [Double] = [1, 66, 199, 200, 201, 400]
        let listed = try sweepRows(["sweep"] + model + ["--ns", ns(some)])
        for n in some {
            let a = try XCTUnwrap(grid[n], "n=\(n)"), b = try XCTUnwrap(listed[n], "n=\(n)")
            XCTAssertEqual(Self.values(a, Self.closedFormKeys + Self.monteCarloKeys),
                           Self.values(b, Self.closedFormKeys + Self.monteCarloKeys), "n=\(n)")
        }
    }

    /// `--vary d`: the row for one d has the same bits whichever dimensions the grid holds.
    func testModelWiseRowsDoNotDependOnTheGrid() throws {
        let model = ["sweep", "--vary", "d", "--n", "9.5", "--d", "30", "--spectrum", "geometric:1e6", "--wstar", "random:2",
                     "--trials", "8", "--threads", "2", "--format", "json"]
        func rows(_ extra: [String]) throws -> [Int: [String: Any]] {
            let json = try CLI.jsonObject(try run(model + extra))
            return Dictionary(try XCTUnwrap(json["points"] as? [[String: Any]]).map { ($0["d"] as! Int, $0) },
                              uniquingKeysWith: { a, _ in a })
        }
        let all = try rows([]), few = try rows(["--d-min", "9", "--d-max", "11", "--points", "3"])
        for d in [9, 10, 11] {
            XCTAssertEqual(Self.values(try XCTUnwrap(few[d]), Self.closedFormKeys + Self.monteCarloKeys),
                           Self.values(try XCTUnwrap(all[d]), Self.closedFormKeys + Self.monteCarloKeys), "d=\(d)")
        }
    }
}

extension ParserFuzzTests.Generator: RandomNumberGenerator {}
