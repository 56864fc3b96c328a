@testable import DDModel
@testable import DDRidge
import Foundation
import XCTest

/// Gauss-Hermite nodes and weights, and the tanh Stein factor E[1 - tanh(g)^2] against an
/// independent composite Simpson rule.
final class RidgeQuadratureTests: XCTestCase {
    /// An m-node rule integrates polynomials of degree < 2m exactly: E[Z^(2k)] = (2k - 1)!!, odd moments 0.
    func testPolynomialExactness() {
        for m in [1, 5, 20, 64, 300] {
            let rule = GaussHermite(points: m)
            XCTAssertEqual(rule.nodes.count, m)
            assertRelative(rule.weights.reduce(0, +), 1, 1e-13, "sum of weights m=\(m)")
            var doubleFactorial = 1.0
            for k in 1..<min(m, 12) {
                doubleFactorial *= Double(2 * k - 1)
                let moment = rule.expectation { pow($0, Double(2 * k)) }
                assertRelative(moment, doubleFactorial, 1e-11, "E Z^\(2 * k) m=\(m)")
                XCTAssertEqual(rule.expectation { pow($0, Double(2 * k - 1)) }, 0, accuracy: 1e-10 * doubleFactorial)
            }
        }
    }

    /// Nodes are symmetric and are roots of He_m: for m = 3 they are 0 and +-sqrt(3), weights 2/3, 1/6.
    func testSmallRuleByHand() {
        let rule = GaussHermite(points: 3)
        XCTAssertEqual(rule.nodes[0], -3.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(rule.nodes[1], 0, accuracy: 1e-15)
        XCTAssertEqual(rule.nodes[2], 3.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(rule.weights[0], 1.0 / 6, accuracy: 1e-15)
        XCTAssertEqual(rule.weights[1], 2.0 / 3, accuracy: 1e-15)
    }

    /// E[sech^2(g)], g ~ N(0, tau^2), against composite Simpson over [-12 tau, 12 tau] (the Gaussian
    /// tail beyond it is below 1e-31) with 2^16 panels; Simpson's error there is far below 1e-12,
    /// which the agreement of the 2^15- and 2^16-panel rules confirms.
    func testTanhSteinFactorAgainstSimpson() throws {
        for tau in [0.05, 0.3, 1, 2.5, 6] {
            let fine = simpsonSech2(tau: tau, panels: 1 << 16)
            let coarse = simpsonSech2(tau: tau, panels: 1 << 15)
            XCTAssertEqual(fine, coarse, accuracy: 1e-13, "Simpson not converged at tau=\(tau)")
            let c = try XCTUnwrap(RidgeResponse.tanh.steinFactor(tau: tau))
            XCTAssertEqual(c, fine, accuracy: 1e-12, "tau=\(tau)")
        }
        XCTAssertEqual(RidgeResponse.linear.steinFactor(tau: 3), 1)
    }

    /// Beyond what 8193 nodes resolve (||w*||_Sigma around 7 and up), the target refuses with an
    /// typed error carrying the response and ||w*||_Sigma instead of returning an unconverged factor.
    func testTargetRefusesUnresolvedQuadrature() throws {
        let model = try TestModels.model(.isotropic, d: 3, wnorm: 20)
        XCTAssertThrowsError(try RidgeTarget(model: model, response: .tanh, n: 1)) { error in
            guard case .quadratureDidNotConverge(let response, let tau)? = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertEqual(response, "tanh")
            XCTAssertEqual(tau, 20, accuracy: 1e-12)
        }
        XCTAssertNoThrow(try RidgeTarget(model: model, response: .linear, n: 1))
    }

    /// The adaptive rule reports how many nodes it needed, and its answer agrees with a rule twice as
    /// fine; when h is far too narrow for the allowed nodes it gives up (nil) rather than return an
    /// unconverged value (all-zero rules cannot fake agreement: every rule has a node at 0).
    func testConvergenceIsVerified() throws {
        let (value, points) = try XCTUnwrap(GaussHermite.adaptiveExpectation(tolerance: 1e-12) { z in
            let t = tanh(z)
            return 1 - t * t
        })
        let reference = GaussHermite(points: points * 2).expectation { z in
            let t = tanh(z)
            return 1 - t * t
        }
        XCTAssertEqual(value, reference, accuracy: 1e-13)
        XCTAssertNil(GaussHermite.adaptiveExpectation(tolerance: 1e-12, maxPoints: 64) { z in
            let t = tanh(1000 * z)
            return 1 - t * t
        })
    }

    private func simpsonSech2(tau: Double, panels: Int) -> Double {
        let half = 12 * tau, h = 2 * half / Double(panels)
        func f(_ g: Double) -> Double {
            let c = cosh(g)
            return exp(-0.5 * (g / tau) * (g / tau)) / (tau * (2 * Double.pi).squareRoot()) / (c * c)
        }
        var sum = f(-half) + f(half)
        for i in 1..<panels { sum += f(-half + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
        return sum * h / 3
    }
}
