import XCTest
@testable import DDRandom

/// Raw bits, uniform(), bernoulli() and index(below:).
final class RandomUniformTests: XCTestCase {
    func testEveryOutputBitIsFair() {
        // Each of the 64 bits is Bernoulli(1/2): binomial z-test per bit (64 tests at 5.7e-7 each).
        let n = 200_000
        var stream = RandomStream(seed: 1, keys: [1])
        var ones = [Int](repeating: 0, count: 64)
        for _ in 0 ..< n {
            let word = stream.next()
            for bit in 0 ..< 64 where (word >> UInt64(bit)) & 1 == 1 { ones[bit] += 1 }
        }
        for bit in 0 ..< 64 {
            assertBinomialFrequency(ones[bit], trials: n, probability: 0.5, "bit \(bit)")
        }
    }

    func testUniformLiesOnTheOpen53BitLattice() {
        var stream = RandomStream(seed: 1, keys: [2])
        for _ in 0 ..< 100_000 {
            let u = stream.uniform()
            XCTAssert(u > 0 && u < 1, "uniform() = \(u) outside (0, 1)")
            let k = u * 0x1p53
            XCTAssertEqual(k, k.rounded(), "uniform() = \(u) is not a multiple of 2^-53")
        }
    }

    func testUniformMomentsAndSerialCorrelation() {
        // U(0,1): E u = 1/2 with Var u = 1/12; E (u - 1/2)^2 = 1/12 with Var (u - 1/2)^2 = 1/80 - 1/144 = 1/180;
        // for independent neighbours E (u_i - 1/2)(u_(i+1) - 1/2) = 0 with variance (1/12)^2.
        let n = 1_000_000
        var stream = RandomStream(seed: 1, keys: [3])
        let u = (0 ..< n).map { _ in stream.uniform() }
        let root = Double(n).squareRoot()
        assertWithinStandardErrors(
            sampleMean(u) { $0 }, expected: 0.5, standardError: (1.0 / 12).squareRoot() / root, "mean")
        assertWithinStandardErrors(
            sampleMean(u) { ($0 - 0.5) * ($0 - 0.5) }, expected: 1.0 / 12,
            standardError: (1.0 / 180).squareRoot() / root, "variance")
        assertWithinStandardErrors(
            sampleMean(0 ..< n - 1) { (u[$0] - 0.5) * (u[$0 + 1] - 0.5) }, expected: 0,
            standardError: (1.0 / 12) / Double(n - 1).squareRoot(), "lag-1 covariance")
    }

    func testUniformKolmogorovSmirnov() {
        var stream = RandomStream(seed: 1, keys: [4])
        assertKolmogorovSmirnov((0 ..< 1_000_000).map { _ in stream.uniform() }, cdf: { $0 }, "uniform")
    }

    func testBernoulli() {
        var stream = RandomStream(seed: 1, keys: [5])
        let n = 200_000
        XCTAssertFalse((0 ..< 10_000).contains { _ in stream.bernoulli(0) }, "bernoulli(0) must never succeed")
        XCTAssertTrue((0 ..< 10_000).allSatisfy { _ in stream.bernoulli(1) }, "bernoulli(1) must always succeed")
        for p in [0.5, 0.3, 1e-3] {
            let successes = (0 ..< n).filter { _ in stream.bernoulli(p) }.count
            assertBinomialFrequency(successes, trials: n, probability: p, "bernoulli(\(p))")
        }
    }

    func testIndexBelowSmallBoundsIsUniform() {
        // Chi-square of the cell frequencies against 1/n at level 1e-5.
        var stream = RandomStream(seed: 1, keys: [6])
        XCTAssert((0 ..< 1000).allSatisfy { _ in stream.index(below: 1) == 0 })
        for bound in [2, 3, 7, 10, 1000] {
            var counts = [Int](repeating: 0, count: bound)
            for _ in 0 ..< 500_000 { counts[stream.index(below: bound)] += 1 }
            assertChiSquareFit(
                observed: counts, probabilities: [Double](repeating: 1 / Double(bound), count: bound),
                "index(below: \(bound))")
        }
    }

    func testIndexBelowHugeBoundIsUnbiased() {
        // n = 3 * 2^61 makes both classic shortcuts visibly biased, while under the uniform law
        // P(j < 2^62) = 2/3 and j mod 3 is uniform exactly (3 divides n):
        //  - next() % n gives P(j < 2^62) = 3/4 (those values have 3 preimages among 2^64, the rest 2);
        //  - the high word of next() * n without rejection gives P(j mod 3 == 2) = 1/4.
        // With 100,000 draws the standard errors are 0.0015, so either bias is ~50 standard errors.
        let bound = 3 << 61
        let n = 100_000
        var stream = RandomStream(seed: 1, keys: [7])
        let draws = (0 ..< n).map { _ in stream.index(below: bound) }
        XCTAssert(draws.allSatisfy { $0 >= 0 && $0 < bound })
        assertBinomialFrequency(draws.filter { $0 < 1 << 62 }.count, trials: n, probability: 2.0 / 3, "j < 2^62")
        var residues = [0, 0, 0]
        for j in draws { residues[j % 3] += 1 }
        assertChiSquareFit(observed: residues, probabilities: [1.0 / 3, 1.0 / 3, 1.0 / 3], "j mod 3")
    }
}
