@testable import DDModel
@testable import DDSampling
@testable import DDTheory
import XCTest

/// Blocks summed by their expansions (BlockExpansion) against the same sums taken term by term in
/// Float80, and against the term-by-term passes the expansion replaces.
final class BlockExpansionTests: XCTestCase {
    /// Every sum of a pass, in `SpectralSums`'s order, at 64-bit-mantissa precision.
    static func reference(_ s: [Double], _ w: [Double], lambda: Double, deficit: Bool) -> [Double] {
        var out = [Float80](repeating: 0, count: 8)
        let l = Float80(lambda)
        for (si, wi) in zip(s, w) {
            let s = Float80(si), a = Float80(wi) * Float80(wi), r = 1 / (s + l)
            out[0] += deficit ? l * r : s * r
            out[1] += s * r * r
            out[2] += s * r * r * r
            out[3] += l * a * r
            out[4] += a * r * r
            out[5] += s * a * r * r
            out[6] += a * r * r * r
            out[7] += s * a * r * r * r
        }
        return out.map { Double($0) }
    }

    static func fused(_ s: [Double], _ w: [Double], lambda: Double, deficit: Bool, expansion: BlockExpansion?) -> [Double] {
        s.withUnsafeBufferPointer { s in
            w.withUnsafeBufferPointer { w in
                let f = SpectralSums.fused(s, w: w, lambda: lambda, deficit: deficit, expansion: expansion)
                // The slope holds sum w^2 r^3 and sum s w^2 r^3 times -2.
                return [f.newton.level, f.newton.sr2, f.newton.sr3, f.full.bias, f.full.wr2, f.full.swr2,
                        -f.slope.wr2 / 2, -f.slope.swr2 / 2]
            }
        }
    }

    /// How many eigenvalues the expanded nodes cover.
    static func covered(_ e: BlockExpansion) -> Int { e.ranges.map(\.count).reduce(0, +) }

    /// Spectra covered entirely by expanded nodes (isotropic: the root; narrow geometric: single
    /// blocks; geometric:1.5: nodes of several blocks), and partly (linear and power law, whose
    /// large eigenvalues spread too wide), at a d that leaves a partial last block; lambda from far
    /// below s_d to far above s_1, both level sums. The expanded sums match Float80 to 8 eps
    /// relative, like the term-by-term ones: the truncation is below eps/16 and the rest is
    /// rounding in the moments and the polynomial.
    func testSumsMatchFloat80() throws {
        let cases: [(SpectrumSpec, Int, all: Bool)] = [
            (.isotropic, 4100, true), (.geometric(10), 8200, true), (.geometric(1.5), 8200, true),
            (.linear(10), 4100, false), (.powerlaw(1), 5000, false),
        ]
        let tolerance = 8 * Double.ulpOfOne
        var largestNode = 0
        for (spectrum, d, all) in cases {
            let model = try TestModels.model(spectrum, d: d, wstar: .random(seed: 5))
            let s = model.eigenvalues, w = model.wEigen
            let expansion = try XCTUnwrap(BlockExpansion(eigenvalues: s, weights: w), "\(spectrum)")
            let covered = Self.covered(expansion)
            if all { XCTAssertEqual(covered, d, "\(spectrum)") } else { XCTAssert((1..<d).contains(covered), "\(spectrum): \(covered)") }
            largestNode = max(largestNode, expansion.ranges.filter { $0.count < d }.map(\.count).max() ?? 0)
            for scale in [1e-9, 1e-3, 0.3, 1, 3, 1e3, 1e9] {
                let lambda = scale * s[d / 2]
                for deficit in [true, false] {
                    let exact = Self.reference(s, w, lambda: lambda, deficit: deficit)
                    let sums = Self.fused(s, w, lambda: lambda, deficit: deficit, expansion: expansion)
                    let plain = Self.fused(s, w, lambda: lambda, deficit: deficit, expansion: nil)
                    for k in 0..<8 {
                        let label = "\(spectrum) lambda=\(lambda) deficit=\(deficit) sum \(k)"
                        XCTAssertLessThan(abs(sums[k] - exact[k]) / exact[k], tolerance, label)
                        XCTAssertLessThan(abs(plain[k] - exact[k]) / exact[k], tolerance, label)
                    }
                }
            }
        }
        XCTAssertGreaterThan(largestNode, 4 * SpectralSums.blockSize, "a node of several blocks, below the root")
    }

    /// The truncation bound behind `terms` and `maxOffset` (docs/MATH.md, "Block expansions"):
    /// C(terms + 2, 2) delta^terms ((1 + delta)/(1 - delta))^4 <= eps/16, and one term fewer would not do.
    func testTruncationBound() {
        func bound(_ terms: Int) -> Double {
            let delta = BlockExpansion.maxOffset
            return Double((terms + 1) * (terms + 2) / 2) * pow(delta, Double(terms)) * pow((1 + delta) / (1 - delta), 4)
        }
        XCTAssertEqual(BlockExpansion.terms % 4, 0, "the polynomial runs four chains")
        XCTAssertLessThanOrEqual(bound(BlockExpansion.terms), Double.ulpOfOne / 16)
        XCTAssertGreaterThan(bound(BlockExpansion.terms - 1), Double.ulpOfOne / 16)
    }

    /// The expanded nodes are the maximal runs of blocks whose values lie within maxOffset of
    /// their centre: here the first two blocks together (1 +- 1/16 exactly) and the last block,
    /// not the third block (4 (1 +- 1/15)); small spectra are not expanded at all.
    func testWhichNodesExpand() throws {
        let size = SpectralSums.blockSize
        /// count values from c (1 - spread) to c (1 + spread), evenly spaced.
        func values(_ count: Int, center c: Double, spread: Double) -> [Double] {
            (0..<count).map { (i: Int) -> Double in
                let offset: Double = Double(i) / Double(count - 1) * 2 - 1
                return c * (1 + offset * spread)
            }
        }
        let s = values(2 * size, center: 1, spread: 1.0 / 16) + values(size, center: 4, spread: 1.0 / 15)
            + [Double](repeating: 8, count: size)
        let expansion = try XCTUnwrap(BlockExpansion(eigenvalues: s, weights: nil))
        XCTAssertEqual(expansion.ranges, [0..<2 * size, 3 * size..<4 * size])
        XCTAssertEqual(expansion.centers, [1, 8])
        XCTAssertNil(BlockExpansion(eigenvalues: [Double](repeating: 1, count: BlockExpansion.minimumDimension - 1), weights: nil))
    }

    /// Whole roots along a sweep at d = 10^5 (geometric:1e12, every block its own node;
    /// powerlaw:1, mixed) and d = 10^6 (geometric:1e12, nodes of about 17 blocks): lambda_n and the
    /// closed forms' sums with the expansion match the term-by-term solver to 1e-14 (both on the
    /// normalised spectrum, for which the calculator's expansion is built).
    func testSolverWithExpansionMatchesTermByTerm() throws {
        for (spectrum, d) in [(SpectrumSpec.geometric(1e12), 100_000), (.powerlaw(1), 100_000), (.geometric(1e12), 1_000_000)] {
            let model = try TestModels.model(spectrum, d: d, wstar: .random(seed: 2))
            let calculator = ClosedFormCalculator(model: model)
            let expansion = try XCTUnwrap(calculator.expansion)
            XCTAssertGreaterThan(Self.covered(expansion), d * 9 / 10, "\(spectrum) d=\(d)")
            let dd = Double(d)
            model.wEigen.withUnsafeBufferPointer { w in
                for n in [1e-6, 10, dd / 50, dd * 0.4, dd / 2, dd * 0.6, dd * 0.99, dd - 1e-6] {
                    let a = calculator.normalisedSolver.solve(n: n, guess: nil, weights: w, expansion: expansion)
                    let b = calculator.normalisedSolver.solve(n: n, guess: nil, weights: w)
                    XCTAssertEqual(a.lambda, b.lambda, accuracy: 1e-14 * b.lambda, "\(spectrum) d=\(d) n=\(n)")
                    XCTAssertLessThan(FusedSumsTests.difference(a.sums, b.sums), 1e-14, "\(spectrum) d=\(d) n=\(n)")
                }
            }
        }
    }
}
