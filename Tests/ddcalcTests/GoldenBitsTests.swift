@testable import ddcalc
import Foundation
import XCTest

/// Pins the output bits of every way ddcalc draws a random design (issue: "bits are versioned").
///
/// Each case runs the real executable on a small input that goes through one sampling path and
/// hashes its standard output. A change that moves any of these bits must bump
/// `SweepInputs.bitsVersion` (which the checkpoint and part-file fingerprints include, so files
/// written by the old code are refused) and record the new hashes under the new version here, in
/// the same commit. Run with DDCALC_PRINT_GOLDEN=1 to print the current hashes.
final class GoldenBitsTests: XCTestCase {
    /// One sampling path and a command whose output depends on it.
    struct Case {
        let path: String
        let arguments: [String]
        /// For a CSV output whose layout has grown since its hashes were pinned: the columns hashed, by
        /// name and in this order (the output's original columns), so that added columns do not move
        /// the hash while every bit of the original ones is still pinned. Nil: the whole output.
        var columns: [String]? = nil
    }

    static let cases: [Case] = [
        Case(path: "isotropic exact law (surrogate, i.i.d., Poisson extra rows)",
             arguments: ["sweep", "--d", "20", "--ns", "7,13.5,20,31", "--trials", "64", "--format", "csv"]),
        Case(path: "tall Gaussian draws (Wishart Gram matrix)",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "15,30", "--trials", "64", "--format", "csv"]),
        Case(path: "wide Gaussian draws (triangular-pentagonal QR)",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "4,9.5", "--trials", "64", "--format", "csv"]),
        Case(path: "explicit rows and the solver (uniform features)",
             arguments: ["sweep", "--d", "8", "--features", "uniform", "--ns", "4,12", "--trials", "64", "--format", "csv"]),
        Case(path: "sphere features by rejection",
             arguments: ["sweep", "--d", "8", "--features", "sphere", "--ns", "4,12", "--trials", "64", "--format", "csv"]),
        Case(path: "data set rows",
             arguments: ["sweep", "--data", "data/diabetes/diabetes.csv", "--target", "progression", "--ns", "5,15",
                         "--trials", "64", "--format", "csv"]),
        Case(path: "ridge mean (Theorem 2), surrogate",
             arguments: ["ridge", "--d", "6", "--n", "3", "--spectrum", "geometric:10", "--trials", "64", "--format", "csv"]),
        Case(path: "ridge mean (Theorem 2), i.i.d. with a non-linear response",
             arguments: ["ridge", "--d", "6", "--n", "9", "--response", "tanh", "--design", "iid", "--trials", "64", "--format", "csv"]),
        Case(path: "ridge mean on a data set",
             arguments: ["ridge", "--data", "data/diabetes/diabetes.csv", "--target", "progression", "--n", "5",
                         "--trials", "64", "--format", "csv"]),
        Case(path: "sweep --check-ridge",
             arguments: ["sweep", "--d", "8", "--ns", "3,6", "--trials", "32", "--check-ridge", "--format", "csv"]),
        Case(path: "Poisson row counts at a large mean (surrogate, n - d = 1e5)",
             arguments: ["sweep", "--d", "5", "--ns", "100005", "--trials", "20000", "--design", "surrogate", "--format", "csv"]),
        // Pinned when sample printed x1..x5,y only; y_clean, draw and row were added after (issue 15, item 6).
        Case(path: "one drawn design (ddcalc sample)",
             arguments: ["sample", "--d", "5", "--n", "7.5", "--spectrum", "geometric:10", "--seed", "4"],
             columns: ["x1", "x2", "x3", "x4", "x5", "y"]),
    ]

    /// FNV-1a hashes of each case's standard output, by bits version.
    static let pinned: [Int: [String]] = [
        1: ["3007de06616790cd", "574e75db3e18343d", "8023ca81a2c1f9e5", "730534a5de62c754", "3824fab92ebb25c2",
            "6eebcf408b604bad", "56c2a1e8ba8e7bfd", "1904e37330347c48", "26bdd56b35406228", "82bace709053a1e5",
            "0a57561ab394f3d7", "ce3b326dfd5e7bbc"],
        // The Poisson sampler as published (its squeeze was 1% too wide): surrogate row counts at n >= d.
        2: ["3007de06616790cd", "574e75db3e18343d", "8023ca81a2c1f9e5", "730534a5de62c754", "3824fab92ebb25c2",
            "6eebcf408b604bad", "56c2a1e8ba8e7bfd", "1904e37330347c48", "26bdd56b35406228", "82bace709053a1e5",
            "d34050a138b15f39", "ce3b326dfd5e7bbc"],
    ]

    func testEverySamplingPathKeepsItsBits() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var hashes: [String] = []
        for item in Self.cases {
            let result = try ProcessRunner.run(ProcessRunner.ddcalc, item.arguments, in: root)
            XCTAssertEqual(result.status, 0, "\(item.path): \(result.stderr)")
            let hashed = try item.columns.map { try Self.project(result.stdout, onto: $0) } ?? result.stdout
            hashes.append(FNV1a.hex(FNV1a.hash(hashed.utf8)))
        }
        if ProcessInfo.processInfo.environment["DDCALC_PRINT_GOLDEN"] != nil {
            print("bits version \(SweepInputs.bitsVersion):\n" + hashes.map { "\"\($0)\"," }.joined(separator: "\n"))
        }
        let expected = try XCTUnwrap(Self.pinned[SweepInputs.bitsVersion],
                                     "no golden hashes for bits version \(SweepInputs.bitsVersion)")
        XCTAssertEqual(expected.count, Self.cases.count)
        for (index, item) in Self.cases.enumerated() where index < expected.count {
            XCTAssertEqual(hashes[index], expected[index],
                           "the output bits of '\(item.path)' moved: bump SweepInputs.bitsVersion and pin the new hashes")
        }
    }

    /// The CSV `text` with only `columns` (by header name, in that order), laid out as ddcalc prints
    /// CSV: the same bytes as the output had when those were its only columns.
    static func project(_ text: String, onto columns: [String]) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let header = try XCTUnwrap(lines.first).split(separator: ",").map(String.init)
        let indices = try columns.map { name in try XCTUnwrap(header.firstIndex(of: name), "no column \(name) in \(header)") }
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return indices.map { String(fields[$0]) }.joined(separator: ",") + "\n"
        }.joined()
    }

    /// The projection gives the whole output back for a CSV that has only those columns, and drops
    /// the others: a pinned hash of an older layout still pins the same bytes.
    func testColumnProjectionKeepsTheOriginalBytes() throws {
        XCTAssertEqual(try Self.project("x1,y\n1.5,-2.0\n", onto: ["x1", "y"]), "x1,y\n1.5,-2.0\n")
        XCTAssertEqual(try Self.project("x1,y,y_clean,draw\n1.5,-2.0,0.5,1\n3.0,4.0,1.0,1\n", onto: ["x1", "y"]),
                       "x1,y\n1.5,-2.0\n3.0,4.0\n")
    }

    /// Every bump of the version recorded new bits: no two versions pin the same outputs.
    func testEachVersionPinsDifferentBits() {
        let versions = Self.pinned.keys.sorted()
        for (older, newer) in zip(versions, versions.dropFirst()) {
            XCTAssertNotEqual(Self.pinned[older], Self.pinned[newer], "versions \(older) and \(newer) pin the same bits")
        }
        XCTAssertEqual(versions.last, SweepInputs.bitsVersion, "the newest pinned version is the current one")
    }
}
