@testable import DDLinearAlgebra
@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The Monte Carlo agrees with the closed forms within |z| < 4 (z from its own standard error) at
/// points where the per-draw error has finite variance (`heavy_tail` false, asserted).
final class MonteCarloAgreementTests: XCTestCase {
    private func simulate(_ model: RegressionModel, ns: [Double], design: DesignKind, trials: Int,
                          seed: UInt64 = 5) -> [(ClosedForms, MonteCarloEstimate)] {
        let calculator = ClosedFormCalculator(model: model)
        let points = try! ns.map { try calculator.evaluate(n: $0) }
        let settings = MonteCarloSettings(trials: trials, seed: seed, designs: [design], threads: 2)
        let simulated = try! MonteCarloSimulator(model: model, settings: settings).run(points)
        return zip(points, simulated).map { ($0, $1.estimate(design)!) }
    }

    private func assertAgrees(_ mc: MonteCarloEstimate, _ expected: Double, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(mc.heavyTail, "\(what): chosen to be away from the heavy tail", file: file, line: line)
        let z = (mc.mean! - expected) / mc.standardError!
        XCTAssertLessThan(abs(z), 4, "\(what): MC \(mc.mean!) +- \(mc.standardError!) vs \(expected)", file: file, line: line)
    }

    func testSurrogateMatchesTheorem1() throws {
        // d = 20: n < d where P(K >= d - 1) * trials is negligible, and n > d + 15; real n included.
        let models: [(String, RegressionModel)] = [
            ("isotropic", try TestModels.model(.isotropic, d: 20, wstar: .random(seed: 3), wnorm: 2, sigma: 0.7)),
            ("geometric", try TestModels.model(.geometric(100), d: 20, wstar: .random(seed: 4), sigma: 1)),
            ("rotated", try rotatedCovarianceModel(d: 20)),
        ]
        for (name, model) in models {
            for (point, mc) in simulate(model, ns: [1.5, 4, 7.5, 36.5, 50], design: .surrogate, trials: 4000) {
                assertAgrees(mc, point.surrogateRisk!, "\(name) d = 20, n = \(point.n)")
                XCTAssertEqual(mc.meanRows!, point.n, accuracy: 5 * (point.n / 4000).squareRoot() + 0.05)
            }
        }
    }

    /// d = 5 below interpolation: without noise the error is the bias alone, bounded by ||w*||^2, so
    /// every n < d can be checked; with noise, far above d.
    func testSurrogateSmallDimension() throws {
        let noiseless = try TestModels.model(.linear(4), d: 5, wstar: .random(seed: 9), sigma: 0)
        for (point, mc) in simulate(noiseless, ns: [0.5, 1, 2.5, 4, 4.9], design: .surrogate, trials: 4000) {
            assertAgrees(mc, point.surrogateRisk!, "noiseless d = 5, n = \(point.n)")
        }
        let noisy = try TestModels.model(.linear(4), d: 5, wstar: .random(seed: 9), sigma: 1.5)
        for (point, mc) in simulate(noisy, ns: [23.5, 30], design: .surrogate, trials: 4000) {
            assertAgrees(mc, point.surrogateRisk!, "noisy d = 5, n = \(point.n)")
        }
    }

    func testIIDMatchesExactValues() throws {
        let isotropic = try TestModels.model(.isotropic, d: 20, wstar: .random(seed: 2), sigma: 1)
        let geometric = try TestModels.model(.geometric(50), d: 20, wstar: .top, sigma: 0.5)
        for (name, model, ns) in [("isotropic", isotropic, [3.0, 10, 16, 24, 40]), ("geometric", geometric, [24.0, 31, 60])] {
            for (point, mc) in simulate(model, ns: ns, design: .iid, trials: 4000) {
                assertAgrees(mc, point.iidExactRisk!, "\(name) iid d = 20, n = \(point.n)")
            }
        }
    }

    func testIIDNullWhereInfiniteOrUndefined() throws {
        let model = try TestModels.model(.isotropic, d: 6)
        let results = simulate(model, ns: [5, 6, 7, 8], design: .iid, trials: 50)
        for (point, mc) in results.prefix(3) {
            XCTAssertNil(mc.mean, "n = \(point.n): infinite MSE has no sample mean")
            XCTAssertTrue(mc.heavyTail)
        }
        XCTAssertNotNil(results[3].1.mean)
        XCTAssertTrue(results[3].1.heavyTail, "n = d + 2: infinite variance")
        let calculator = ClosedFormCalculator(model: model)
        let settings = MonteCarloSettings(trials: 50, seed: 1, designs: [.iid], threads: 1)
        let nonInteger = try MonteCarloSimulator(model: model, settings: settings).run([try calculator.evaluate(n: 4.5)])
        XCTAssertNil(nonInteger[0].iid, "i.i.d. designs need integer n")
    }

    /// A non-diagonal covariance: designs drawn through `DesignDraw` (Haar rotation, row shuffle,
    /// mapping by the eigenvectors) and solved in ORIGINAL coordinates agree with Theorem 1.
    func testRotatedCovarianceInOriginalCoordinates() throws {
        let model = try rotatedCovarianceModel(d: 6)
        let calculator = ClosedFormCalculator(model: model)
        let solver = MinNormSolver(d: 6, maxRows: 64)
        let ones = [Double](repeating: 1, count: 6)
        for n in [2.0, 3.5, 30] {
            let point = try calculator.evaluate(n: n)
            var moments = RunningMoments()
            for t in 0..<3000 {
                let draw = try DesignDraw(model: model, design: .surrogate, n: n, lambda: point.lambda, seed: UInt64(t))
                let k = draw.rows.count
                var columnMajor = [Double](repeating: 0, count: k * 6)
                for i in 0..<k { for j in 0..<6 { columnMajor[i + j * k] = draw.rows[i][j] } }
                let error = solver.conditionalError(design: columnMajor, rows: k, wstar: model.wOriginal,
                                                    eigenvalues: ones, sigma: model.sigma)
                moments.add(error.parameterError)
            }
            let z = (moments.mean - point.surrogateRisk!) / moments.standardError!
            XCTAssertLessThan(abs(z), 4, "rotated d = 6, n = \(n): \(moments.mean) vs \(point.surrogateRisk)")
        }
    }

    /// The simulator draws Gaussian designs without their explicit rows: tall ones through their Gram
    /// matrix (`WishartGramDraw`), wide ones in triangular-plus-dense form (`WideGaussianDraw`). Drawing
    /// the rows and solving by QR must give the same law: both agree with the closed forms where there
    /// is one (the surrogate; tall i.i.d. rows), and with each other everywhere.
    func testGaussianRowsAndShortcutDrawsAgree() throws {
        let model = try TestModels.model(.geometric(20), d: 10, wstar: .random(seed: 1), sigma: 0.9)
        let cases: [(DesignKind, Double)] = [(.surrogate, 1), (.surrogate, 2), (.surrogate, 27.5), (.surrogate, 40),
                                             (.iid, 2), (.iid, 5), (.iid, 8), (.iid, 16), (.iid, 24)]
        for (design, n) in cases {
            assertShortcutAgreesWithRows(model, design: design, n: n, "\(design) n = \(n)") { point in
                design == .surrogate ? point.surrogateRisk : point.iidExactRisk
            }
        }
    }

    /// With an isotropic spectrum the simulator draws every Gaussian design through its singular values
    /// (`IsotropicGaussianDraw`): wide and tall, both designs, and s != 1, it must agree with the rows
    /// and the QR, and with the closed forms. With sigma = 0 the error is the Beta-distributed bias alone.
    func testIsotropicDrawsAgreeWithRowsAndTheory() throws {
        let d = 20
        let path = try TestModels.temporaryFile(Array(repeating: "2.5", count: d).joined(separator: "\n"))
        let wide: [(DesignKind, Double)] = [(.surrogate, 2.5), (.surrogate, 6), (.iid, 1), (.iid, 3), (.iid, 10)]
        let tall: [(DesignKind, Double)] = [(.surrogate, 36.5), (.surrogate, 50), (.iid, 26), (.iid, 40)]
        // Without noise a tall draw has error 0, and the i.i.d. design at n = d - 1 is simulated.
        for (sigma, cases) in [(0.8, wide + tall), (0, wide + [(.iid, 19)])] {
            let model = try TestModels.model(.file(path), d: nil, wstar: .random(seed: 6), wnorm: 1.5, sigma: sigma)
            for (design, n) in cases {
                // iidExactRisk is nil at n = d - 1, where the noise makes it infinite; the bias alone is
                // (1 - n/d) ||w*||^2 (the row space is uniformly distributed).
                assertShortcutAgreesWithRows(model, design: design, n: n, "\(design) n = \(n), sigma = \(sigma)") { point in
                    design == .surrogate ? point.surrogateRisk : point.iidExactRisk ?? (1 - n / Double(d)) * 1.5 * 1.5
                }
            }
        }
    }

    /// Point n of `design` simulated both ways, 4000 draws each: by the simulator and by the rows and
    /// the QR (`RowPathSimulation`). Both agree with `expected` when it gives a value, and with each
    /// other, within |z| < 4.
    private func assertShortcutAgreesWithRows(_ model: RegressionModel, design: DesignKind, n: Double, _ what: String,
                                              file: StaticString = #filePath, line: UInt = #line,
                                              expected: (ClosedForms) -> Double?) {
        let point = try! ClosedFormCalculator(model: model).evaluate(n: n)
        let rows = RowPathSimulation.moments(model, design: design, n: n, lambda: point.lambda, trials: 4000)
        let shortcut = simulate(model, ns: [n], design: design, trials: 4000)[0].1
        if let value = expected(point) {
            XCTAssertLessThan(abs(rows.mean - value) / rows.standardError!, 4, "rows: \(what)", file: file, line: line)
            assertAgrees(shortcut, value, "shortcut: \(what)", file: file, line: line)
        }
        let gap = (rows.mean - shortcut.mean!) / (pow(rows.standardError!, 2) + pow(shortcut.standardError!, 2)).squareRoot()
        XCTAssertLessThan(abs(gap), 4, "rows vs shortcut: \(what)", file: file, line: line)
    }

    /// A covariance file V diag(s) V^T with a random orthogonal V.
    private func rotatedCovarianceModel(d: Int) throws -> RegressionModel {
        var rng = RandomStream(seed: 77)
        let v = HaarOrthogonal.sample(k: d, using: &rng)
        let s = (0..<d).map { pow(0.8, Double($0)) }
        let rows = (0..<d).map { i in
            (0..<d).map { j in (0..<d).reduce(0.0) { $0 + v[i + $1 * d] * s[$1] * v[j + $1 * d] } }
        }
        let path = try TestModels.temporaryFile(rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n"))
        return try TestModels.model(.covariance(path), d: nil, wstar: .random(seed: 8), sigma: 0.8)
    }
}
