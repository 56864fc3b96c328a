@testable import DDLinearAlgebra
import Foundation
import XCTest

/// `RidgeSolver` against the definition lambda^2 ||M^-1 w||^2 + sigma^2 tr(M^-2 X^T X) (and the
/// Sigma-weighted form), evaluated with a Gauss-Jordan inverse, on both routes (K >= d by M, K < d by
/// the push-through identity), to 1e-12 relative; the reference runs in 80-bit arithmetic.
final class RidgeSolverTests: XCTestCase {
    func testMatchesTheDefinitionOnBothRoutes() {
        let d = 5
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        let s = [2.0, 1.0, 0.5, 0.25, 0.1], w = [0.3, -0.7, 0.2, 0.5, -0.1], sigma = 0.8
        let solver = RidgeSolver(d: d)
        for k in [0, 1, 3, 4, 5, 6, 11] {
            let rows = (0..<k).map { _ in (0..<d).map { _ in uniform() } }
            var columnMajor = [Double](repeating: 0, count: max(k * d, 1))
            for r in 0..<k { for c in 0..<d { columnMajor[r + c * k] = rows[r][c] } }
            var gram = (0..<d).map { _ in [Float80](repeating: 0, count: d) }
            for row in rows { for i in 0..<d { for j in 0..<d { gram[i][j] += Float80(row[i]) * Float80(row[j]) } } }
            for lambda in [1e-3, 0.4, 30] {
                // The reference in 80-bit arithmetic: M^-1 has condition (lambda + tr G)/lambda, and
                // M^-1 X^T X M^-1 loses its square in double.
                var m = (0..<d).map { i in (0..<d).map { j in Float80(gram[i][j]) + (i == j ? Float80(lambda) : 0) } }
                var inverse = (0..<d).map { i in (0..<d).map { j in Float80(i == j ? 1 : 0) } }
                for c in 0..<d {
                    let pivot = m[c][c]
                    for j in 0..<d { m[c][j] /= pivot; inverse[c][j] /= pivot }
                    for r in 0..<d where r != c {
                        let f = m[r][c]
                        for j in 0..<d { m[r][j] -= f * m[c][j]; inverse[r][j] -= f * inverse[c][j] }
                    }
                }
                let b = (0..<d).map { i in Float80(lambda) * (0..<d).reduce(Float80(0)) { $0 + inverse[i][$1] * Float80(w[$1]) } }
                // U = M^-1 X^T, column r = M^-1 x_r.
                let u = rows.map { row in (0..<d).map { i in (0..<d).reduce(Float80(0)) { $0 + inverse[i][$1] * Float80(row[$1]) } } }
                // w_lambda = M^-1 X^T y for responses y_r = r - 1.5.
                let y = (0..<k).map { Double($0) - 1.5 }
                let xty = (0..<d).map { c in (0..<k).reduce(Float80(0)) { $0 + Float80(rows[$1][c]) * Float80(y[$1]) } }
                let expectedW = (0..<d).map { i in Double((0..<d).reduce(Float80(0)) { $0 + inverse[i][$1] * xty[$1] }) }
                var foundW = [Double](repeating: 0, count: d)
                columnMajor.withUnsafeBufferPointer { x in
                    solver.solve(design: x.baseAddress!, rows: k, lambda: lambda, response: y, solution: &foundW)
                }
                let scaleW = expectedW.reduce(0) { max($0, abs($1)) }
                for i in 0..<d { XCTAssertEqual(foundW[i], expectedW[i], accuracy: 1e-12 * max(scaleW, 1e-300), "w, K = \(k)") }
                for prediction in [false, true] {
                    let weight = { (i: Int) in Float80(prediction ? s[i] : 1) }
                    let bias = (0..<d).reduce(Float80(0)) { $0 + weight($1) * b[$1] * b[$1] }
                    let variance = u.reduce(Float80(0)) { total, column in
                        total + (0..<d).reduce(Float80(0)) { $0 + weight($1) * column[$1] * column[$1] }
                    }
                    let expected = Double(bias + Float80(sigma * sigma) * variance)
                    let found = columnMajor.withUnsafeBufferPointer { x in
                        solver.conditionalError(design: x.baseAddress!, rows: k, lambda: lambda, wstar: w, eigenvalues: s,
                                                sigma: sigma, prediction: prediction)
                    }
                    XCTAssertEqual(found, expected, accuracy: 1e-12 * expected, "K = \(k), lambda = \(lambda), prediction \(prediction)")
                }
            }
        }
    }

    /// A negative penalty that makes the system indefinite gives NaN, not a wrong number.
    func testIndefiniteSystemIsNaN() {
        let x = [1.0, 0.0, 0.0, 1.0]  // 2 x 2 identity, column-major
        let error = RidgeSolver(d: 2).conditionalError(design: x, rows: 2, lambda: -2, wstar: [1, 1], eigenvalues: [1, 1],
                                                       sigma: 1, prediction: false)
        XCTAssertTrue(error.isNaN)
    }

    /// An upper-trapezoidal design (column c zero below row c, `TiltedBartlettDraw`'s factor) gives the
    /// error of the full products when its zeros are skipped, on both routes, both risks and every
    /// lambda, to 1e-13 relative (the sums differ only in their order).
    func testUpperTrapezoidalDesignGivesTheFullProductsError() {
        let d = 9, s = (0..<d).map { 1 / Double($0 + 1) }, w = (0..<d).map { Double($0 % 3) - 0.8 }
        var state: UInt64 = 3
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        let solver = RidgeSolver(d: d)
        for k in [1, 4, 8, 9] {
            var x = [Double](repeating: 0, count: k * d)
            for c in 0..<d { for r in 0..<min(c + 1, k) { x[r + c * k] = uniform() } }
            for lambda in [1e-3, 0.4, 30.0] {
                for prediction in [false, true] {
                    let errors = [false, true].map { trapezoidal in
                        solver.conditionalError(design: x, rows: k, lambda: lambda, wstar: w, eigenvalues: s, sigma: 0.6,
                                                prediction: prediction, upperTrapezoidal: trapezoidal)
                    }
                    XCTAssertEqual(errors[1], errors[0], accuracy: 1e-13 * errors[0], "K = \(k), lambda = \(lambda), \(prediction)")
                }
            }
        }
    }
}
