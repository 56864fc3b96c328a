@testable import ddcalc
import Foundation
import XCTest

/// Pins the output bits of every way ddcalc draws a random design (issue: "bits are versioned").
///
/// Each case runs the real executable on a small input that goes through one sampling path and
/// hashes the numbers of its standard output in a canonical form that does not depend on the layout
/// (`canonical`: every cell as "row, column name, value", sorted; comment lines skipped), so that
/// reordering columns or adding comment lines is not mistaken for new bits. A change that moves any
/// of these numbers must bump `SweepInputs.bitsVersion` (which the checkpoint and part-file
/// fingerprints include, so files written by the old code are refused) and record the new hashes
/// under the new version here, in the same commit. Run with DDCALC_PRINT_GOLDEN=1 to print the
/// current hashes.
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

    /// The columns of the outputs when their hashes were pinned. Issue 25 appended the provenance
    /// columns (the echo and `ddcalc_version`, docs/OUTPUT.md, "Provenance columns") to every CSV row;
    /// they hold no sampled number, so the hashes cover these original columns.
    static let sweepColumns = ["n", "ratio", "lambda", "alpha", "theory_mse", "theory_bias", "theory_variance", "theory_risk",
                               "de_mse", "iid_exact_mse", "mc_surrogate_mse", "mc_surrogate_stderr", "mc_surrogate_mean_rows",
                               "mc_iid_mse", "mc_iid_stderr", "heavy_tail"]
    static let ridgeColumns = ["coordinate", "ridge_solution", "mc_mean", "mc_stderr", "n", "lambda", "trials", "response",
                               "rel_error", "p_value", "consistent", "design", "seed", "test", "stein_factor", "mc_mean_rows",
                               "heavy_tail", "infinite_covariance"]

    static let cases: [Case] = [
        Case(path: "isotropic exact law (surrogate, i.i.d., Poisson extra rows)",
             arguments: ["sweep", "--d", "20", "--ns", "7,13.5,20,31", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "tall Gaussian draws (Wishart Gram matrix)",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "15,30", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "wide Gaussian draws (triangular-pentagonal QR)",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "4,9.5", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "explicit rows and the solver (uniform features)",
             arguments: ["sweep", "--d", "8", "--features", "uniform", "--ns", "4,12", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "sphere features by rejection",
             arguments: ["sweep", "--d", "8", "--features", "sphere", "--ns", "4,12", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "data set rows",
             arguments: ["sweep", "--data", "data/diabetes/diabetes.csv", "--target", "progression", "--ns", "5,15",
                         "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + ["theory_exact"]),
        Case(path: "ridge mean (Theorem 2), surrogate",
             arguments: ["ridge", "--d", "6", "--n", "3", "--spectrum", "geometric:10", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.ridgeColumns),
        Case(path: "ridge mean (Theorem 2), i.i.d. with a non-linear response",
             arguments: ["ridge", "--d", "6", "--n", "9", "--response", "tanh", "--design", "iid", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.ridgeColumns + ["surrogate_rel_error", "surrogate_p_value"]),
        Case(path: "ridge mean on a data set",
             arguments: ["ridge", "--data", "data/diabetes/diabetes.csv", "--target", "progression", "--n", "5",
                         "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.ridgeColumns),
        Case(path: "sweep --check-ridge",
             arguments: ["sweep", "--d", "8", "--ns", "3,6", "--trials", "32", "--check-ridge", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + ["ridge_rel_error", "ridge_p_value"]),
        Case(path: "Poisson row counts at a large mean (surrogate, n - d = 1e5)",
             arguments: ["sweep", "--d", "5", "--ns", "100005", "--trials", "20000", "--design", "surrogate", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        // Pinned when sample printed x1..x5,y only; y_clean, draw and row were added after (issue 15, item 6).
        Case(path: "one drawn design (ddcalc sample)",
             arguments: ["sample", "--d", "5", "--n", "7.5", "--spectrum", "geometric:10", "--seed", "4"],
             columns: ["x1", "x2", "x3", "x4", "x5", "y"]),
    ]

    /// FNV-1a hashes of each case's canonical output, by bits version.
    ///
    /// The canonical form replaced hashes of the raw standard output when the column order became
    /// fixed (docs/OUTPUT.md, "Column order"; only the data-set case's columns moved). Version 2's
    /// values were computed from the raw output of the code before that change (commit 6a936e6, whose
    /// raw hashes matched the pins of that time), so they pin the same numbers. Version 1 had the same
    /// raw output as version 2 in every case but the Poisson one (its raw hashes, kept in comments,
    /// were equal), so its canonical hashes are version 2's there; the Poisson case's version-1 output
    /// cannot be produced by any code still here, so only its old raw hash is recorded.
    static let pinned: [Int: [String]] = [
        // raw: 3007de06616790cd 574e75db3e18343d 8023ca81a2c1f9e5 730534a5de62c754 3824fab92ebb25c2
        //      6eebcf408b604bad 56c2a1e8ba8e7bfd 1904e37330347c48 26bdd56b35406228 82bace709053a1e5
        //      0a57561ab394f3d7 ce3b326dfd5e7bbc
        1: ["8717b4b886fc2dff", "09381b42f35280d9", "dae056d01668ec93", "42fb94b5a3dee674", "de66ae94f2eaa93c",
            "caad3db56c31303b", "5f513e073f0250c6", "647525e8bb4bc6b9", "6993cd0007771e65", "eac5a406cf56ce89",
            "raw 0a57561ab394f3d7", "6958efe0b942e522"],
        // The Poisson sampler as published (its squeeze was 1% too wide): surrogate row counts at n >= d.
        // raw: as version 1 but d34050a138b15f39 for the Poisson case
        2: ["8717b4b886fc2dff", "09381b42f35280d9", "dae056d01668ec93", "42fb94b5a3dee674", "de66ae94f2eaa93c",
            "caad3db56c31303b", "5f513e073f0250c6", "647525e8bb4bc6b9", "6993cd0007771e65", "eac5a406cf56ce89",
            "eb2d05e4ae81245d", "6958efe0b942e522"],
        // Every printed number from ddcalc's own linear algebra and elementary functions (issue 21: the
        // same bytes under every OpenBLAS kernel and glibc libm variant), each closed-form point from
        // its own n, de_mse by its scale-safe form. Every case moved (the Poisson, ziggurat and gamma
        // samplers' exp/log, the factorizations, the closed forms' last bits).
        3: ["9a4c58e48e6a5126", "29e3182030b591bb", "1a3133fa192bf73b", "53af51de107ab35d", "e1f5ca2ba439bba7",
            "073d266767f06fb9", "d8619f95e28a5658", "48dd2f7e909c29f5", "6514e8fb859a69f4", "4dcc210850a01c0b",
            "d71fe2322781d04f", "0ef4ee46ece6dc9b"],
        // Gaussian trials at a ridge penalty through the tilted Bartlett factor (issue 23): only the
        // version-3 table's ridge cases moved; these are version 3's.
        4: ["9a4c58e48e6a5126", "29e3182030b591bb", "1a3133fa192bf73b", "53af51de107ab35d", "e1f5ca2ba439bba7",
            "073d266767f06fb9", "d8619f95e28a5658", "48dd2f7e909c29f5", "6514e8fb859a69f4", "4dcc210850a01c0b",
            "d71fe2322781d04f", "0ef4ee46ece6dc9b"],
    ]

    /// The numbers of a CSV output without its layout: lines starting with `#` and empty lines are
    /// skipped, the first remaining line is the header, and every cell of the other lines becomes
    /// "ROW\tCOLUMN\tVALUE" (ROW counted from 0 after the header); these lines, sorted, each end in "\n".
    /// The golden outputs hold no quoted fields, so a cell is what lies between commas.
    static func canonical(_ output: String) -> String {
        let lines = output.split(separator: "\n").filter { !$0.hasPrefix("#") }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false) else { return "" }
        var cells: [String] = []
        for (row, line) in lines.dropFirst().enumerated() {
            for (column, value) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) {
                cells.append("\(row)\t\(column)\t\(value)")
            }
        }
        return cells.sorted().map { $0 + "\n" }.joined()
    }

    /// The canonical form does not depend on the order of the columns or on comment lines, and does
    /// depend on every value and on which column holds it.
    func testCanonicalFormIgnoresTheLayoutOnly() {
        let output = "a,b,c\n1,2,\n3,4,true\n"
        XCTAssertEqual(Self.canonical(output), Self.canonical("# comment\nc,a,b\n,1,2\ntrue,3,4\n"))
        XCTAssertEqual(Self.canonical(output), "0\ta\t1\n0\tb\t2\n0\tc\t\n1\ta\t3\n1\tb\t4\n1\tc\ttrue\n")
        XCTAssertNotEqual(Self.canonical(output), Self.canonical("b,a,c\n1,2,\n3,4,true\n"))
        XCTAssertNotEqual(Self.canonical(output), Self.canonical("a,b,c\n1,2,\n3,5,true\n"))
    }

    /// Paths added after the table above was first pinned, in a table of their own: their hashes
    /// start at the bits version current when they were added, so the arrays recorded for older
    /// versions stay exactly as recorded (those versions never had these paths). A bump of the bits
    /// version records new hashes in both tables.
    static let laterCases: [Case] = [
        // Issue 16: --sampler rows, every Gaussian design drawn as rows and solved by LAPACK.
        Case(path: "rows sampler, isotropic (surrogate, i.i.d., Poisson extra rows)",
             arguments: ["sweep", "--d", "20", "--ns", "7,13.5,20,31", "--trials", "64", "--sampler", "rows", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "rows sampler, non-isotropic wide and tall",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "4,9.5,15,30", "--trials", "64",
                         "--sampler", "rows", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        // Issue 16: --risk prediction, the Sigma-weighted error of the same draws, on every kernel.
        Case(path: "prediction risk, isotropic exact law",
             arguments: ["sweep", "--d", "20", "--ns", "7,13.5,20,31", "--trials", "64", "--risk", "prediction", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "prediction risk, non-isotropic wide (triangular-plus-dense) and tall (Wishart Gram) draws",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "4,9.5,15,30", "--trials", "64",
                         "--risk", "prediction", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "prediction risk, uniform features (rejection sampler rows)",
             arguments: ["sweep", "--d", "8", "--features", "uniform", "--spectrum", "geometric:10", "--ns", "4,12",
                         "--trials", "64", "--risk", "prediction", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
        Case(path: "prediction risk, data set rows",
             arguments: ["sweep", "--data", "data/diabetes/diabetes.csv", "--target", "progression", "--ns", "5,15",
                         "--trials", "64", "--risk", "prediction", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + ["theory_exact"]),
        Case(path: "prediction risk, rows sampler",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "4,9.5,15,30", "--trials", "64",
                         "--sampler", "rows", "--risk", "prediction", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns),
    ]

    /// FNV-1a hashes of each later case's canonical output, by bits version (from the version it was
    /// added in). Raw standard output of the two sampler cases, for the record: 9e2cd26305481d25,
    /// 41d558cf640143f2. The prediction-risk cases were pinned later but still at version 2: their
    /// hashes were computed from the output of commit 5d8ab11's binary, and the code after it (the
    /// wide draw's weighted sums rewritten) prints the same bits.
    static let laterPinned: [Int: [String]] = [
        2: ["7591ce8e6ae6c54b", "e90d76ade2884666", "8dabadcec502d234", "14fc6df56d885bda", "c541dcff4ecb8f3a",
            "8d82bfca636ebb46", "d359414363d471c1"],
        // Our own kernels and elementary functions (issue 21): see `pinned`.
        3: ["be0b220c838cb353", "14eb4f77b66aa9a9", "5e705297a7a32e6a", "c21a2bca14793251", "b7e4e85c723cbb32",
            "be81151f6554537f", "7764d2748a0c9396"],
        // Unchanged at version 4 (see `pinned`).
        4: ["be0b220c838cb353", "14eb4f77b66aa9a9", "5e705297a7a32e6a", "c21a2bca14793251", "b7e4e85c723cbb32",
            "be81151f6554537f", "7764d2748a0c9396"],
    ]

    func testEverySamplingPathKeepsItsBits() throws {
        try checkBits(Self.cases, pinned: Self.pinned)
    }

    /// Paths pinned first at bits version 3 (issues 21 and 23): the closed forms of a power-law
    /// spectrum (whose alpha moved with glibc's libm variant before DDElementary), spectra computed
    /// by our own eigen-decomposition and SVD (`covariance:`, `weights:`), and ridge at lambda != 0
    /// (the regularized surrogate design, RidgeSolver, the ridge path and Theorem 2 at lambda on a
    /// data set). Columns: the outputs' own, without the provenance columns.
    static let ridgeLambdaColumns = ["ridge_lambda", "kappa", "gamma", "lambda_min"]
    static let version3Cases: [Case] = [
        Case(path: "closed forms, power-law spectrum",
             arguments: ["sweep", "--d", "300", "--spectrum", "powerlaw:1.7", "--points", "50", "--trials", "0", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + GoldenBitsTests.gapColumns),
        Case(path: "covariance: spectrum (own symmetric eigen-decomposition)",
             arguments: ["sweep", "--spectrum", "covariance:Tests/Fixtures/npy/covariance.npy", "--ns", "2,5", "--trials", "64",
                         "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + GoldenBitsTests.gapColumns),
        Case(path: "weights: spectrum (own singular values)",
             arguments: ["sweep", "--spectrum", "weights:Tests/Fixtures/npy/weights.npy", "--ns", "2,5", "--trials", "64",
                         "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + GoldenBitsTests.gapColumns),
        Case(path: "ridge at lambda = 0.5 (regularized surrogate design, RidgeSolver)",
             arguments: ["sweep", "--d", "12", "--spectrum", "geometric:10", "--ns", "4,15", "--lambda", "0.5", "--trials", "64",
                         "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + GoldenBitsTests.ridgeLambdaColumns + GoldenBitsTests.gapColumns),
        Case(path: "ridge path (sweep --vary lambda), negative to positive",
             arguments: ["sweep", "--vary", "lambda", "--d", "12", "--spectrum", "geometric:10", "--n", "8",
                         "--lambdas=-0.05,0,0.5,3", "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.sweepColumns + GoldenBitsTests.ridgeLambdaColumns + ["de_optimal_lambda", "bayes_lambda"]),
        Case(path: "Theorem 2 at lambda = 2 on a data set",
             arguments: ["ridge", "--data", "data/diabetes/diabetes.csv", "--target", "progression", "--n", "5", "--lambda", "2",
                         "--trials", "64", "--format", "csv"],
             columns: GoldenBitsTests.ridgeColumns + ["ridge_lambda"]),
    ]
    static let gapColumns = ["gap_exact", "gap_mc", "gap_mc_stderr"]

    /// The ridge case's hash was re-pinned once without a bump when its gap columns, empty at first,
    /// were filled with the gap between the two Monte Carlo estimates: a new derived value, every
    /// sampled number as before (its other columns' cells unchanged).
    static let version3Pinned: [Int: [String]] = [
        3: ["ffe53f48cf81ecbe", "ca215f198489a181", "22d68e4c6530cefc", "f52a3612e7663400", "8feb0a1f61e5712d",
            "7de93ea554e78fd1"],
        // The three ridge cases moved (issue 23): the sweep at lambda = 0.5 and the ridge path (Gaussian
        // trials through the tilted Bartlett factor, `RidgeGaussianKernel`; `RidgeSolver`'s blocked
        // Cholesky, Gram products and trace route), and Theorem 2 at lambda on a data set (the same
        // Cholesky and Gram products in `RidgeSolver.solve`). The three spectrum cases did not.
        4: ["ffe53f48cf81ecbe", "ca215f198489a181", "22d68e4c6530cefc", "3525d32c18015cb4", "2a2588f56d5f2c99",
            "fefc8ba88f08d01b"],
    ]

    func testEverySamplingPathAddedAtVersion3KeepsItsBits() throws {
        try checkBits(Self.version3Cases, pinned: Self.version3Pinned)
    }

    func testEverySamplingPathAddedLaterKeepsItsBits() throws {
        try checkBits(Self.laterCases, pinned: Self.laterPinned)
    }

    private func checkBits(_ cases: [Case], pinned: [Int: [String]], file: StaticString = #filePath, line: UInt = #line) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var hashes: [String] = []
        for item in cases {
            let result = try ProcessRunner.run(ProcessRunner.ddcalc, item.arguments, in: root)
            XCTAssertEqual(result.status, 0, "\(item.path): \(result.stderr)", file: file, line: line)
            let hashed = try item.columns.map { try Self.project(result.stdout, onto: $0) } ?? result.stdout
            hashes.append(FNV1a.hex(FNV1a.hash(Self.canonical(hashed).utf8)))
        }
        if ProcessInfo.processInfo.environment["DDCALC_PRINT_GOLDEN"] != nil {
            print("bits version \(SweepInputs.bitsVersion):\n" + hashes.map { "\"\($0)\"," }.joined(separator: "\n"))
        }
        let expected = try XCTUnwrap(pinned[SweepInputs.bitsVersion],
                                     "no golden hashes for bits version \(SweepInputs.bitsVersion)", file: file, line: line)
        XCTAssertEqual(expected.count, cases.count, file: file, line: line)
        for (index, item) in cases.enumerated() where index < expected.count {
            XCTAssertEqual(hashes[index], expected[index],
                           "the output bits of '\(item.path)' moved: bump SweepInputs.bitsVersion and pin the new hashes",
                           file: file, line: line)
        }
    }

    /// One question, one answer: every golden case prints the same bytes whichever kernels the
    /// machine's libraries pick (issue 21). OpenBLAS chooses its kernels by CPU (or by
    /// OPENBLAS_CORETYPE) and glibc's libm has FMA and non-FMA variants of exp, log, lgamma and the
    /// rest; ddcalc's numbers must not depend on either (docs/MATH.md, "Reproducibility"). Each case
    /// runs with OpenBLAS left to choose, with the Prescott kernels (which every x86-64 CPU runs) and
    /// with the Haswell and SkylakeX kernels where this CPU has their instructions, and once with
    /// glibc told to use its baseline (pre-FMA) code; every run must print the bytes of the first.
    func testEveryGoldenCaseGivesOneAnswerUnderEveryKernel() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let environments = NumericalEnvironment.variants()
        XCTAssertGreaterThanOrEqual(environments.count, 3, "at least two OpenBLAS kernels and the baseline libm")
        for item in Self.cases + Self.laterCases + Self.version3Cases {
            var first: (name: String, stdout: String)?
            for environment in environments {
                let result = try ProcessRunner.run(ProcessRunner.ddcalc, item.arguments, in: root,
                                                   environment: environment.variables)
                XCTAssertEqual(result.status, 0, "\(item.path) under \(environment.name): \(result.stderr)")
                guard let reference = first else {
                    first = (environment.name, result.stdout)
                    continue
                }
                let differing = zip(result.stdout.split(separator: "\n"), reference.stdout.split(separator: "\n"))
                    .first { $0 != $1 }
                XCTAssertTrue(result.stdout == reference.stdout,
                              "'\(item.path)' prints other bytes under \(environment.name) than under \(reference.name)"
                                  + (differing.map { ": '\($0.1)' became '\($0.0)'" } ?? ""))
            }
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

    /// Every bump of the version recorded new bits: no two versions pin the same outputs (over the three
    /// tables together: a bump may move the cases of one table only, as version 4 moved the ridge cases).
    func testEachVersionPinsDifferentBits() {
        let versions = Self.pinned.keys.sorted()
        let all = { (v: Int) in Self.pinned[v]! + (Self.laterPinned[v] ?? []) + (Self.version3Pinned[v] ?? []) }
        for (older, newer) in zip(versions, versions.dropFirst()) {
            XCTAssertNotEqual(all(older), all(newer), "versions \(older) and \(newer) pin the same bits")
        }
        XCTAssertEqual(versions.last, SweepInputs.bitsVersion, "the newest pinned version is the current one")
        XCTAssertEqual(Self.laterPinned.keys.max(), SweepInputs.bitsVersion, "the later cases are pinned at the current version")
        XCTAssertEqual(Self.version3Pinned.keys.max(), SweepInputs.bitsVersion, "the version-3 cases are pinned at the current version")
    }
}
