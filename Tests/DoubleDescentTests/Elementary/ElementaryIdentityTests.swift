@testable import DDElementary
import Foundation
import XCTest

/// Identities between the DDElementary functions, on arguments drawn with a fixed seed, with
/// tolerances from the composed error bounds (README.md), and determinism: every function is a pure
/// function of its arguments, the same bits in any order and on any thread.
final class ElementaryIdentityTests: XCTestCase {
    typealias E = Elementary

    /// A fixed-seed stream of doubles in [0, 1) (SplitMix64), so the arguments are the same everywhere.
    struct Arguments {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
        }
    }

    /// exp(log x) = x to (|log x| + 1.5) 2^-52 relative: log's error (< 1 ulp of log x) is multiplied
    /// by |log x| through exp, plus exp's own (< 1 ulp).
    func testExpOfLog() {
        var u = Arguments()
        for _ in 0..<20000 {
            let x = E.exp((u.next() - 0.5) * 1400)
            let back = E.exp(E.log(x))
            XCTAssertLessThanOrEqual(abs(back - x) / x, (abs(E.log(x)) + 1.5) * 0x1p-52, "exp(log \(x))")
        }
    }

    /// log1p(x) = log(x) + 1/x for large x (the next term, 1/(2x^2), is below an ulp for x > 2^27), and
    /// log1p(x) = log(1 + x) where 1 + x is exact.
    func testLog1pAgainstLog() {
        var u = Arguments()
        for _ in 0..<20000 {
            let x = E.exp(19 + u.next() * 690)
            let expected = E.log(x) + 1 / x
            XCTAssertLessThanOrEqual(abs(E.log1p(x) - expected), 2 * expected.ulp, "log1p(\(x))")
            let y = 0.5 + u.next()  // 1 + y in [1.5, 2.5): exact when y has <= 52 bits after the point
            let exact = (1 + y) - 1 == y
            if exact { XCTAssertLessThanOrEqual(abs(E.log1p(y) - E.log(1 + y)), 2 * E.log(1 + y).ulp, "log1p(\(y))") }
        }
    }

    /// expm1 and log1p are inverse; tanh(x) = expm1(2x)/(expm1(2x) + 2); pow(x, 2) = x^2 and
    /// pow(x, 0.5) = sqrt(x) to an ulp; lgamma(x + 1) = lgamma(x) + log x.
    func testIdentities() {
        var u = Arguments()
        for _ in 0..<20000 {
            let x = (u.next() - 0.5) * 2
            XCTAssertLessThanOrEqual(abs(E.log1p(E.expm1(x)) - x), 3 * x.ulp, "log1p(expm1 \(x))")
            let t = E.expm1(2 * x)
            XCTAssertLessThanOrEqual(abs(E.tanh(x) - t / (t + 2)), 4 * E.tanh(x).ulp, "tanh \(x)")
            let y = E.exp((u.next() - 0.5) * 600)
            XCTAssertLessThanOrEqual(abs(E.pow(y, 2) - y * y), y * y * 0x1p-52, "pow(\(y), 2)")
            XCTAssertLessThanOrEqual(abs(E.pow(y, 0.5) - y.squareRoot()), y.squareRoot().ulp, "pow(\(y), 0.5)")
            let g = 0.5 + (u.next() * 0x1p46).rounded(.down) * 0x1p-40  // 47 bits below 2^7: g + 1 is exact
            // The sum rounds twice and cancels (lgamma 0.5 + log 0.5 = -0.12): its error is an ulp of its terms.
            let lhs = E.logGamma(g + 1), a = E.logGamma(g), b = E.log(g)
            XCTAssertLessThanOrEqual(abs(lhs - (a + b)), 3 * max(abs(lhs), abs(a), abs(b)).ulp, "lgamma(\(g) + 1)")
        }
    }

    /// The same bits from every evaluation, in any order and from concurrent threads: no function keeps
    /// state, rounding mode or caches between calls.
    func testDeterminism() {
        var u = Arguments()
        let xs = (0..<4096).map { _ in (u.next() - 0.3) * 60 }
        func bits(_ order: [Int]) -> [UInt64] {
            var out = [UInt64](repeating: 0, count: xs.count * 8)
            for i in order {
                let x = xs[i], a = abs(x) + 1e-3
                let values = [E.exp(x), E.expm1(x), E.log(a), E.log1p(a), E.pow(a, x / 7), E.logGamma(a), E.erfc(x / 3),
                              E.tanh(x / 5)]
                for (k, v) in values.enumerated() { out[8 * i + k] = v.bitPattern }
            }
            return out
        }
        let forward = bits(Array(xs.indices))
        XCTAssertEqual(forward, bits(Array(xs.indices.reversed())))
        var results = [[UInt64]](repeating: [], count: 4)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            // An odd multiplier permutes the indices mod 4096: each thread visits all, in its own order.
            let b = bits(xs.indices.map { ($0 * 2_654_435_761 + 1000 * thread) % xs.count })
            lock.lock(); results[thread] = b; lock.unlock()
        }
        for r in results { XCTAssertEqual(r, forward) }
    }
}
