@testable import DDModel
@testable import DDRidge
@testable import DDTheory
import Foundation
import XCTest

/// The data-set form of Theorem 2 at lambda (docs/MATH.md, "The design-based risk of a data set's ridge
/// fits"): under the regularized surrogate design on the N rows of A (K ~ Poisson(gamma) rows drawn
/// with replacement, reweighted by det(lambda I + X^T X)), the mean subsample ridge fit is the
/// full-data ridge fit (A^T A + N kappa I)^-1 A^T b, for any response b, with kappa = lambda / gamma.
///
/// By enumeration of every design: K rows with replacement have the law of independent Poisson(gamma / N)
/// counts of the N rows (docs/MATH.md, and `RegularizedSurrogateTests`), so every count vector of total
/// at most `kMax` is visited once with its Poisson mass times det(lambda I + X^T X). The designs left out
/// (K > kMax) have total weight, exactly, sum_{K > kMax} Pois(K) E[det(lambda I + X^T X) | K] / Z with
/// E[det | K] = sum_k K!/(K - k)! lambda^(d - k) e_k(Sigma) (the lemma's proof) and Z = det(lambda I + gamma Sigma);
/// each has ||w_lambda|| <= K max_j ||a_j|| |b_j| / lambda, which bounds their effect on the mean. kMax is the
/// first total where that bound is below 1e-17.
final class PopulationRidgeMeanTests: XCTestCase {
    /// A response that is no linear function of the features.
    static func response(_ rows: [[Double]]) -> [Double] {
        rows.map { Foundation.sin(3 * $0[0]) + $0[$0.count - 1] * $0[$0.count - 1] - 0.4 }
    }

    /// Neumaier's compensated sum: millions of terms, many far below the total's ulp.
    struct CompensatedSum {
        var sum = 0.0, compensation = 0.0
        var total: Double { sum + compensation }
        mutating func add(_ x: Double) {
            let t = sum + x
            compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
            sum = t
        }
    }

    /// Sums over every count vector of total <= kMax: the weight, K times it and w_lambda times it.
    struct Sums {
        var weight = CompensatedSum(), size = CompensatedSum()
        var w: [CompensatedSum]
    }

    /// Every count vector is visited depth first, row by row; level j holds the Gram matrix and X^T y of
    /// rows 0..<j, each level recomputed from the one above (no running sums to drift). At a leaf,
    /// det(M) M^-1 X^T y = adj(M) X^T y, by the explicit adjugate (d = 2 or 3).
    static func enumerate(rows: [[Double]], b: [Double], lambda: Double, rate: Double, kMax: Int) -> Sums {
        let n = rows.count, d = rows[0].count, size = d * d
        precondition(d == 2 || d == 3)
        let mass = (0...kMax).map { Foundation.exp(-rate + Double($0) * Foundation.log(rate) - Foundation.lgamma(Double($0) + 1)) }
        var sums = Sums(w: Array(repeating: CompensatedSum(), count: d))
        var gram = Array(repeating: 0.0, count: (n + 1) * size), xy = Array(repeating: 0.0, count: (n + 1) * d)
        var m = Array(repeating: 0.0, count: size), adjugate = Array(repeating: 0.0, count: size)
        func leaf(_ probability: Double, _ total: Int) {
            for i in 0..<size { m[i] = gram[n * size + i] }
            for r in 0..<d { m[r * d + r] += lambda }
            let det: Double
            if d == 2 {
                adjugate[0] = m[3]; adjugate[1] = -m[1]; adjugate[2] = -m[2]; adjugate[3] = m[0]
                det = m[0] * m[3] - m[1] * m[2]
            } else {
                for r in 0..<3 { for c in 0..<3 {
                    // adj(M)_rc = the cofactor C_cr.
                    let r1 = (c + 1) % 3, r2 = (c + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3
                    adjugate[r * 3 + c] = m[r1 * 3 + c1] * m[r2 * 3 + c2] - m[r1 * 3 + c2] * m[r2 * 3 + c1]
                } }
                det = m[0] * adjugate[0] + m[1] * adjugate[3] + m[2] * adjugate[6]
            }
            sums.weight.add(probability * det)
            sums.size.add(probability * det * Double(total))
            for r in 0..<d {
                var v = 0.0
                for c in 0..<d { v += adjugate[r * d + c] * xy[n * d + c] }
                sums.w[r].add(probability * v)
            }
        }
        func visit(_ j: Int, _ left: Int, _ probability: Double, _ total: Int) {
            if j == n { return leaf(probability, total) }
            let a = rows[j]
            for c in 0...left {
                let k = Double(c)
                for r in 0..<d {
                    xy[(j + 1) * d + r] = xy[j * d + r] + k * (a[r] * b[j])
                    for s in 0..<d { gram[(j + 1) * size + r * d + s] = gram[j * size + r * d + s] + k * (a[r] * a[s]) }
                }
                visit(j + 1, left - c, probability * mass[c], total + c)
            }
        }
        visit(0, kMax, 1, 0)
        return sums
    }

    /// e_0 ... e_d of the eigenvalues of Sigma.
    static func elementarySymmetric(_ s: [Double]) -> [Double] {
        var e = [1.0] + Array(repeating: 0.0, count: s.count)
        for x in s { for k in stride(from: s.count, through: 1, by: -1) { e[k] += x * e[k - 1] } }
        return e
    }

    /// The mass beyond kMax and its K-weighted sum, exactly as series (terms to kMax + 200).
    static func tail(kMax: Int, rate: Double, lambda: Double, e: [Double], normaliser: Double) -> (mass: Double, sizeWeighted: Double) {
        var mass = 0.0, sized = 0.0
        for k in (kMax + 1)...(kMax + 200) {
            let kk = Double(k)
            var conditional = 0.0, falling = 1.0
            for j in e.indices {
                conditional += falling * Foundation.pow(lambda, Double(e.count - 1 - j)) * e[j]
                falling *= kk - Double(j)
            }
            let p = Foundation.exp(-rate + kk * Foundation.log(rate) - Foundation.lgamma(kk + 1)) * conditional / normaliser
            mass += p
            sized += kk * p
        }
        return (mass, sized)
    }

    func testMeanFitIsTheFullDataRidgeFit() throws {
        // (N, d, seed, kappa as a fraction of s_1, gamma, n > d): n = gamma + df1(kappa) on both sides of d.
        for (count, d, seed, fraction, gamma, above) in [(12, 2, UInt64(3), 0.8, 0.05, false), (12, 2, UInt64(5), 0.002, 0.03, true),
                                                         (8, 3, UInt64(9), 0.3, 0.04, false)] {
            let rows = DataSetTestSupport.rows(n: count, d: d, seed: seed), b = Self.response(rows)
            let population = try FinitePopulation(rows: rows, spec: .data("test"))
            let calculator = ClosedFormCalculator(model: RegressionModel(population: population, leastSquaresOf: b))
            let s = population.covariance.eigenvalues
            let kappa = fraction * s[0]
            let df1 = s.reduce(0) { $0 + $1 / ($1 + kappa) }
            let n = gamma + df1
            let what = "N = \(count), d = \(d), n = \(n), kappa = \(kappa)"
            XCTAssertEqual(n > Double(d), above, what)
            // The library's subsample penalty for the full-data penalty N kappa, and its fixed point back.
            let lambda = try XCTUnwrap(calculator.ridgeLambda(n: n, kappa: kappa), what)
            XCTAssertEqual(lambda, kappa * gamma, accuracy: 1e-14 * lambda, what)
            XCTAssertEqual(try calculator.subsampleLambda(n: n, fullDataLambda: Double(count) * kappa), lambda, what)
            let equivalent = try calculator.ridgeEquivalent(n: n, lambda: lambda)
            XCTAssertEqual(equivalent.kappa, kappa, accuracy: 1e-13 * kappa, "\(what): the root at lambda is kappa")
            XCTAssertEqual(equivalent.gamma, gamma, accuracy: 1e-12 * gamma, what)

            let e = Self.elementarySymmetric(s)
            let normaliser = (0..<d).reduce(1.0) { $0 * (lambda + gamma * s[$1]) }
            let bound = rows.indices.map { (DataSetTestSupport.dot(rows[$0], rows[$0])).squareRoot() * abs(b[$0]) }.max()!
            // The full-data ridge fit at N kappa, by elimination on A^T A + N kappa I (the data-set form).
            let gram = (0..<d).map { r in (0..<d).map { c in rows.reduce(0) { $0 + $1[r] * $1[c] } + (r == c ? Double(count) * kappa : 0) } }
            let fit = DataSetTestSupport.inverse(gram).map { row in
                DataSetTestSupport.dot(row, (0..<d).map { c in zip(rows, b).reduce(0) { $0 + $1.0[c] * $1.1 } })
            }
            let fitNorm = DataSetTestSupport.dot(fit, fit).squareRoot()
            let kMax = try XCTUnwrap((1...40).first { k in
                let t = Self.tail(kMax: k, rate: gamma, lambda: lambda, e: e, normaliser: normaliser)
                return t.sizeWeighted * bound / lambda + t.mass * fitNorm < 1e-17 && t.sizeWeighted < 1e-17
            })
            XCTAssertLessThanOrEqual(kMax, 12, "\(what): enumeration size")
            let tail = Self.tail(kMax: kMax, rate: gamma, lambda: lambda, e: e, normaliser: normaliser)
            let sums = Self.enumerate(rows: rows, b: b, lambda: lambda, rate: gamma / Double(count), kMax: kMax)
            // The normaliser: the enumerated weight plus the exact tail.
            XCTAssertEqual(sums.weight.total / normaliser + tail.mass, 1, accuracy: 1e-13, "\(what): Z = det(lambda I + gamma Sigma)")
            // E[K] = n.
            XCTAssertEqual(sums.size.total / normaliser, n, accuracy: 1e-13 * n, "\(what): E[K]")
            // E[w_lambda] = the full-data ridge fit at N kappa, and the library's (Sigma + kappa I)^-1 A^T b / N.
            let library = PopulationRidge.solution(population, response: b, lambda: kappa)
            for r in 0..<d {
                let mean = sums.w[r].total / normaliser
                XCTAssertEqual(mean, fit[r], accuracy: 1e-13 * fitNorm, "\(what): E[w_lambda] coordinate \(r)")
                XCTAssertEqual(library[r], fit[r], accuracy: 1e-13 * fitNorm, "\(what): PopulationRidge at kappa")
            }
            // The test can fail: the mean at the same lambda differs from the fit at any other penalty.
            XCTAssertGreaterThan(abs(sums.w[0].total / normaliser - PopulationRidge.solution(population, response: b, lambda: 1.01 * kappa)[0]), 1e-9, what)
        }
    }

    /// The least-squares model: w* = A^+ b, sigma^2 = ||b - A w*||^2 / N, against the normal equations.
    func testLeastSquaresModel() throws {
        let rows = DataSetTestSupport.rows(n: 9, d: 3, seed: 11), b = Self.response(rows)
        let population = try FinitePopulation(rows: rows, spec: .data("test"))
        let model = RegressionModel(population: population, leastSquaresOf: b)
        let gram = (0..<3).map { r in (0..<3).map { c in rows.reduce(0) { $0 + $1[r] * $1[c] } } }
        let beta = DataSetTestSupport.inverse(gram).map { row in DataSetTestSupport.dot(row, (0..<3).map { c in zip(rows, b).reduce(0) { $0 + $1.0[c] * $1.1 } }) }
        for i in 0..<3 { XCTAssertEqual(model.wOriginal[i], beta[i], accuracy: 1e-13 * DataSetTestSupport.dot(beta, beta).squareRoot()) }
        let residual = zip(rows, b).reduce(0.0) { sum, pair in let r = pair.1 - DataSetTestSupport.dot(pair.0, beta); return sum + r * r }
        XCTAssertEqual(model.sigma * model.sigma, residual / 9, accuracy: 1e-13 * residual)
        XCTAssertEqual(model.wNormSquared, DataSetTestSupport.dot(beta, beta), accuracy: 1e-13 * model.wNormSquared)
        XCTAssertNotNil(model.population)
        XCTAssertThrowsError(try RegressionModel(covariance: population.covariance, wstar: .leastSquares))
    }

    /// Below kappa* (df2(kappa) > n) no penalty at n has kappa as its fixed point.
    func testRidgeLambdaRefusesTheDecreasingBranch() throws {
        let rows = DataSetTestSupport.rows(n: 10, d: 3, seed: 2)
        let population = try FinitePopulation(rows: rows, spec: .data("test"))
        let calculator = ClosedFormCalculator(model: RegressionModel(population: population, leastSquaresOf: Self.response(rows)))
        let s = population.covariance.eigenvalues
        let n = 1.5
        func df2(_ k: Double) -> Double { s.reduce(0) { $0 + $1 * $1 / (($1 + k) * ($1 + k)) } }
        XCTAssertGreaterThan(df2(0.01 * s[2]), n)
        XCTAssertNil(try calculator.ridgeLambda(n: n, kappa: 0.01 * s[2]))
        XCTAssertNil(try calculator.ridgeLambda(n: n, kappa: -2 * s[2]))
        XCTAssertLessThan(df2(10 * s[0]), n)
        XCTAssertNotNil(try calculator.ridgeLambda(n: n, kappa: 10 * s[0]))
        XCTAssertThrowsError(try calculator.ridgeLambda(n: 0, kappa: 1))
        XCTAssertNil(try ClosedFormCalculator(model: RegressionModel(covariance: population.covariance, wstar: .top))
            .subsampleLambda(n: n, fullDataLambda: 1), "not a data set")
    }
}
