import Foundation
import XCTest
@testable import DDRandom

/// poisson(mean:) against the exact Poisson law, on both sides of the switch to PTRS at mean 10.
final class RandomPoissonTests: XCTestCase {
    private let means = [0.5, 3, 9.9, 10, 37.5, 1000, 1e6]

    func testPoissonGoodnessOfFit() {
        // Chi-square of the frequencies against the exact pmf exp(k log m - m - lgamma(k + 1)), over
        // k in [m - 12 sqrt m - 20, m + 12 sqrt m + 20] (the mass outside is below 1e-20); draws outside would
        // land in the end cells, whose expected counts are >= 5 after pooling.
        let n = 200_000
        for (index, mean) in means.enumerated() {
            var stream = RandomStream(seed: 4, keys: [1, UInt64(index)])
            let spread = 12 * mean.squareRoot() + 20
            let low = max(0, Int((mean - spread).rounded(.down)))
            let high = Int((mean + spread).rounded(.up))
            var counts = [Int](repeating: 0, count: high - low + 1)
            for _ in 0 ..< n {
                counts[min(max(stream.poisson(mean: mean), low), high) - low] += 1
            }
            let pmf = (low ... high).map { k in exp(Double(k) * log(mean) - mean - lgamma(Double(k) + 1)) }
            assertChiSquareFit(observed: counts, probabilities: pmf, "poisson(mean: \(mean))")
        }
    }

    func testPoissonMeanAndVariance() {
        // Poisson(m): mean m and variance m, fourth central moment m + 3m^2; so the sample mean has variance
        // m / n and the mean of (x - m)^2 has variance (m + 2m^2) / n.
        let n = 200_000
        for (index, mean) in (means + [1e7]).enumerated() {
            var stream = RandomStream(seed: 4, keys: [2, UInt64(index)])
            let x = (0 ..< n).map { _ in Double(stream.poisson(mean: mean)) }
            let root = Double(n).squareRoot()
            assertWithinStandardErrors(
                sampleMean(x) { $0 }, expected: mean, standardError: mean.squareRoot() / root, "mean \(mean)")
            assertWithinStandardErrors(
                sampleMean(x) { ($0 - mean) * ($0 - mean) }, expected: mean,
                standardError: (mean + 2 * mean * mean).squareRoot() / root, "variance, mean \(mean)")
        }
    }

    func testPoissonWithZeroMeanIsZero() {
        var stream = RandomStream(seed: 4, keys: [3])
        XCTAssert((0 ..< 1000).allSatisfy { _ in stream.poisson(mean: 0) == 0 })
    }
}
