@testable import DDModel
@testable import DDSampling
@testable import DDSweep
@testable import DDTheory
import XCTest

/// Sample-wise sweeps: warm starts from the coarse root and the extrapolation change the work,
/// not the answer, and never the bits across thread counts.
final class ClosedFormSweepTests: XCTestCase {
    /// d above the coarse spectrum's threshold (so the coarse root sets every guess), n over
    /// (0, 2d] including points within 1e-6 of d: the same bits for 1, 2 and 3 threads, and
    /// every value within 1e-12 of a cold evaluation at that n alone.
    func testSweepMatchesColdPointsForAnyThreadCount() throws {
        for spectrum in [SpectrumSpec.geometric(1e12), .powerlaw(1), .isotropic] {
            let d = 3000
            let model = try TestModels.model(spectrum, d: d, wstar: .random(seed: 5))
            let calculator = ClosedFormCalculator(model: model)
            XCTAssertNotNil(ClosedFormSweep.CoarseSpectrum(model.eigenvalues))
            let dd = Double(d)
            let ns = (1...150).map { Double($0) * 2 * dd / 150 } + [1e-6, dd - 1e-6, dd - 0.5]
            let sweep = try ClosedFormSweep.evaluate(calculator, ns: ns, threads: 1)
            for threads in [2, 3] {
                XCTAssertEqual(try ClosedFormSweep.evaluate(calculator, ns: ns, threads: threads), sweep, "\(spectrum)")
            }
            for (n, point) in zip(ns, sweep) {
                let cold = try calculator.evaluate(n: n)
                let what = "\(spectrum) n=\(n)"
                assertRelative(point.lambda ?? 0, cold.lambda ?? 0, 1e-12, what)
                assertRelative(point.bias!, cold.bias!, 1e-12, what)
                assertRelative(point.variance!, cold.variance!, 1e-12, what)
                assertRelative(point.deRisk ?? 0, cold.deRisk ?? 0, 1e-12, what)
            }
        }
    }

    /// The coarse root is a guess within a few percent of lambda_n for a smooth spectrum.
    func testCoarseRootTracksLambda() throws {
        let model = try TestModels.model(.geometric(1e12), d: 20000)
        let solver = LambdaSolver(eigenvalues: model.eigenvalues)
        let coarse = try XCTUnwrap(ClosedFormSweep.CoarseSpectrum(model.eigenvalues))
        for n in [1.0, 200, 10000, 19000, 19999] {
            assertRelative(coarse.lambda(n: n), solver.solve(n: n), 0.05, "n=\(n)")
        }
    }
}
