import Foundation
import XCTest
@testable import DDRandom

/// The ziggurat normal sampler, its table and its tail.
final class RandomNormalTests: XCTestCase {
    private func normals(_ count: Int, keys: [UInt64]) -> [Double] {
        var stream = RandomStream(seed: 2, keys: keys)
        var out = [Double](repeating: .nan, count: count)
        out.withUnsafeMutableBufferPointer { stream.fillNormal($0) }
        return out
    }

    func testZigguratTableIsConsistent() {
        let x = NormalZiggurat.x
        let f = NormalZiggurat.f
        let n = NormalZiggurat.layerCount
        XCTAssertEqual(x[1], NormalZiggurat.r)
        XCTAssertEqual(x[n], 0)
        XCTAssertEqual(f[n], 1)
        XCTAssert((0 ..< n).allSatisfy { x[$0] > x[$0 + 1] }, "layer edges must decrease")
        // Base layer: rectangle [0, r] x [0, f(r)] plus the tail, which is v by the definition of v and
        // must equal the strip x[0] * f(r) that the sampler uses.
        XCTAssertEqual(x[0] * f[1], NormalZiggurat.v, accuracy: 1e-15)
        // Layers 1 ..< N: x[i] (f[i+1] - f[i]) = v. The recursion gives this to rounding (about 1e-15);
        // the top layer [0, x[N-1]] x [f(x[N-1]), 1] closes at f(0) = 1 only if r solves the closure
        // equation, which the shooting recursion amplifies about 1.4e3-fold: an error dr in r gives a
        // relative closure error of about 1.1e3 dr / r. The published r, rounded to the nearest double
        // (|dr| <= 2.2e-16), leaves 1.4e-13; the tolerance 1e-12 rejects r off by 2 ulps or more.
        for i in 1 ..< n {
            XCTAssertEqual(x[i] * (f[i + 1] - f[i]), NormalZiggurat.v, accuracy: 1e-12 * NormalZiggurat.v, "layer \(i)")
        }
    }

    func testFillNormalMatchesRepeatedNormal() {
        var stream = RandomStream(seed: 2, keys: [1])
        let single = (0 ..< 10_000).map { _ in stream.normal() }
        XCTAssertEqual(normals(10_000, keys: [1]).map(\.bitPattern), single.map(\.bitPattern))
    }

    func testNormalMoments() {
        // Raw moments E x^j = 0, 1, 0, 3 (mean, variance, skewness, kurtosis of the known N(0,1)), each
        // estimated by a sample mean whose exact variance is E x^(2j) - (E x^j)^2 = 1, 2, 15, 96.
        let n = 2_000_000
        let x = normals(n, keys: [2])
        let root = Double(n).squareRoot()
        let cases: [(power: Double, mean: Double, variance: Double)] = [(1, 0, 1), (2, 1, 2), (3, 0, 15), (4, 3, 96)]
        for c in cases {
            assertWithinStandardErrors(
                sampleMean(x) { pow($0, c.power) }, expected: c.mean, standardError: c.variance.squareRoot() / root,
                "E x^\(Int(c.power))")
        }
    }

    func testNormalKolmogorovSmirnov() {
        assertKolmogorovSmirnov(normals(1_000_000, keys: [3]), cdf: normalCDF, "normal")
    }

    func testNormalOverZigguratLayers() {
        // Cells bounded by the layer edges, cell i = {x[i+1] <= |x| < x[i]} on each side (cell 0: |x| >= r), so
        // that a wrong layer, wedge or tail shows up in its own cells. Two exact tests on n = 1e7 draws:
        //
        // 1. Chi-square of the 512 signed cell counts against erfc-exact probabilities (511 df, level 1e-5;
        //    smallest expected count about 1600).
        // 2. The position t = (|x| - x[i+1]) / (x[i] - x[i+1]) within a finite cell. Given the cell, t has
        //    mean mu_i and variance s_i^2 in closed form (integrals of x^j exp(-x^2/2) for j = 0, 1, 2), so
        //    sum (t - mu_i) / sqrt(sum s_i^2) is standard normal given the counts. A wedge error moves mass
        //    within cells without changing their totals much: accepting wedge points below 1.02 f(x)
        //    instead of f(x) shifts it by about 12 standard errors, while test 1 barely sees it.
        let chunk = 1_000_000, chunks = 10
        let edges = NormalZiggurat.x
        let layers = NormalZiggurat.layerCount
        let positionMoments = (0 ..< layers).map { i in i == 0 ? (mean: 0.0, variance: 0.0) : withinCellMoments(i) }
        var counts = [Int](repeating: 0, count: 2 * layers)
        var positionSum = 0.0, positionVariance = 0.0
        var stream = RandomStream(seed: 2, keys: [4])
        var buffer = [Double](repeating: 0, count: chunk)
        for _ in 0 ..< chunks {
            buffer.withUnsafeMutableBufferPointer { stream.fillNormal($0) }
            for value in buffer {
                let magnitude = abs(value)
                var low = 0, high = layers  // invariant: edges[high] <= magnitude < edges[low] (or low == 0)
                while high - low > 1 {
                    let mid = (low + high) / 2
                    if edges[mid] <= magnitude { high = mid } else { low = mid }
                }
                counts[(value < 0 ? layers : 0) + low] += 1
                if low > 0 {
                    let t = (magnitude - edges[low + 1]) / (edges[low] - edges[low + 1])
                    positionSum += t - positionMoments[low].mean
                    positionVariance += positionMoments[low].variance
                }
            }
        }
        let half = (0 ..< layers).map { i in
            0.5 * (erfc(edges[i + 1] / 2.0.squareRoot()) - (i == 0 ? 0 : erfc(edges[i] / 2.0.squareRoot())))
        }
        assertChiSquareFit(observed: counts, probabilities: half + half, "ziggurat layer cells")
        assertWithinStandardErrors(
            positionSum, expected: 0, standardError: positionVariance.squareRoot(), "position within layer cells")
    }

    /// Mean and variance of t = (x - a) / (b - a) for x ~ N(0,1) conditioned on a <= x < b, with a = x[i+1],
    /// b = x[i], from P = int_a^b f = sqrt(pi/2) (erfc(a/sqrt 2) - erfc(b/sqrt 2)), int x f = f(a) - f(b) and
    /// int x^2 f = a f(a) - b f(b) + P, where f(x) = exp(-x^2/2).
    private func withinCellMoments(_ i: Int) -> (mean: Double, variance: Double) {
        let a = NormalZiggurat.x[i + 1], b = NormalZiggurat.x[i]
        let fa = exp(-0.5 * a * a), fb = exp(-0.5 * b * b)
        let p = (0.5 * Double.pi).squareRoot() * (erfc(a / 2.0.squareRoot()) - erfc(b / 2.0.squareRoot()))
        let first = fa - fb, second = a * fa - b * fb + p
        let width = b - a
        let mean = (first - a * p) / p / width
        let meanSquare = (second - 2 * a * first + a * a * p) / p / (width * width)
        return (mean, meanSquare - mean * mean)
    }

    func testNormalTailFrequency() {
        // P(|x| > 3.5) = erfc(3.5 / sqrt 2) = 4.65e-4, around the tail start r = 3.654 of the ziggurat;
        // likewise P(|x| > r). Binomial z-tests (expected counts about 930 and 520).
        let n = 2_000_000
        let x = normals(n, keys: [5])
        for threshold in [3.5, NormalZiggurat.r] {
            assertBinomialFrequency(
                x.filter { abs($0) > threshold }.count, trials: n, probability: erfc(threshold / 2.0.squareRoot()),
                "P(|x| > \(threshold))")
        }
    }

    func testNormalTailSamplerKolmogorovSmirnov() {
        // The tail sampler's law is N(0,1) conditioned on x > r: F(t) = 1 - erfc(t/sqrt 2) / erfc(r/sqrt 2).
        var stream = RandomStream(seed: 2, keys: [6])
        let r = NormalZiggurat.r
        let tail = (0 ..< 200_000).map { _ in stream.normalTail() }
        XCTAssert(tail.allSatisfy { $0 > r })
        assertKolmogorovSmirnov(
            tail, cdf: { 1 - erfc($0 / 2.0.squareRoot()) / erfc(r / 2.0.squareRoot()) }, "normal tail beyond r")
    }
}
