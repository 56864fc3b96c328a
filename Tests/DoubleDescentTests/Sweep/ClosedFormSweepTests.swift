@testable import DDModel
@testable import DDSampling
@testable import DDSweep
@testable import DDTheory
import XCTest

/// Sample-wise sweeps: a point is a function of the model and its own n alone, so the grid around
/// it, its order, the thread count and the command that prints it never change its bits.
final class ClosedFormSweepTests: XCTestCase {
    /// The bit patterns of every field of a point (NaN-safe, unlike `==`).
    static func bits(_ f: ClosedForms) -> [UInt64?] {
        [f.n, f.lambda, f.alpha, f.bias, f.variance, f.predictionRisk, f.deBias, f.deVariance, f.iidExactRisk]
            .map { $0?.bitPattern } + [f.theoryExact ? 1 : 0, f.bias != nil ? 1 : 0]
    }

    /// Hidden-style grids: scattered n (fractional, within 1e-9 of d, 1e-6 and below, far above d) over
    /// spectra with and without block expansions and the coarse start (d = 200 and 3000), in random
    /// order, reversed, split into shards, with 1 to 3 threads: every point's bits equal those of the
    /// point evaluated alone. Before, `--ns 66.5` and `--ns 1,66.5` differed (d = 200, geometric:1e6,
    /// random w*: up to 2.3e-13 in alpha), and so did `point` and `sweep`.
    func testEveryPointHasTheBitsOfThePointAlone() throws {
        let cases: [(SpectrumSpec, Int, WStarSpec, Risk)] = [
            (.geometric(1e6), 200, .random(seed: 3), .estimation), (.geometric(1e12), 3000, .random(seed: 5), .estimation),
            (.powerlaw(1.3), 3000, .isotropic, .prediction), (.isotropic, 1500, .random(seed: 2), .estimation),
            (.geometric(1e250), 40, .isotropic, .prediction),
        ]
        var compared = 0
        for (spectrum, d, wstar, risk) in cases {
            let model = try TestModels.model(spectrum, d: d, wstar: wstar)
            var calculator = ClosedFormCalculator(model: model)
            calculator.risk = risk
            let dd = Double(d)
            var ns = [1e-9, 1e-6, 1, 66.5, dd / 3, dd - 1, dd - 0.5, dd - 1e-6, dd - 1e-9, dd, dd + 1e-9, dd + 2, 7 * dd]
            // Quarter-integers spread over (0, 2.2 d] by the golden ratio's multiples, in the order of a
            // fixed permutation (37 k mod 53).
            for k in 1...40 {
                let fraction = (Double(k) * 0.6180339887498949).truncatingRemainder(dividingBy: 1)
                ns.append((fraction * 8.8 * dd).rounded(.up) / 4 + 0.25)
            }
            ns = ns.indices.sorted { ($0 * 37) % ns.count < ($1 * 37) % ns.count }.map { ns[$0] }
            let alone = try ns.map { try Self.bits(calculator.evaluate(n: $0)) }
            let what = "\(spectrum) d=\(d)"
            for threads in [1, 2, 3] {
                XCTAssertEqual(try ClosedFormSweep.evaluate(calculator, ns: ns, threads: threads).map(Self.bits), alone, what)
            }
            XCTAssertEqual(try ClosedFormSweep.evaluate(calculator, ns: ns.reversed(), threads: 2).map(Self.bits),
                           alone.reversed(), what)
            for shard in 0..<3 {
                let indices = Array(stride(from: shard, to: ns.count, by: 3))
                XCTAssertEqual(try ClosedFormSweep.evaluate(calculator, ns: indices.map { ns[$0] }, threads: 1).map(Self.bits),
                               indices.map { alone[$0] }, "\(what) shard \(shard)")
            }
            for (i, n) in ns.enumerated() {
                XCTAssertEqual(try ClosedFormSweep.evaluate(calculator, ns: [1, n, 2 * dd], threads: 1).map(Self.bits)[1],
                               alone[i], "\(what) n=\(n)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 5 * 53)
    }

    /// The coarse root is a guess within a few percent of lambda_n for a smooth spectrum.
    func testCoarseRootTracksLambda() throws {
        let model = try TestModels.model(.geometric(1e12), d: 20000)
        let solver = LambdaSolver(eigenvalues: model.eigenvalues)
        let coarse = try XCTUnwrap(CoarseSpectrum(model.eigenvalues))
        for n in [1.0, 200, 10000, 19000, 19999] {
            assertRelative(coarse.lambda(n: n), solver.solve(n: n), 0.05, "n=\(n)")
        }
    }
}

