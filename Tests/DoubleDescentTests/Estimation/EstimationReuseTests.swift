import XCTest
@testable import DDLinearAlgebra
@testable import DDSampling

/// One solver reused across sizes (including growth past maxRows and the rank-deficient
/// fallback) gives the same bits as a fresh solver per call, and never modifies the design.
final class EstimationReuseTests: XCTestCase {
    func testReuseGivesTheBitsOfFreshSolvers() {
        var random = TestGaussian(seed: 23)
        let d = 12, s = random.eigenvalues(d), wstar = random.vector(d)
        let deficient = Design.gaussian(rows: 6, columns: d, &random).selectingRows([0, 1, 2, 3, 4, 5, 0, 1, 2])
        let designs = [3, 24, 0, 12, 11, 13, 3, 40, 1].map { Design.gaussian(rows: $0, columns: d, &random) }
        let reused = MinNormSolver(d: d, maxRows: 4)
        for x in designs + [deficient] + designs.reversed() {
            let original = x.entries, y = random.vector(x.rows)
            let fresh = MinNormSolver(d: d, maxRows: x.rows)
            let got = reused.conditionalError(x, wstar: wstar, eigenvalues: s, sigma: 0.3)
            let want = fresh.conditionalError(x, wstar: wstar, eigenvalues: s, sigma: 0.3)
            XCTAssertEqual(got.parameterError.bitPattern, want.parameterError.bitPattern, "K \(x.rows)")
            XCTAssertEqual(got.predictionRisk?.bitPattern, want.predictionRisk?.bitPattern, "K \(x.rows)")
            XCTAssertEqual(got.rank, want.rank, "K \(x.rows)")
            XCTAssertEqual(reused.solve(x, y).map(\.bitPattern), fresh.solve(x, y).map(\.bitPattern), "K \(x.rows)")
            XCTAssertEqual(x.entries.map(\.bitPattern), original.map(\.bitPattern), "design modified")
        }
    }
}
