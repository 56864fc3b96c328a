@testable import DDLinearAlgebra
@testable import DDTheory
import Foundation
import XCTest

/// The identities of docs/MATH.md, "Ridge at any lambda", by exhaustive enumeration on tiny data
/// sets (D uniform on the N rows of A, Sigma = A^T A / N, responses y one per row, not linear).
///
/// Definition: K ~ Poisson(gamma) rows drawn uniformly with replacement is the same as independent
/// Poisson(gamma / N) counts m_j of each row (e^-gamma gamma^K / K! * K!/prod m_j! * N^-K =
/// prod_j e^(-gamma/N) (gamma/N)^m_j / m_j!); the law is reweighted by det(lambda I + X^T X).
/// Every count runs over 0...`maxCount`, which leaves a Poisson tail below 1e-20 per row.
/// Factorisation: a subset T of distinct rows with P(T) = det(L_T) / sum_T' det(L_T'),
/// L = A A^T / (kappa N), plus independent Poisson(gamma / N) counts: the two laws of the counts agree.
final class RegularizedSurrogateTests: XCTestCase {
    struct DataSet {
        let rows: [[Double]]
        let y: [Double]
        var n: Int { rows.count }
        var d: Int { rows[0].count }
    }

    static let sets = [
        DataSet(rows: [[1.0, 0.2], [-0.3, 1.1], [0.7, -0.9], [0.4, 0.5]], y: [0.3, -1.2, 2.0, 0.1]),
        DataSet(rows: [[1.0, 0.2, -0.4], [-0.3, 1.1, 0.6], [0.7, -0.9, 0.2], [0.4, 0.5, 1.3]], y: [1.0, -0.5, 0.25, 2.0]),
    ]
    static let maxCount = 14

    // Small dense helpers (d <= 3), row-major.
    typealias Matrix = [[Double]]

    static func identity(_ d: Int, _ c: Double = 1) -> Matrix {
        (0..<d).map { i in (0..<d).map { $0 == i ? c : 0 } }
    }

    static func add(_ a: Matrix, _ b: Matrix, _ c: Double = 1) -> Matrix {
        zip(a, b).map { zip($0, $1).map { $0 + c * $1 } }
    }

    static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        a.map { row in (0..<b[0].count).map { j in (0..<b.count).reduce(0) { $0 + row[$1] * b[$1][j] } } }
    }

    static func apply(_ a: Matrix, _ v: [Double]) -> [Double] {
        a.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    static func trace(_ a: Matrix) -> Double { (0..<a.count).reduce(0) { $0 + a[$1][$1] } }

    /// Determinant and inverse by Gauss-Jordan elimination with partial pivoting.
    static func determinantAndInverse(_ m: Matrix) -> (Double, Matrix) {
        let d = m.count
        var a = m, inverse = identity(d), det = 1.0
        for c in 0..<d {
            let p = (c..<d).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            if p != c { a.swapAt(p, c); inverse.swapAt(p, c); det = -det }
            let pivot = a[c][c]
            det *= pivot
            guard pivot != 0 else { return (0, inverse) }
            for j in 0..<d { a[c][j] /= pivot; inverse[c][j] /= pivot }
            for r in 0..<d where r != c {
                let f = a[r][c]
                for j in 0..<d { a[r][j] -= f * a[c][j]; inverse[r][j] -= f * inverse[c][j] }
            }
        }
        return (det, inverse)
    }

    static func sigma(_ set: DataSet) -> Matrix {
        var s = Array(repeating: Array(repeating: 0.0, count: set.d), count: set.d)
        for a in set.rows { for i in 0..<set.d { for j in 0..<set.d { s[i][j] += a[i] * a[j] / Double(set.n) } } }
        return s
    }

    /// E[x y] = A^T y / N.
    static func crossMoment(_ set: DataSet) -> [Double] {
        (0..<set.d).map { i in zip(set.rows, set.y).reduce(0) { $0 + $1.0[i] * $1.1 } / Double(set.n) }
    }

    /// Sums over designs given by row counts, weighted by det M: M^-1, w_lambda, K and the prior-averaged error.
    struct Statistics {
        var weight = 0.0
        var inverse: Matrix
        var w: [Double]
        var k = 0.0
        /// The error averaged over w* uniform on the d vectors sqrt(d/lambda) e_i (E w* w*^T = I/lambda):
        /// lambda tr(M^-2) + tr(M^-2 X^T X).
        var priorError = 0.0

        init(d: Int) {
            inverse = RegularizedSurrogateTests.identity(d, 0)
            w = Array(repeating: 0, count: d)
        }

        /// Adds `p` det M times this design's values.
        mutating func add(_ p: Double, counts: [Int], set: DataSet, lambda: Double) {
            let d = set.d
            var m = RegularizedSurrogateTests.identity(d, lambda), xy = Array(repeating: 0.0, count: d)
            var gram = RegularizedSurrogateTests.identity(d, 0)
            for (j, c) in counts.enumerated() where c > 0 {
                let a = set.rows[j]
                for r in 0..<d {
                    xy[r] += Double(c) * a[r] * set.y[j]
                    for s in 0..<d { gram[r][s] += Double(c) * a[r] * a[s] }
                }
            }
            m = RegularizedSurrogateTests.add(m, gram)
            let (det, inverse) = RegularizedSurrogateTests.determinantAndInverse(m)
            let q = p * det
            let size = Double(counts.reduce(0, +))
            let m2 = RegularizedSurrogateTests.multiply(inverse, inverse)
            weight += q
            priorError += q * (lambda * RegularizedSurrogateTests.trace(m2) + RegularizedSurrogateTests.trace(RegularizedSurrogateTests.multiply(m2, gram)))
            inverse.indices.forEach { r in inverse[r].indices.forEach { self.inverse[r][$0] += q * inverse[r][$0] } }
            let wl = RegularizedSurrogateTests.apply(inverse, xy)
            for r in 0..<d { w[r] += q * wl[r] }
            k += q * size
        }

        func normalised() -> Statistics {
            var s = self
            s.inverse = inverse.map { $0.map { $0 / weight } }
            s.w = w.map { $0 / weight }
            s.k /= weight
            s.priorError /= weight
            return s
        }
    }

    /// The Poisson(rate) masses of 0...maxCount.
    static func poisson(_ rate: Double) -> [Double] {
        (0...maxCount).map { Foundation.exp(-rate + Double($0) * Foundation.log(rate) - Foundation.lgamma(Double($0) + 1)) }
    }

    /// Calls `body` with every vector of counts in 0...maxCount^N and its Poisson(rate) probability.
    static func forEachCounts(rows: Int, rate: Double, _ body: ([Int], Double) -> Void) {
        let mass = poisson(rate)
        var counts = Array(repeating: 0, count: rows)
        while true {
            body(counts, counts.reduce(1) { $0 * mass[$1] })
            var i = 0
            while i < rows, counts[i] == maxCount { counts[i] = 0; i += 1 }
            if i == rows { return }
            counts[i] += 1
        }
    }

    /// By the definition: the normaliser det(lambda I + gamma Sigma), E[M^-1] = (lambda I + gamma Sigma)^-1,
    /// E[w_lambda] = (Sigma + kappa I)^-1 E[x y], E[K] = gamma + df1(kappa), E tr S_lambda = df1(kappa),
    /// the Bayes identity; with gamma and kappa from the library's root at (n, lambda), E[K] = n.
    /// Then the same law by the factorisation, compared pointwise on every count vector.
    func testIdentitiesByEnumeration() throws {
        for set in Self.sets {
            let d = set.d, sigma = Self.sigma(set)
            let eigen = try SymmetricEigen(symmetric: sigma.flatMap { $0 }, dimension: d)
            let solver = RidgeKappaSolver(eigenvalues: eigen.values.sorted(by: >))
            for (n, lambda) in [(Double(d) - 0.6, 0.05), (Double(d) - 0.6, 0.9), (Double(d) + 1.3, 0.4)] {
                let (_, kappaStar) = solver.lambdaMin(n: n)
                let kappaAtZero: Double = n < Double(d) ? LambdaSolver(eigenvalues: eigen.values.sorted(by: >)).solve(n: n) : 0
                let kappa = solver.kappa(n: n, lambda: lambda, kappaAtZero: kappaAtZero, kappaStar: kappaStar)
                let gamma = lambda / kappa
                let what = "d = \(d), n = \(n), lambda = \(lambda)"
                var stats = Statistics(d: d)
                Self.forEachCounts(rows: set.n, rate: gamma / Double(set.n)) { counts, p in
                    stats.add(p, counts: counts, set: set, lambda: lambda)
                }
                let z = stats.weight
                let e = stats.normalised()
                let (normaliser, resolvent) = Self.determinantAndInverse(Self.add(Self.identity(d, lambda), sigma, gamma))
                XCTAssertEqual(z, normaliser, accuracy: 1e-12 * normaliser, "\(what): normaliser")
                for r in 0..<d { for c in 0..<d {
                    XCTAssertEqual(e.inverse[r][c], resolvent[r][c], accuracy: 1e-12, "\(what): E[M^-1]")
                } }
                let ridge = Self.apply(Self.determinantAndInverse(Self.add(sigma, Self.identity(d, kappa))).1, Self.crossMoment(set))
                for r in 0..<d { XCTAssertEqual(e.w[r], ridge[r], accuracy: 1e-12, "\(what): E[w_lambda]") }
                let df1 = Self.trace(Self.multiply(sigma, Self.determinantAndInverse(Self.add(sigma, Self.identity(d, kappa))).1))
                XCTAssertEqual(e.k, gamma + df1, accuracy: 1e-12, "\(what): E[K]")
                XCTAssertEqual(e.k, n, accuracy: 1e-12, "\(what): E[K] = n at the library's kappa")
                XCTAssertEqual(Double(d) - lambda * Self.trace(e.inverse), df1, accuracy: 1e-12, "\(what): E tr S")

                XCTAssertEqual(e.priorError, Self.trace(resolvent), accuracy: 1e-12, "\(what): Bayes identity")
                XCTAssertGreaterThan(Self.poisson(gamma / Double(set.n)).reduce(0, +), 1 - 1e-15, "\(what): truncation")

                // The factorisation, as an equality of laws of the count vector c: the definition's
                // Pois(c) det(lambda I + X_c^T X_c) / Z against sum over T within the support of c, |T| <= d, of
                // P(T) Pois(c - 1_T), with P(T) = det(L_T) / det(I + L).
                var subsets: [(members: [Int], probability: Double)] = []
                for mask in 0..<(1 << set.n) {
                    let members = (0..<set.n).filter { mask & (1 << $0) != 0 }
                    guard members.count <= d else { continue }
                    let l = members.map { i in members.map { j in zip(set.rows[i], set.rows[j]).reduce(0) { $0 + $1.0 * $1.1 } / (kappa * Double(set.n)) } }
                    subsets.append((members, members.isEmpty ? 1 : Self.determinantAndInverse(l).0))
                }
                let total = subsets.reduce(0) { $0 + $1.probability }
                XCTAssertEqual(total, Self.determinantAndInverse(Self.add(Self.identity(d), sigma, 1 / kappa)).0,
                               accuracy: 1e-12 * total, "\(what): det(I + L) = det(I + Sigma/kappa)")
                let mass = Self.poisson(gamma / Double(set.n))
                var worst = 0.0, compared = 0.0
                Self.forEachCounts(rows: set.n, rate: gamma / Double(set.n)) { counts, p in
                    var m = Self.identity(d, lambda)
                    for (j, c) in counts.enumerated() where c > 0 {
                        m = Self.add(m, set.rows[j].map { a in set.rows[j].map { a * $0 } }, Double(c))
                    }
                    let definition = p * Self.determinantAndInverse(m).0 / z
                    var factorised = 0.0
                    for (members, probability) in subsets where members.allSatisfy({ counts[$0] > 0 }) {
                        var q = probability / total
                        for j in 0..<set.n { q *= mass[counts[j] - (members.contains(j) ? 1 : 0)] }
                        factorised += q
                    }
                    worst = max(worst, abs(definition - factorised) / definition)
                    compared += definition
                }
                XCTAssertLessThan(worst, 1e-12, "\(what): the factorised law of the counts, relative")
                XCTAssertEqual(compared, 1, accuracy: 1e-13, "\(what): enumerated mass")
            }
        }
    }
}
