import XCTest
@testable import DDLinearAlgebra
@testable import DDSampling

/// Designs with rank below min(K, d) go through the SVD fallback and still give X^+,
/// checked against a pseudo-inverse from dgesdd on X itself.
final class EstimationRankDeficiencyTests: XCTestCase {
    /// (design, its exact rank) for duplicated rows in the tall, square and wide regimes,
    /// a duplicated column (so P != I with K > d), and the zero design.
    private func designs() -> [(Design, Int)] {
        var random = TestGaussian(seed: 17)
        let tall = Design.gaussian(rows: 4, columns: 6, &random).selectingRows([0, 1, 2, 3, 0, 1, 2, 3, 3, 0])
        let square = Design.gaussian(rows: 4, columns: 5, &random).selectingRows([0, 1, 2, 3, 2])
        let wide = Design.gaussian(rows: 5, columns: 12, &random).selectingRows([4, 0, 1, 0, 2, 3, 4, 4])
        var column = Design.gaussian(rows: 20, columns: 6, &random)
        for i in 0..<20 { column.entries[i + 5 * 20] = column[i, 2] }
        let zero = Design(rows: 3, columns: 5, entries: [Double](repeating: 0, count: 15))
        return [(tall, 4), (square, 4), (wide, 5), (column, 5), (zero, 0)]
    }

    func testFallbackMatchesIndependentSVD() {
        var random = TestGaussian(seed: 19)
        for (x, expectedRank) in designs() {
            let (k, d) = (x.rows, x.columns), context = "K \(k), d \(d), rank \(expectedRank)"
            let wstar = random.vector(d), s = random.eigenvalues(d), y = random.vector(k)
            let reference = ReferencePseudoInverse(svdOf: x)
            let solver = MinNormSolver(d: d, maxRows: k)
            let got = solver.conditionalError(x, wstar: wstar, eigenvalues: s, sigma: 0.6)
            let want = reference.conditionalError(wstar: wstar, eigenvalues: s, sigma: 0.6)
            XCTAssertEqual(got.rank, expectedRank, context)
            XCTAssertEqual(got.parameterError, want.parameter, accuracy: 1e-10 * want.parameter, context)
            XCTAssertEqual(got.predictionRisk!, want.prediction, accuracy: 1e-10 * want.prediction, context)
            let w = solver.solve(x, y), expected = reference.times(y)
            if expectedRank == 0 {
                XCTAssertEqual(w, [Double](repeating: 0, count: d), context)
            } else {
                assertClose(w, expected, context, relative: 1e-10)
            }
        }
    }
}
