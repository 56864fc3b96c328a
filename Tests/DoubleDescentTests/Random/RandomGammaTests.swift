import XCTest
@testable import DDRandom

/// gamma(shape:) and chi(degreesOfFreedom:) against their exact laws.
final class RandomGammaTests: XCTestCase {
    private let shapes = [0.3, 1, 2.5, 50]

    func testGammaKolmogorovSmirnov() {
        // Exact CDF P(a, x), the regularized incomplete gamma function.
        for (index, a) in shapes.enumerated() {
            var stream = RandomStream(seed: 3, keys: [1, UInt64(index)])
            let x = (0 ..< 200_000).map { _ in stream.gamma(shape: a) }
            assertKolmogorovSmirnov(x, cdf: { regularizedGammaP(a, $0) }, "gamma(shape: \(a))")
        }
    }

    func testGammaMoments() {
        // Gamma(a): mean a, variance a, fourth central moment 3a^2 + 6a. So the sample mean has variance
        // a / n and the mean of (x - a)^2 has variance (3a^2 + 6a - a^2) / n = (2a^2 + 6a) / n.
        let n = 500_000
        for (index, a) in shapes.enumerated() {
            var stream = RandomStream(seed: 3, keys: [2, UInt64(index)])
            let x = (0 ..< n).map { _ in stream.gamma(shape: a) }
            XCTAssert(x.allSatisfy { $0 >= 0 && $0.isFinite }, "gamma(shape: \(a)) out of range")
            let root = Double(n).squareRoot()
            assertWithinStandardErrors(
                sampleMean(x) { $0 }, expected: a, standardError: a.squareRoot() / root, "mean, shape \(a)")
            assertWithinStandardErrors(
                sampleMean(x) { ($0 - a) * ($0 - a) }, expected: a,
                standardError: (2 * a * a + 6 * a).squareRoot() / root, "variance, shape \(a)")
        }
    }

    func testChiKolmogorovSmirnov() {
        // chi_k: P(X <= t) = P(X^2 / 2 <= t^2 / 2) = P(k/2, t^2/2).
        for (index, k) in [1, 3.5, 100].enumerated() {
            var stream = RandomStream(seed: 3, keys: [3, UInt64(index)])
            let x = (0 ..< 200_000).map { _ in stream.chi(degreesOfFreedom: k) }
            assertKolmogorovSmirnov(x, cdf: { regularizedGammaP(0.5 * k, 0.5 * $0 * $0) }, "chi(\(k))")
        }
    }
}
