@testable import DDModel
@testable import DDSampling
@testable import DDSweep
@testable import DDTheory
import XCTest

/// The closed forms' sums taken from the solver's last Newton pass (SpectralSums.fused plus the
/// first-order Taylor step to the root) against a separate pass at the root.
final class FusedSumsTests: XCTestCase {
    static let tolerance = 1e-14

    static func fields(_ f: SpectralSums.Full) -> [Double] { [f.sr2, f.bias, f.wr2, f.swr2] }

    /// Largest relative difference over the four sums.
    static func difference(_ a: SpectralSums.Full, _ b: SpectralSums.Full) -> Double {
        zip(fields(a), fields(b)).map { abs($0 - $1) / abs($1) }.max()!
    }

    /// The correction itself: from lambda to lambda +- 3e-9 lambda (inside the bound) it matches a
    /// pass at the new lambda to 1e-14, while the uncorrected sums are off by more than 1e-11, so
    /// a dropped or sign-flipped correction fails. Beyond the bound there is no fused value.
    func testTaylorStepAgainstExactSums() throws {
        for spectrum in [SpectrumSpec.geometric(1e12), .powerlaw(1.5), .linear(10)] {
            let model = try TestModels.model(spectrum, d: 1000, wstar: .random(seed: 3))
            let solver = LambdaSolver(eigenvalues: model.eigenvalues)
            try model.eigenvalues.withUnsafeBufferPointer { s in
                try model.wEigen.withUnsafeBufferPointer { w in
                    for n in [10.0, 300, 900] {
                        let lambda = solver.solve(n: n)
                        let pass = SpectralSums.fused(s, w: w, lambda: lambda, deficit: n > 500)
                        XCTAssertEqual(Self.difference(pass.full, SpectralSums.full(s, w: w, lambda: lambda)), 0,
                                       accuracy: 4 * Double.ulpOfOne)
                        for h in [3e-9 * lambda, -3e-9 * lambda] {
                            let exact = SpectralSums.full(s, w: w, lambda: lambda + h)
                            let fused = try XCTUnwrap(pass.full(at: lambda + h), "\(spectrum) n=\(n) h=\(h)")
                            XCTAssertLessThan(Self.difference(fused, exact), Self.tolerance, "\(spectrum) n=\(n) h=\(h)")
                            for (before, after) in zip(Self.fields(pass.full), Self.fields(exact)) {
                                XCTAssertGreaterThan(abs(before - after) / abs(after), 1e-11, "\(spectrum) n=\(n) h=\(h)")
                            }
                        }
                        XCTAssertNil(pass.full(at: lambda * (1 + 1e-7)))
                        XCTAssertNil(pass.full(at: lambda * (1 - 1e-7)))
                    }
                }
            }
        }
    }

    /// Along sweeps started from the coarse root (as every point is), n from 1e-9 to d - 1e-9: the sums the solver returns match a
    /// separate pass at its root; for non-isotropic Sigma most points take them from the last pass
    /// (for isotropic Sigma the coarse root is already exact, so the first pass ends the search, and
    /// a first pass is never fused), and at many of those the Taylor step is larger than the tolerance.
    func testSolverSumsMatchSeparatePassAlongSweeps() throws {
        let cases: [(SpectrumSpec, Int)] = [(.isotropic, 2000), (.geometric(1e12), 20000), (.powerlaw(1), 5000)]
        var points = 0, correctedCount = 0
        for (spectrum, d) in cases {
            let model = try TestModels.model(spectrum, d: d, wstar: .random(seed: 11))
            let solver = LambdaSolver(eigenvalues: model.eigenvalues)
            let dd = Double(d)
            let ns = [1e-9, 1e-3, 1] + (1..<400).map { Double($0) * dd / 400 } + [dd - 1, dd - 1e-3, dd - 1e-9]
            let coarse = try XCTUnwrap(CoarseSpectrum(model.eigenvalues))
            var fusedCount = 0
            model.eigenvalues.withUnsafeBufferPointer { s in
                model.wEigen.withUnsafeBufferPointer { w in
                    for n in ns {
                        let guess = coarse.lambda(n: n)
                        let (lambda, sums) = solver.solve(n: n, guess: guess, weights: w)
                        let exact = SpectralSums.full(s, w: w, lambda: lambda)
                        XCTAssertLessThan(Self.difference(sums, exact), Self.tolerance, "\(spectrum) d=\(d) n=\(n)")
                        let (root, last, _) = solver.root(n: n, guess: guess, s: s, w: w)
                        XCTAssertEqual(root, lambda)
                        if let last, last.full(at: root) != nil {
                            fusedCount += 1
                            if Self.difference(last.full, exact) > 10 * Self.tolerance { correctedCount += 1 }
                        }
                    }
                }
            }
            if spectrum != .isotropic {
                XCTAssertGreaterThan(fusedCount, ns.count * 3 / 4, "\(spectrum): sums from the last pass")
            }
            points += ns.count
        }
        XCTAssertGreaterThan(correctedCount, points / 5, "Taylor steps that matter")
    }
}
