@testable import DDLinearAlgebra
@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
import XCTest

/// `WideGaussianDraw` against `MinNormSolver` on the very same design, and its fallback.
final class WideGaussianDrawTests: XCTestCase {
    /// The triangular-pentagonal QR, its Q^T w* bias and the inverse's trace give the solver's error on
    /// the explicit rows of the same draw, to rounding: K from 1 to d - 1, triangles anywhere, both
    /// chi excesses, a spectrum with condition number 1e6; with `prediction`, Q applied to
    /// [R^-T, 0; 0, c] gives the solver's prediction risk the same way (docs/MATH.md, "Prediction risk").
    func testMatchesTheSolverOnTheSameDesign() {
        let d = 9
        let s = (0..<d).map { pow(10, -6 * Double($0) / Double(d - 1)) }
        let root = s.map { $0.squareRoot() }
        let w = (0..<d).map { Double($0 % 4) - 1.3 }
        let wide = WideGaussianDraw(d: d)
        let solver = MinNormSolver(d: d, maxRows: d)
        for k in 1..<d {
            for (excess, columns) in [(0, Array(0..<k)), (2, Array(stride(from: d - 1, to: d - 1 - k, by: -1)).reversed())] {
                for prediction in [false, true] {
                    var stream = RandomStream(seed: 3, keys: [UInt64(k), UInt64(excess)])
                    var replay = stream
                    let error = wide.error(rows: k, triangleColumns: columns, chiExcess: excess, rootEigenvalues: root,
                                           wstar: w, sigma: 0.7, prediction: prediction, using: &stream) { _ in
                        XCTFail("k = \(k): well-conditioned draw sent to the fallback")
                        return .nan
                    }
                    let design = wide.explicitDesign(rows: k, triangleColumns: columns, chiExcess: excess,
                                                     rootEigenvalues: root, using: &replay)
                    let expected = solver.conditionalError(design: design, rows: k, wstar: w, eigenvalues: s, sigma: 0.7,
                                                           withPredictionRisk: prediction)
                    assertRelative(error, prediction ? expected.predictionRisk! : expected.parameterError, 1e-10,
                                   "k = \(k), excess = \(excess), prediction = \(prediction)")
                }
            }
        }
    }

    /// Directions with eigenvalue 1e-40 in the triangle make R numerically singular: the same draw
    /// goes to the fallback as explicit rows.
    func testSingularTriangleFallsBackToTheSolver() {
        let s = [1, 1, 1e-40, 1e-40, 1]
        let root = s.map { $0.squareRoot() }
        let w = [0.5, -1, 2, 1, 0.25]
        let wide = WideGaussianDraw(d: 5)
        var stream = RandomStream(seed: 8)
        var replay = stream
        var fellBack = false
        let error = wide.error(rows: 4, triangleColumns: [0, 1, 2, 3], chiExcess: 0, rootEigenvalues: root,
                               wstar: w, sigma: 1, using: &stream) { design in
            fellBack = true
            return design[0] + 10 * design[4 * 4 + 3]  // X[0, 0] and X[3, 4], to compare with the replay
        }
        XCTAssertTrue(fellBack)
        let copy = Array(UnsafeBufferPointer(start: wide.explicitDesign(rows: 4, triangleColumns: [0, 1, 2, 3], chiExcess: 0,
                                                                        rootEigenvalues: root, using: &replay), count: 20))
        XCTAssertEqual(error, copy[0] + 10 * copy[4 * 4 + 3])
        XCTAssertEqual(copy[0 + 1 * 4], 0, "X[0, 1] = 0: the triangle's rows are lower triangular in X")
    }
}
