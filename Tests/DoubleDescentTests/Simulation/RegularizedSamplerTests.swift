@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The regularized surrogate sampler (selection at level kappa + Poisson(gamma) rows) against its
/// definition (docs/MATH.md, "Ridge at any lambda"): the exact identity E[M^-1] = (lambda I + gamma Sigma)^-1,
/// M = lambda I + X^T X, a non-linear statistic of the whole design, for Gaussian, uniform and sphere
/// features (in Sigma's eigenbasis the right side is diag 1/(lambda + gamma s_i)); off-diagonal means 0.
/// |z| < 4 per entry, fixed seeds.
final class RegularizedSamplerTests: XCTestCase {
    func testInverseMomentMatchesTheIdentity() throws {
        let d = 3, draws = 20_000
        for features in [FeatureLaw.gaussian, .uniform, .sphere] {
            let model = try RegressionModel(covariance: CovarianceModel(spec: .geometric(4), d: d), wstar: .isotropic,
                                            features: features)
            let calculator = ClosedFormCalculator(model: model)
            let sampler = model.features.sampler(eigenvalues: model.eigenvalues)
            for (n, lambda) in [(1.5, 0.4), (5.0, 1.5)] {
                let ridge = try calculator.ridgeEquivalent(n: n, lambda: lambda)
                let plan = SurrogatePlan(kappa: ridge.kappa, gamma: ridge.gamma, eigenvalues: model.eigenvalues)
                let workspace = DesignWorkspace(d: d, maxRows: 16)
                var moments = (0..<(d * d)).map { _ in RunningMoments() }
                for t in 0..<draws {
                    var rng = RandomStream(seed: 21, keys: [n.bitPattern, UInt64(t)])
                    sampler.drawSurrogate(plan, rotateRows: false, into: workspace, using: &rng)
                    let k = workspace.rows, x = workspace.design
                    var m = RegularizedSurrogateTests.identity(d, lambda)
                    for i in 0..<d { for j in 0..<d { for r in 0..<k { m[i][j] += x[r + i * k] * x[r + j * k] } } }
                    let inverse = RegularizedSurrogateTests.determinantAndInverse(m).1
                    for i in 0..<d { for j in 0..<d { moments[i * d + j].add(inverse[i][j]) } }
                }
                for i in 0..<d {
                    for j in 0..<d {
                        let expected = i == j ? 1 / (lambda + ridge.gamma * model.eigenvalues[i]) : 0
                        let m = moments[i * d + j], stderr = try XCTUnwrap(m.standardError)
                        XCTAssertLessThan(abs(m.mean - expected) / stderr, 4,
                                          "\(features) n = \(n) lambda = \(lambda): E[M^-1]_\(i)\(j) \(m.mean) +- \(stderr) vs \(expected)")
                    }
                }
            }
        }
    }
}
