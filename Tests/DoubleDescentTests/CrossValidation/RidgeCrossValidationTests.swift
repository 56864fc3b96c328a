@testable import DDCrossValidation
import XCTest

/// `SpectralRidgeFit` and `RidgeCrossValidation` against brute force (docs/MATH.md, "Cross-validation
/// of ridge"): leave-one-out by deleting each row and solving the ridge system directly (Gaussian
/// elimination with partial pivoting, so that negative penalties, where the system is indefinite, are
/// solved too), GCV, training error and df from S_lambda built explicitly, on random data with N < d,
/// N = d, N > d and rank-deficient data with repeated rows.
final class RidgeCrossValidationTests: XCTestCase {
    private func data(n: Int, d: Int, seed: UInt64) -> (rows: [[Double]], y: [Double]) {
        // Uniform on (-1, 1), the same on every machine (`MatrixRandom`, SplitMix64).
        var random = MatrixRandom(seed: seed)
        let rows = (0..<n).map { _ in (0..<d).map { _ in 2 * random.uniform() - 1 } }
        return (rows, (0..<n).map { _ in 2 * random.uniform() - 1 })
    }

    /// w_lambda = (X^T X + lambda I)^-1 X^T y, by the primal (K >= d) or dual (X^T (X X^T + lambda I)^-1 y) system.
    private func ridge(_ x: [[Double]], _ y: [Double], _ lambda: Double) -> [Double] {
        let k = x.count, d = x[0].count
        if k >= d {
            let a = (0..<d).map { i in (0..<d).map { j in (0..<k).reduce(0) { $0 + x[$1][i] * x[$1][j] } + (i == j ? lambda : 0) } }
            return GaussianElimination.solve(a, (0..<d).map { i in (0..<k).reduce(0) { $0 + x[$1][i] * y[$1] } })
        }
        let a = (0..<k).map { i in (0..<k).map { j in (0..<d).reduce(0) { $0 + x[i][$1] * x[j][$1] } + (i == j ? lambda : 0) } }
        let alpha = GaussianElimination.solve(a, y)
        return (0..<d).map { j in (0..<k).reduce(0) { $0 + x[$1][j] * alpha[$1] } }
    }

    private func predict(_ row: [Double], _ w: [Double]) -> Double { zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } }

    private func bruteLOO(_ x: [[Double]], _ y: [Double], _ lambda: Double) -> Double {
        (0..<x.count).reduce(0) { total, i in
            var rows = x, ys = y
            rows.remove(at: i)
            ys.remove(at: i)
            let e = y[i] - predict(x[i], ridge(rows, ys, lambda))
            return total + e * e
        } / Double(x.count)
    }

    /// Textbook GCV, training error and df from the fitted values and the diagonal of S = X M^-1 X^T.
    private func textbook(_ x: [[Double]], _ y: [Double], _ lambda: Double) -> (gcv: Double, train: Double, df: Double, loo: Double) {
        let n = Double(x.count)
        let fitted = x.map { predict($0, ridge(x, y, lambda)) }
        // S_ii = x_i^T M^-1 x_i: column i of S is the fit to the response e_i.
        let diagonal = (0..<x.count).map { i -> Double in
            var e = [Double](repeating: 0, count: x.count)
            e[i] = 1
            return predict(x[i], ridge(x, e, lambda))
        }
        let rss = zip(y, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let df = diagonal.reduce(0, +)
        let loo = (0..<x.count).reduce(0) { t, i in
            let e = (y[i] - fitted[i]) / (1 - diagonal[i])
            return t + e * e
        } / n
        return (rss / n / ((1 - df / n) * (1 - df / n)), rss / n, df, loo)
    }

    private func assertClose(_ a: Double, _ b: Double, _ tolerance: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(abs(a - b), tolerance * max(1, abs(b)), "\(what): \(a) vs \(b)", file: file, line: line)
    }

    /// Every value at `lambda` against the refits and the explicit S_lambda, to 1e-10 relative.
    private func assertAgreesWithBruteForce(_ fit: SpectralRidgeFit, _ x: [[Double]], _ y: [Double], _ lambda: Double,
                                            file: StaticString = #filePath, line: UInt = #line) throws {
        let cv = try RidgeCrossValidation(fit, lambda: lambda)
        let reference = textbook(x, y, lambda)
        let what = "N = \(x.count), d = \(x[0].count), lambda = \(lambda)"
        assertClose(cv.loo, bruteLOO(x, y, lambda), 1e-10, "loo, \(what)", file: file, line: line)
        assertClose(cv.loo, reference.loo, 1e-10, "loo textbook, \(what)", file: file, line: line)
        assertClose(cv.gcv, reference.gcv, 1e-10, "gcv, \(what)", file: file, line: line)
        assertClose(cv.trainMSE, reference.train, 1e-10, "train, \(what)", file: file, line: line)
        assertClose(cv.df, reference.df, 1e-10, "df, \(what)", file: file, line: line)
    }

    /// Exact LOO against deleting each row and refitting, and GCV, train_mse and df against S built
    /// explicitly, to 1e-10 relative: N < d, N = d, N > d, at penalties from 1e-3 to 10.
    func testAgreesWithBruteForceAtPositiveLambda() throws {
        for (n, d, seed) in [(6, 10, 1), (8, 8, 2), (15, 5, 3), (40, 12, 4)] as [(Int, Int, UInt64)] {
            let (x, y) = data(n: n, d: d, seed: seed)
            let fit = try SpectralRidgeFit(rows: x, response: y)
            XCTAssertEqual(fit.rank, min(n, d))
            for lambda in [1e-3, 0.1, 1, 10] { try assertAgreesWithBruteForce(fit, x, y, lambda) }
        }
    }

    /// At lambda = 0: for N > d the least-squares fit (textbook formulas defined); for N <= d the
    /// interpolating fit, where LOO equals deleting each row and taking the min-norm interpolator of
    /// the rest (the dual system at lambda = 0) and GCV is N ||G^-1 y||^2 / (tr G^-1)^2, G = X X^T.
    func testLambdaZero() throws {
        for (n, d, seed) in [(6, 10, 5), (8, 8, 6), (15, 5, 7)] as [(Int, Int, UInt64)] {
            let (x, y) = data(n: n, d: d, seed: seed)
            let cv = try RidgeCrossValidation(SpectralRidgeFit(rows: x, response: y), lambda: 0)
            let what = "N = \(n), d = \(d)"
            assertClose(cv.loo, bruteLOO(x, y, 0), 1e-10, "loo, \(what)")
            if n > d {
                let reference = textbook(x, y, 0)
                assertClose(cv.gcv, reference.gcv, 1e-10, "gcv, \(what)")
                assertClose(cv.trainMSE, reference.train, 1e-10, "train, \(what)")
                assertClose(cv.df, Double(d), 1e-12, "df, \(what)")
            } else {
                let g = (0..<n).map { i in (0..<n).map { j in (0..<d).reduce(0) { $0 + x[i][$1] * x[j][$1] } } }
                let alpha = GaussianElimination.solve(g, y)
                let trace = (0..<n).reduce(0.0) { t, i in
                    var e = [Double](repeating: 0, count: n)
                    e[i] = 1
                    return t + GaussianElimination.solve(g, e)[i]
                }
                assertClose(cv.gcv, Double(n) * alpha.reduce(0) { $0 + $1 * $1 } / (trace * trace), 1e-10, "gcv, \(what)")
                XCTAssertEqual(cv.trainMSE, 0, what)
                assertClose(cv.df, Double(n), 1e-12, "df, \(what)")
            }
        }
    }

    /// lambda -> 0 continuity: the values at lambda = 1e-9 s_1^2 are within 1e-6 (relative) of those
    /// at lambda = 0, on both sides of zero, for every shape and for rank-deficient data.
    func testContinuousAtZero() throws {
        var cases = [(6, 10, UInt64(8)), (8, 8, 9), (15, 5, 10)].map { data(n: $0.0, d: $0.1, seed: $0.2) }
        cases.append(rankDeficient())
        for (x, y) in cases {
            let fit = try SpectralRidgeFit(rows: x, response: y)
            let zero = try RidgeCrossValidation(fit, lambda: 0)
            let scale = fit.singularValues[0] * fit.singularValues[0]
            for lambda in [1e-9 * scale, -1e-9 * scale] {
                let near = try RidgeCrossValidation(fit, lambda: lambda)
                for (a, b, what) in [(near.gcv, zero.gcv, "gcv"), (near.loo, zero.loo, "loo"), (near.df, zero.df, "df")] {
                    assertClose(a, b, 1e-6, "\(what), N = \(x.count), d = \(x[0].count), lambda = \(lambda)")
                }
                // train_mse grows like lambda^2 from 0 when N <= d: compared on the scale of mean y^2.
                let scaleY = y.reduce(0) { $0 + $1 * $1 } / Double(y.count)
                XCTAssertLessThanOrEqual(abs(near.trainMSE - zero.trainMSE), 1e-6 * max(zero.trainMSE, scaleY))
            }
        }
    }

    /// 30 rows of rank 4 in d = 7, with rows 0..4 repeated: rank 4 found, and every value against
    /// brute force at positive lambda (the refits are rank-deficient but regularized).
    private func rankDeficient() -> (rows: [[Double]], y: [Double]) {
        let (a, y) = data(n: 25, d: 4, seed: 11)
        let (b, _) = data(n: 4, d: 7, seed: 12)
        var rows = a.map { row in (0..<7).map { j in (0..<4).reduce(0) { $0 + row[$1] * b[$1][j] } } }
        rows += rows.prefix(5)
        var ys = y
        ys += y.prefix(5).map { $0 + 0.25 }
        return (rows, ys)
    }

    func testRankDeficientWithRepeatedRows() throws {
        let (x, y) = rankDeficient()
        let fit = try SpectralRidgeFit(rows: x, response: y)
        XCTAssertEqual(fit.rank, 4)
        for lambda in [1e-3, 0.5, 20] { try assertAgreesWithBruteForce(fit, x, y, lambda) }
        // At lambda = 0 df is the rank, and GCV is N RSS / (N - r)^2 with the least-squares RSS.
        let zero = try RidgeCrossValidation(fit, lambda: 0)
        assertClose(zero.df, 4, 1e-12, "df at 0")
    }

    /// A row of leverage one (the only row with a nonzero last feature, N > d): its 1 - h_i is an exact
    /// zero, and LOO at lambda = 0 is the limit: without that row the last column is zero and the
    /// refit is the min-norm one (least squares on the first d - 1 features); without any other row
    /// the refit is ordinary least squares.
    func testLeverageOneRow() throws {
        var (x, y) = data(n: 12, d: 4, seed: 13)
        for i in 0..<12 { x[i][3] = i == 5 ? 2 : 0 }
        let fit = try SpectralRidgeFit(rows: x, response: y)
        XCTAssertEqual(fit.leverageComplement[5], 0)
        let cv = try RidgeCrossValidation(fit, lambda: 0)
        var total = 0.0
        for i in 0..<12 {
            var rows = i == 5 ? x.map { Array($0.prefix(3)) } : x, ys = y
            rows.remove(at: i)
            ys.remove(at: i)
            let e = y[i] - predict(x[i], ridge(rows, ys, 0) + (i == 5 ? [0] : []))
            total += e * e
        }
        assertClose(cv.loo, total / 12, 1e-10, "loo with a leverage-one row")
        assertClose(try RidgeCrossValidation(fit, lambda: 1e-3).loo, bruteLOO(x, y, 1e-3), 1e-10, "loo at 1e-3")
    }

    /// Negative penalties above the floor against brute force (the refits' systems are indefinite
    /// but nonsingular), and refusal at and below the floor, -s_r^2.
    func testNegativeLambdaAndFloor() throws {
        for (n, d, seed) in [(6, 10, 14), (15, 5, 15)] as [(Int, Int, UInt64)] {
            let (x, y) = data(n: n, d: d, seed: seed)
            let fit = try SpectralRidgeFit(rows: x, response: y)
            let floor = fit.lambdaFloor
            XCTAssertLessThan(floor, 0)
            for fraction in [0.3, 0.7] {
                let lambda = fraction * floor
                let cv = try RidgeCrossValidation(fit, lambda: lambda)
                let reference = textbook(x, y, lambda)
                let what = "N = \(n), d = \(d), lambda = \(lambda)"
                assertClose(cv.loo, bruteLOO(x, y, lambda), 1e-9, "loo, \(what)")
                assertClose(cv.gcv, reference.gcv, 1e-9, "gcv, \(what)")
                assertClose(cv.df, reference.df, 1e-10, "df, \(what)")
            }
            XCTAssertThrowsError(try RidgeCrossValidation(fit, lambda: floor)) {
                XCTAssertEqual($0 as? CrossValidationError, .belowFloor(lambda: floor, floor: floor))
            }
            XCTAssertThrowsError(try RidgeCrossValidation(fit, lambda: 2 * floor))
            XCTAssertThrowsError(try RidgeCrossValidation(fit, lambda: .nan))
        }
    }

    /// The floor is minus the smallest eigenvalue of X^T X: the 2 x 2 diagonal design diag(3, 2) gives -4.
    func testFloorByHand() throws {
        let fit = try SpectralRidgeFit(rows: [[3, 0], [0, 2], [0, 0]], response: [1, 1, 1])
        XCTAssertEqual(fit.lambdaFloor, -4, accuracy: 1e-14)
        XCTAssertThrowsError(try SpectralRidgeFit(rows: [[0, 0], [0, 0]], response: [1, 2]))
    }

    func testGridMinimum() {
        XCTAssertEqual(GridMinimum.argmin([1, 2, 3, 4], [5, 2, .nan, 2]), 2)
        XCTAssertNil(GridMinimum.argmin([1], [.infinity]))
    }
}
