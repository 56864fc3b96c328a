import XCTest
@testable import DDLinearAlgebra
@testable import DDSampling

/// conditionalError against X^+ formed explicitly from the normal equations in
/// Float80 (an independent route: Cholesky, no QR, no LAPACK).
final class EstimationReferenceTests: XCTestCase {
    func testMatchesExtendedPrecisionNormalEquations() {
        var random = TestGaussian(seed: 20_200_101)
        for d in [1, 5, 12] {
            for k in Set([0, 1, 3, d - 1, d, d + 1, 2 * d]).sorted() {
                let x = Design.gaussian(rows: k, columns: d, &random)
                let wstar = random.vector(d), s = random.eigenvalues(d)
                let reference = ReferencePseudoInverse(normalEquationsOf: x)
                let solver = MinNormSolver(d: d, maxRows: k)
                // sigma = 0 isolates the bias ||(I - P) w*||^2; sigma > 0 adds the traces.
                for sigma in [0, 0.7] {
                    let got = solver.conditionalError(x, wstar: wstar, eigenvalues: s, sigma: sigma)
                    let want = reference.conditionalError(wstar: wstar, eigenvalues: s, sigma: sigma)
                    let context = "d \(d), K \(k), sigma \(sigma)"
                    // Relative 1e-11, with ||w*||^2 as the scale when the exact value is 0 (K >= d, sigma = 0).
                    let scale = squaredNorm(wstar)
                    XCTAssertEqual(got.parameterError, want.parameter,
                                   accuracy: 1e-11 * max(abs(want.parameter), scale), context)
                    XCTAssertEqual(got.predictionRisk!, want.prediction,
                                   accuracy: 1e-11 * max(abs(want.prediction), scale), context)
                    XCTAssertEqual(got.rank, min(k, d), context)
                }
            }
        }
    }

    func testNoRowsGivesTheNullEstimator() {
        let s = [0.5, 1, 2], wstar = [1.0, -2, 3]
        let got = MinNormSolver(d: 3, maxRows: 0).conditionalError(design: [], rows: 0, wstar: wstar, eigenvalues: s,
                                                                    sigma: 4)
        XCTAssertEqual(got.parameterError, 14)
        XCTAssertEqual(got.predictionRisk!, 0.5 + 4 + 18)
        XCTAssertEqual(got.rank, 0)
    }
}
