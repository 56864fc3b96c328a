@testable import DDModel
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// Gaussian trials at a ridge penalty: the default sampler's tilted Bartlett factor of X^T X
/// (`RidgeGaussianKernel`, docs/MATH.md, "Gaussian ridge draws through a tilted Bartlett factor")
/// against the explicit rows of `--sampler rows` (the reference), wide and tall, at a small, a
/// moderate and a large lambda, both designs, both risks, a non-isotropic and an isotropic Sigma:
/// the same law (two-sample |z| < 4 from the reported standard errors), the same row counts, other
/// bits. Negative lambda: neither sampler simulates.
final class RidgeExactLawTests: XCTestCase {
    private func simulate(_ model: RegressionModel, _ points: [ClosedForms], sampler: MonteCarloSampler, lambda: Double,
                          risk: Risk) throws -> [MonteCarloPoint] {
        var settings = MonteCarloSettings(trials: 3000, seed: 23, designs: [.surrogate, .iid], threads: 2, sampler: sampler)
        settings.ridgeLambda = lambda
        settings.risk = risk
        return try MonteCarloSimulator(model: model, settings: settings).run(points)
    }

    func testTiltedBartlettFactorHasTheLawOfTheRows() throws {
        let models: [(String, RegressionModel)] = [
            ("geometric:10", try TestModels.model(.geometric(10), d: 12, wstar: .random(seed: 5), sigma: 0.7)),
            ("isotropic", try TestModels.model(.isotropic, d: 12, wstar: .random(seed: 8), wnorm: 2, sigma: 0.5)),
        ]
        var compared = 0, report: [String] = []
        for (name, model) in models {
            for risk in Risk.allCases {
                var calculator = ClosedFormCalculator(model: model)
                calculator.risk = risk
                // Wide (n = 4, 9.5) and tall (15, 30); the i.i.d. design at the integers.
                let points = try [4.0, 9.5, 15, 30].map { try calculator.evaluate(n: $0) }
                for lambda in [0.01, 0.5, 20] {
                    let exact = try simulate(model, points, sampler: .exactLaw, lambda: lambda, risk: risk)
                    let rows = try simulate(model, points, sampler: .rows, lambda: lambda, risk: risk)
                    for (index, point) in points.enumerated() {
                        for design in DesignKind.allCases {
                            let what = "\(name) \(risk) lambda = \(lambda) \(design) n = \(point.n)"
                            guard let a = exact[index].estimate(design) else {
                                XCTAssertTrue(design == .iid && point.n != point.n.rounded(), "\(what): no estimate")
                                continue
                            }
                            let b: MonteCarloEstimate = try XCTUnwrap(rows[index].estimate(design), what)
                            let ma: Double = try XCTUnwrap(a.mean), sa: Double = try XCTUnwrap(a.standardError)
                            let mb: Double = try XCTUnwrap(b.mean), sb: Double = try XCTUnwrap(b.standardError)
                            XCTAssertNotEqual(ma.bitPattern, mb.bitPattern, "\(what): the samplers gave the same bits")
                            XCTAssertEqual(a.meanRows, b.meanRows, "\(what): both draw the row count first, the same way")
                            let z = (ma - mb) / (sa * sa + sb * sb).squareRoot()
                            XCTAssertLessThan(abs(z), 4, "\(what): exact-law \(ma) +- \(sa), rows \(mb) +- \(sb)")
                            report.append("\(what): z = \(String(format: "%+.2f", z))")
                            compared += 1
                        }
                    }
                }
            }
        }
        // 2 models x 2 risks x 3 penalties x (4 surrogate + 3 i.i.d. points).
        XCTAssertEqual(compared, 2 * 2 * 3 * 7)
        print("RidgeExactLawTests:\n" + report.joined(separator: "\n"))
    }

    func testNegativeLambdaIsNotSimulatedUnderEitherSampler() throws {
        let model = try TestModels.model(.geometric(10), d: 12, wstar: .random(seed: 5))
        let points = try [4.0, 30].map { try ClosedFormCalculator(model: model).evaluate(n: $0) }
        for sampler in [MonteCarloSampler.exactLaw, .rows] {
            for result in try simulate(model, points, sampler: sampler, lambda: -0.05, risk: .estimation) {
                XCTAssertNil(result.surrogate)
                XCTAssertNil(result.iid)
            }
        }
    }
}
