import Foundation
import XCTest
@testable import DDRandom

/// poisson(mean:) against the exact Poisson law, on both sides of the switch to PTRS at mean 10 and up to
/// the largest supported mean.
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

    /// The law, not only the moments, at means 10 to 1e15: a chi-square test of `draws` variates in
    /// cells of width sqrt(mean)/16 over mean +- (7 sqrt(mean) + 10) (the mass outside is below 3e-12,
    /// and a draw outside counts in the end cell). The cell probabilities sum the exact pmf: each cell starts
    /// from `PoissonMass` (checked against 60-digit values below) and follows p(k+1) = p(k) m / (k+1),
    /// whose rounding over at most 2e6 steps is below 1e-9 relative.
    ///
    /// At mean 1e5 the sampler this replaced (squeeze v <= 1.01 vr instead of Hörmann's v <= vr) is
    /// 4e-4 from Poisson in total variation; computed from its acceptance region, that puts 1.77e-6 of
    /// chi-square non-centrality per draw into these cells, 177 for 1e8 draws: far beyond the critical
    /// value (244 on 157 degrees of freedom at level 1e-5, against a mean of 157 under the null).
    func testPoissonLawByBinnedChiSquare() {
        for (index, (mean, draws)) in [(10.0, 4_000_000), (1e3, 4_000_000), (1e5, 100_000_000), (1e7, 4_000_000),
                                       (1e15, 4_000_000)].enumerated() {
            let root = mean.squareRoot()
            let low = max(0, Int((mean - 7 * root - 10).rounded(.down)))
            let high = Int((mean + 7 * root + 10).rounded(.up))
            let width = max(1, Int(root / 16))
            let cells = (high - low) / width + 1
            var counts = [Int](repeating: 0, count: cells)
            var stream = RandomStream(seed: 11, keys: [4, UInt64(index)])
            for _ in 0 ..< draws {
                counts[(min(max(stream.poisson(mean: mean), low), high) - low) / width] += 1
            }
            let probabilities = (0 ..< cells).map { cell -> Double in
                let first = low + cell * width
                var p = exp(PoissonMass.logProbability(Double(first), mean: mean)), sum = 0.0
                for k in first ..< min(first + width, high + 1) {
                    sum += p
                    p *= mean / Double(k + 1)
                }
                return sum
            }
            assertChiSquareFit(observed: counts, probabilities: probabilities, "poisson(mean: \(mean)), \(draws) draws")
        }
    }

    /// log P(X = k) against k log m - m - log k! evaluated with 60 significant digits (mpmath), from the
    /// small-k branch to the largest mean; the tolerance is 1e-12 plus the rounding of the value itself.
    func testLogProbabilityMatchesHighPrecisionValues() {
        let reference: [(k: Double, mean: Double, value: Double)] = [
            (0, 10, -10.0), (7, 10, -2.407065710107094512039591), (10, 10, -2.078561643135058455045795),
            (16, 10, -3.830498618175941859470504), (40, 10, -28.21723599499556806833388),
            (1000, 1000, -4.372899506026296824156523), (1100, 1000, -9.261744804928920336868939),
            (850, 1000, -16.15056467404934073247152), (100000, 1e5, -6.675402099023120282380864),
            (101500, 1e5, -17.87701450864619046804843), (10_000_000, 1e7, -8.97798636701716596917663),
            (9_980_000, 1e7, -28.99033204838656001927706), (1e15, 1e15, -18.1883267306600154552486),
            (1_000_000_300_000_000, 1e15, -63.18832238066066795513157),
            (999_999_900_000_000, 1e15, -23.18832684732668795524894),
            (1_000_123_456_789_012, 1e15, -7620493.971593850610026946),
            (4_503_599_627_382_841, 0x1p52, -18.940765244684312023983),
            (4_503_599_127_370_496, 0x1p52, -46.69634181504370402848698),
            (20, 1e15, -999999999999351.5600885625),
        ]
        for (k, mean, value) in reference {
            let got = PoissonMass.logProbability(k, mean: mean)
            XCTAssertLessThanOrEqual(abs(got - value), 1e-12 + 4e-16 * abs(value), "log P(X = \(k)), mean \(mean): \(got)")
        }
    }

    func testPoissonMeanAndVariance() {
        // Poisson(m): mean m and variance m, fourth central moment m + 3m^2; so the sample mean has variance
        // m / n and the mean of (x - m)^2 has variance (m + 2m^2) / n.
        let n = 200_000
        for (index, mean) in (means + [1e7, 1e12, 1e15, RandomStream.maximumPoissonMean]).enumerated() {
            var stream = RandomStream(seed: 4, keys: [2, UInt64(index)])
            let x = (0 ..< n).map { _ in Double(stream.poisson(mean: mean)) }
            let root = Double(n).squareRoot()
            assertWithinStandardErrors(
                sampleMean(x) { $0 - mean }, expected: 0, standardError: mean.squareRoot() / root, "mean \(mean)")
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
