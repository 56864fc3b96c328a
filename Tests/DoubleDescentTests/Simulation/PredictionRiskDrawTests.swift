@testable import DDRandom
@testable import DDSimulation
import XCTest

/// The tall Gaussian draw's prediction risk (the wide one is checked in `WideGaussianDrawTests`).
final class PredictionRiskDrawTests: XCTestCase {
    /// `WishartGramDraw` with `prediction` draws the same W and returns sigma^2 tr(W^-1): with all
    /// eigenvalues equal to s it is s times the estimation error of the same stream.
    func testTallDrawIsTheUnweightedTrace() {
        let d = 6, s = Array(repeating: 4.0, count: d)
        let factor = UnsafeMutablePointer<Double>.allocate(capacity: d * d)
        defer { factor.deallocate() }
        for nu in [6, 9, 30] {
            var a = RandomStream(seed: 9, keys: [UInt64(nu)]), b = a
            let estimation = s.withUnsafeBufferPointer { WishartGramDraw.error(degreesOfFreedom: nu, sigma: 0.5, eigenvalues: $0,
                                                                               factor: factor, using: &a) }
            let prediction = s.withUnsafeBufferPointer { WishartGramDraw.error(degreesOfFreedom: nu, sigma: 0.5, eigenvalues: $0,
                                                                               factor: factor, prediction: true, using: &b) }
            assertRelative(prediction, 4 * estimation, 1e-14, "nu = \(nu)")
        }
    }
}
