@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The sphere and uniform feature laws (docs/MATH.md, "Feature laws", "Bounded laws by rejection"):
/// their exact surrogate draws agree with Theorem 1, their row counts follow the same law as the
/// Gaussian ones, the sequential DPP points are linearly independent and have the DPP's one-point
/// intensity, and their i.i.d. draws have second moment diag(s). Fixed seeds throughout.
final class BoundedFeatureSamplerTests: XCTestCase {
    private let laws: [FeatureLaw] = [.sphere, .uniform]

    /// Theorem 1 within |z| < 4 of the Monte Carlo (z from its own standard error) at points where the
    /// error is light tailed (asserted): n < d without noise (the error is the bounded bias), n far
    /// below d with noise (d = 10), and n far above d with noise.
    func testSurrogateMonteCarloMatchesTheorem1() throws {
        for law in laws {
            for d in [5, 10] {
                let noiseless = try model(d: d, sigma: 0, law: law)
                let noisy = try model(d: d, sigma: 0.8, law: law)
                // With noise, n < d only at d = 10: at d = 5 every n < d draws K >= d - 1 too often.
                let cases: [(RegressionModel, [Double])] = [
                    (noiseless, [1.5, Double(d) / 2, Double(d) - 0.5]),
                    (noisy, (d == 10 ? [1.0] : []) + [Double(d) + 18.5, Double(d) + 30]),
                ]
                for (model, ns) in cases {
                    for (point, mc) in try simulate(model, ns: ns, trials: 3000) {
                        let what = "\(law) d = \(d), sigma = \(model.sigma), n = \(point.n)"
                        XCTAssertFalse(mc.heavyTail, "\(what): chosen to be away from the heavy tail")
                        let z = (mc.mean! - point.surrogateRisk!) / mc.standardError!
                        print("  \(what): MC \(mc.mean!) +- \(mc.standardError!) vs Theorem 1 \(point.surrogateRisk), z = \(z)")
                        XCTAssertLessThan(abs(z), 4, what)
                    }
                }
            }
        }
    }

    /// The spectral selection is shared, and it consumes the stream first: every law draws exactly the
    /// Gaussian sampler's row count from the same stream, so the row-count law (tested against its
    /// exact form in `SurrogateRowCountTests`) is unchanged.
    func testRowCountsEqualTheGaussianSamplers() throws {
        let s = try model(d: 6, sigma: 1, law: .gaussian).eigenvalues
        let gaussian = GaussianDesignSampler(eigenvalues: s)
        let lambdaSolver = LambdaSolver(eigenvalues: s)
        for law in laws {
            let sampler = law.sampler(eigenvalues: s)
            for n in [0.7, 2.5, 5.9, 6.0, 7.25, 13.5] {
                let plan = SurrogatePlan(n: n, lambda: n < 6 ? lambdaSolver.solve(n: n) : nil, eigenvalues: s)
                let a = DesignWorkspace(d: 6, maxRows: 8), b = DesignWorkspace(d: 6, maxRows: 8)
                for t in 0..<500 {
                    var rngA = RandomStream(seed: 11, keys: [n.bitPattern, UInt64(t)]), rngB = rngA
                    gaussian.drawSurrogate(plan, rotateRows: false, into: a, using: &rngA)
                    sampler.drawSurrogate(plan, rotateRows: t % 2 == 0, into: b, using: &rngB)
                    XCTAssertEqual(a.rows, b.rows, "\(law) n = \(n), trial \(t)")
                }
            }
        }
    }

    /// The k points of the sequential DPP (the first k rows without `rotateRows`) are linearly
    /// independent in the kept coordinates S: Gram-Schmidt on their S-parts leaves every residual
    /// well away from zero.
    func testSequentialDPPPointsAreLinearlyIndependent() throws {
        for law in laws {
            let sampler = law.sampler(eigenvalues: [Double](repeating: 1, count: 8))
            let lambdaSolver = LambdaSolver(eigenvalues: [Double](repeating: 1, count: 8))
            for n in [3.0, 7.5, 8, 12] {
                let plan = SurrogatePlan(n: n, lambda: n < 8 ? lambdaSolver.solve(n: n) : nil,
                                         eigenvalues: [Double](repeating: 1, count: 8))
                let workspace = DesignWorkspace(d: 8, maxRows: 16)
                for t in 0..<300 {
                    var rng = RandomStream(seed: 21, keys: [n.bitPattern, UInt64(t)])
                    sampler.drawSurrogate(plan, rotateRows: false, into: workspace, using: &rng)
                    let k = n < 8 ? workspace.rows : 8, rows = workspace.rows
                    let x = workspace.copy(rowMajor: false), selected = workspace.selected.pointer
                    var basis: [[Double]] = []
                    for j in 0..<k {
                        var v = (0..<k).map { x[j + selected[$0] * rows] }
                        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                        for _ in 0..<2 {
                            for q in basis {
                                let dot = zip(q, v).reduce(0) { $0 + $1.0 * $1.1 }
                                for i in 0..<k { v[i] -= dot * q[i] }
                            }
                        }
                        let residual = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                        XCTAssertGreaterThan(residual, 1e-9 * norm, "\(law) n = \(n), trial \(t), point \(j)")
                        basis.append(v.map { $0 / residual })
                    }
                }
            }
        }
    }

    /// At n = d the design is the DPP alone, with one-point intensity ||z||^2 times the law of z, so
    /// E[sum_j z_j z_j^T] = E_z[||z||^2 z z^T]: d I for the sphere; (d - 1 + 9/5) I for the uniform
    /// law (E z_i^4 = 9/5). z-tests on every diagonal and a few off-diagonal entries.
    func testDPPOnePointIntensity() throws {
        let d = 5, trials = 20_000
        for law in laws {
            let expectedDiagonal = law == .sphere ? Double(d) : Double(d - 1) + 9.0 / 5.0
            let sampler = law.sampler(eigenvalues: [Double](repeating: 1, count: d))
            let plan = SurrogatePlan(n: Double(d), lambda: nil, eigenvalues: [Double](repeating: 1, count: d))
            let workspace = DesignWorkspace(d: d, maxRows: d)
            let entries = (0..<d).map { ($0, $0) } + [(0, 1), (2, 4), (1, 3)]
            var moments = [RunningMoments](repeating: RunningMoments(), count: entries.count)
            for t in 0..<trials {
                var rng = RandomStream(seed: 31, keys: [UInt64(t)])
                sampler.drawSurrogate(plan, rotateRows: true, into: workspace, using: &rng)
                let x = workspace.copy(rowMajor: false)
                for (e, (a, b)) in entries.enumerated() {
                    moments[e].add((0..<d).reduce(0) { $0 + x[$1 + a * d] * x[$1 + b * d] })
                }
            }
            for (e, (a, b)) in entries.enumerated() {
                let expected = a == b ? expectedDiagonal : 0
                let m = moments[e]
                let z = (m.mean - expected) / m.standardError!
                print("  \(law) DPP E[(Z^T Z)_(\(a),\(b))] = \(m.mean) +- \(m.standardError!) vs \(expected), z = \(z)")
                XCTAssertLessThan(abs(z), 4, "\(law) entry (\(a), \(b))")
            }
        }
    }

    /// I.i.d. rows x = diag(sqrt(s)) z have E[x x^T] = diag(s): a z-test on every entry.
    func testIIDDrawsHaveSecondMomentSigma() throws {
        let s = [2.0, 1.0, 0.5, 0.25, 0.125], d = 5, rows = 40_000
        for law in laws {
            let workspace = DesignWorkspace(d: d, maxRows: rows)
            var rng = RandomStream(seed: 41, keys: [law == .sphere ? 1 : 2])
            law.sampler(eigenvalues: s).drawIID(rows: rows, into: workspace, using: &rng)
            XCTAssertEqual(workspace.rows, rows)
            let x = workspace.copy(rowMajor: false)
            for a in 0..<d {
                for b in a..<d {
                    var m = RunningMoments()
                    for i in 0..<rows { m.add(x[i + a * rows] * x[i + b * rows]) }
                    let expected = a == b ? s[a] : 0
                    let z = (m.mean - expected) / m.standardError!
                    XCTAssertLessThan(abs(z), 4, "\(law) E[x_\(a) x_\(b)] = \(m.mean) +- \(m.standardError!) vs \(expected)")
                }
            }
        }
    }

    /// Non-Gaussian models do not claim the Gaussian i.i.d. values; Theorem 1 does not depend on the law.
    func testClosedFormsForNonGaussianLaws() throws {
        let gaussian = ClosedFormCalculator(model: try model(d: 10, sigma: 1, law: .gaussian))
        for law in laws {
            let calculator = ClosedFormCalculator(model: try model(d: 10, sigma: 1, law: law))
            for n in [3.0, 10, 15] {
                let point = try calculator.evaluate(n: n), reference = try gaussian.evaluate(n: n)
                XCTAssertNil(point.iidExactRisk, "\(law) n = \(n)")
                XCTAssertEqual(point.surrogateRisk, reference.surrogateRisk)
            }
        }
    }

    /// The same draws for any thread count.
    func testThreadCountDoesNotChangeResults() throws {
        let model = try model(d: 5, sigma: 0.5, law: .sphere)
        let point = try ClosedFormCalculator(model: model).evaluate(n: 3.5)
        let runs = try [1, 2].map { threads in
            try MonteCarloSimulator(model: model, settings: MonteCarloSettings(trials: 200, seed: 3, designs: [.surrogate, .iid], threads: threads))
                .run([point, try ClosedFormCalculator(model: model).evaluate(n: 9)])
        }
        XCTAssertEqual(runs[0], runs[1])
    }

    // MARK: - Helpers

    private func model(d: Int, sigma: Double, law: FeatureLaw) throws -> RegressionModel {
        try RegressionModel(covariance: CovarianceModel(spec: .geometric(20), d: d), wstar: .random(seed: 5),
                            wnorm: 1.5, sigma: sigma, features: law)
    }

    private func simulate(_ model: RegressionModel, ns: [Double], trials: Int) throws -> [(ClosedForms, MonteCarloEstimate)] {
        let calculator = ClosedFormCalculator(model: model)
        let points = try ns.map { try calculator.evaluate(n: $0) }
        let settings = MonteCarloSettings(trials: trials, seed: 7, designs: [.surrogate], threads: 2)
        let simulated = try! MonteCarloSimulator(model: model, settings: settings).run(points)
        return zip(points, simulated).map { ($0, $1.surrogate!) }
    }
}
