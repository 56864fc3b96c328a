import XCTest
@testable import DDLinearAlgebra

/// solve(): the defining properties of w_hat = X^+ y in each regime.
final class EstimationSolveTests: XCTestCase {
    func testInterpolatesInTheRowSpaceWhenKAtMostD() {
        var random = TestGaussian(seed: 11)
        let d = 12
        for k in [1, 5, 11, 12] {
            let x = Design.gaussian(rows: k, columns: d, &random), y = random.vector(k)
            let w = MinNormSolver(d: d, maxRows: k).solve(x, y)
            let scale = squaredNorm(y).squareRoot()
            for (fit, target) in zip(x.times(w), y) {
                XCTAssertEqual(fit, target, accuracy: 1e-12 * scale, "K \(k): X w_hat = y")
            }
            let reference = ReferencePseudoInverse(normalEquationsOf: x)
            assertClose(w, reference.times(y), "K \(k)")
            guard k < d else { continue }
            // Minimum norm: w_hat is orthogonal to a probe in the null space of X.
            let null = reference.nullSpaceComponent(random.vector(d)).map { Double($0) }
            let nullNorm = squaredNorm(null).squareRoot(), wNorm = squaredNorm(w).squareRoot()
            XCTAssertGreaterThan(nullNorm, 0.1, "K \(k): the probe must have a null-space part")
            XCTAssertLessThan(squaredNorm(x.times(null)).squareRoot(), 1e-12 * nullNorm, "K \(k): probe in null space")
            XCTAssertEqual(zip(w, null).reduce(0) { $0 + $1.0 * $1.1 }, 0, accuracy: 1e-12 * wNorm * nullNorm, "K \(k)")
        }
    }

    func testIsTheLeastSquaresSolutionWhenKAboveD() {
        var random = TestGaussian(seed: 13)
        let d = 12
        for k in [13, 24, 60] {
            let x = Design.gaussian(rows: k, columns: d, &random), y = random.vector(k)
            let w = MinNormSolver(d: d, maxRows: k).solve(x, y)
            // Normal equations: X^T (X w_hat - y) = 0.
            let gradient = x.transposeTimes(zip(x.times(w), y).map { $0 - $1 })
            let scale = Double(k) * squaredNorm(y).squareRoot()
            for g in gradient { XCTAssertEqual(g, 0, accuracy: 1e-12 * scale, "K \(k)") }
            assertClose(w, ReferencePseudoInverse(normalEquationsOf: x).times(y), "K \(k)")
        }
    }

    func testNoRowsGivesZero() {
        let w = MinNormSolver(d: 4, maxRows: 3).solve(Design(rows: 0, columns: 4, entries: []), [])
        XCTAssertEqual(w, [0, 0, 0, 0])
    }
}

/// Entrywise agreement to 1e-11 relative to ||expected||.
func assertClose(_ actual: [Double], _ expected: [Double], _ message: String,
                 relative: Double = 1e-11, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, message, file: file, line: line)
    let scale = squaredNorm(expected).squareRoot()
    for (a, e) in zip(actual, expected) {
        XCTAssertEqual(a, e, accuracy: relative * scale, message, file: file, line: line)
    }
}
