import XCTest
@testable import DDRandom

/// HaarOrthogonal: orthogonality, consistency of its two entry points, and the Haar law.
final class RandomHaarOrthogonalTests: XCTestCase {
    /// Column-major k x k entry (row, column).
    private func entry(_ q: [Double], _ k: Int, _ row: Int, _ column: Int) -> Double { q[column * k + row] }

    func testSampleIsOrthogonal() {
        // Householder products are orthogonal to O(k eps) in the max norm; 1e-13 covers k <= 200 with room.
        var stream = RandomStream(seed: 5, keys: [1])
        for k in [1, 2, 3, 10, 64, 200] {
            let q = HaarOrthogonal.sample(k: k, using: &stream)
            var worst = 0.0
            for i in 0 ..< k {
                for j in 0 ..< k {
                    var dot = 0.0
                    for r in 0 ..< k { dot += entry(q, k, r, i) * entry(q, k, r, j) }
                    worst = max(worst, abs(dot - (i == j ? 1 : 0)))
                }
            }
            XCTAssertLessThanOrEqual(worst, 1e-13, "max |Q^T Q - I| for k = \(k)")
        }
    }

    func testMultiplyLeftAgreesWithSample() {
        // The same stream state must give the same Q: multiplyLeft on the identity reproduces sample()
        // bit for bit, and on a k x c matrix A it gives Q A up to the rounding of two different evaluation
        // orders (entries of A are below 6 in magnitude; O(k) operations of relative error eps each,
        // so 1e-13 is a generous bound for k = 7).
        let k = 7, columns = 5
        var draw = RandomStream(seed: 5, keys: [2, 0])
        let q = HaarOrthogonal.sample(k: k, using: &draw)

        var identity = [Double](repeating: 0, count: k * k)
        for i in 0 ..< k { identity[i * k + i] = 1 }
        var scratch = [Double](repeating: 0, count: k)
        var replay = RandomStream(seed: 5, keys: [2, 0])
        HaarOrthogonal.multiplyLeft(&identity, k: k, columns: k, scratch: &scratch, using: &replay)
        XCTAssertEqual(identity.map(\.bitPattern), q.map(\.bitPattern))

        var source = RandomStream(seed: 5, keys: [2, 1])
        let a = (0 ..< k * columns).map { _ in source.normal() }
        var product = a
        replay = RandomStream(seed: 5, keys: [2, 0])
        HaarOrthogonal.multiplyLeft(&product, k: k, columns: columns, scratch: &scratch, using: &replay)
        for c in 0 ..< columns {
            for r in 0 ..< k {
                let expected = (0 ..< k).reduce(0.0) { $0 + entry(q, k, r, $1) * a[c * k + $1] }
                XCTAssertEqual(product[c * k + r], expected, accuracy: 1e-13, "(Q A)[\(r), \(c)]")
            }
        }
    }

    func testTraceMoments() {
        // For Q Haar on O(k), E tr(Q)^j = E Z^j, Z ~ N(0,1), for j <= k/2 (Diaconis & Shahshahani, J. Appl.
        // Probab. 31A, 1994); for k = 2 directly: tr = 2 cos(theta) on SO(2), 0 on reflections, so
        // E tr^2 = 1 and E tr^4 = 3. Hence E tr = 0 with variance 1 and E tr^2 = 1 with variance 3 - 1 = 2.
        // A generator missing the sign matrix D fails at k = 2, where every reflection has trace 0.
        for (k, count) in [(2, 200_000), (10, 100_000), (30, 20_000)] {
            var stream = RandomStream(seed: 5, keys: [3, UInt64(k)])
            let traces = (0 ..< count).map { _ -> Double in
                let q = HaarOrthogonal.sample(k: k, using: &stream)
                return (0 ..< k).reduce(0.0) { $0 + q[$1 * k + $1] }
            }
            let root = Double(count).squareRoot()
            assertWithinStandardErrors(sampleMean(traces) { $0 }, expected: 0, standardError: 1 / root, "E tr, k = \(k)")
            assertWithinStandardErrors(
                sampleMean(traces) { $0 * $0 }, expected: 1, standardError: 2.0.squareRoot() / root, "E tr^2, k = \(k)")
        }
    }

    func testEntryMoments() {
        // Every entry of a Haar matrix is a coordinate of a uniform unit vector: Q_ij = +-sqrt(B),
        // B ~ Beta(1/2, (k-1)/2), with a symmetric sign. Moments: E Q_ij = 0 (variance 1/k),
        // E Q_ij^2 = E B = 1/k, E Q_ij^4 = E B^2 = 3/(k(k+2)), E Q_ij^8 = E B^4 = 105/(k(k+2)(k+4)(k+6)),
        // which give the exact standard errors of the three sample means. All k^2 entries are tested,
        // so that a wrong reflection or sign in any row or column is caught.
        let k = 5, count = 100_000
        let kd = Double(k)
        let m2 = 1 / kd, m4 = 3 / (kd * (kd + 2)), m8 = 105 / (kd * (kd + 2) * (kd + 4) * (kd + 6))
        var stream = RandomStream(seed: 5, keys: [4])
        let samples = (0 ..< count).map { _ in HaarOrthogonal.sample(k: k, using: &stream) }
        let root = Double(count).squareRoot()
        for index in 0 ..< k * k {
            let at = "entry (\(index % k), \(index / k))"
            assertWithinStandardErrors(
                sampleMean(samples) { $0[index] }, expected: 0, standardError: m2.squareRoot() / root, "E Q, \(at)")
            assertWithinStandardErrors(
                sampleMean(samples) { $0[index] * $0[index] }, expected: m2,
                standardError: (m4 - m2 * m2).squareRoot() / root, "E Q^2, \(at)")
            assertWithinStandardErrors(
                sampleMean(samples) { pow($0[index], 4) }, expected: m4,
                standardError: (m8 - m4 * m4).squareRoot() / root, "E Q^4, \(at)")
        }
    }

    func testSquaredEntriesFollowBetaLawForKEquals3() {
        // For k = 3, Q_ij^2 ~ Beta(1/2, 1), whose CDF is sqrt(t): a KS test of every entry's full law.
        let k = 3, count = 100_000
        var stream = RandomStream(seed: 5, keys: [5])
        let samples = (0 ..< count).map { _ in HaarOrthogonal.sample(k: k, using: &stream) }
        for index in 0 ..< k * k {
            assertKolmogorovSmirnov(
                samples.map { $0[index] * $0[index] }, cdf: { $0.squareRoot() }, "Q^2 entry \(index), k = 3")
        }
    }

    func testDeterminantSignIsBalanced() {
        // Haar on O(k) puts mass 1/2 on each of det = +1 and det = -1 (an SO(k)-only or reflection-only
        // generator fails); binomial z-test. Determinants by cofactors for k = 2 and 3.
        let count = 100_000
        for k in [2, 3] {
            var stream = RandomStream(seed: 5, keys: [6, UInt64(k)])
            var positive = 0
            for _ in 0 ..< count {
                let q = HaarOrthogonal.sample(k: k, using: &stream)
                let e = { (r: Int, c: Int) in q[c * k + r] }
                let det = k == 2
                    ? e(0, 0) * e(1, 1) - e(0, 1) * e(1, 0)
                    : e(0, 0) * (e(1, 1) * e(2, 2) - e(1, 2) * e(2, 1))
                        - e(0, 1) * (e(1, 0) * e(2, 2) - e(1, 2) * e(2, 0))
                        + e(0, 2) * (e(1, 0) * e(2, 1) - e(1, 1) * e(2, 0))
                XCTAssertEqual(abs(det), 1, accuracy: 1e-14)
                if det > 0 { positive += 1 }
            }
            assertBinomialFrequency(positive, trials: count, probability: 0.5, "P(det = +1), k = \(k)")
        }
    }
}
