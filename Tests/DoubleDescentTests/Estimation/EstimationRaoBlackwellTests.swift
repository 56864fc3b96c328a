import XCTest
@testable import DDLinearAlgebra
@testable import DDSampling
@testable import DDSimulation

/// conditionalError is the exact noise average: compare with explicit noise draws.
final class EstimationRaoBlackwellTests: XCTestCase {
    func testConditionalErrorIsTheAverageOverNoiseDraws() {
        var random = TestGaussian(seed: 7)
        let d = 12, sigma = 0.8, draws = 10_000
        for k in [7, 12, 19] {
            let x = Design.gaussian(rows: k, columns: d, &random)
            let wstar = random.vector(d), s = random.eigenvalues(d)
            let solver = MinNormSolver(d: d, maxRows: k)
            let exact = solver.conditionalError(x, wstar: wstar, eigenvalues: s, sigma: sigma)
            let signal = x.times(wstar)
            var parameter = RunningMoments(), prediction = RunningMoments()
            for _ in 0..<draws {
                let y = zip(signal, random.vector(k)).map { $0 + sigma * $1 }
                let error = zip(solver.solve(x, y), wstar).map { $0 - $1 }
                parameter.add(squaredNorm(error))
                prediction.add(zip(error, s).reduce(0) { $0 + $1.1 * $1.0 * $1.0 })
            }
            for (name, sample, value) in [("parameter", parameter, exact.parameterError),
                                          ("prediction", prediction, exact.predictionRisk!)] {
                let z = (sample.mean - value) / sample.standardError!
                XCTAssertLessThan(abs(z), 5, "K \(k) \(name): mean \(sample.mean), exact \(value)")
                // Sharp enough to notice a wrong noise term (the variance part is a sizeable share).
                XCTAssertLessThan(sample.standardError!, 0.02 * value, "K \(k) \(name)")
            }
        }
    }
}
