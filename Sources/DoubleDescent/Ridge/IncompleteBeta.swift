import DDElementary

/// The regularized incomplete beta function I_x(a, b) and the tail probabilities built on it
/// (Snedecor's F, Student's t).
///
/// Evaluated by the continued fraction of DLMF 8.17.22 with the modified Lentz algorithm
/// (Press et al., Numerical Recipes, 3rd ed., 6.4), on the side where it converges fast:
/// x < (a + 1) / (a + b + 2) gives I_x(a, b) directly, otherwise I_{1-x}(b, a) = 1 - I_x(a, b).
/// Both the value and its complement are returned, each computed without cancellation in the
/// tail that matters: the small one is always the one evaluated directly. The prefactor
/// x^a (1-x)^b / (a B(a, b)) is formed in logs (lgamma, log1p), so tiny p-values do not underflow
/// early.
package enum IncompleteBeta {
    /// (I_x(a, b), 1 - I_x(a, b)) for a, b > 0 and 0 <= x <= 1.
    package static func regularized(x: Double, a: Double, b: Double) -> (value: Double, complement: Double) {
        precondition(a > 0 && b > 0 && x >= 0 && x <= 1, "I_x(a, b) needs a, b > 0 and x in [0, 1]")
        if x == 0 { return (0, 1) }
        if x == 1 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let v = front(x: x, a: a, b: b) * continuedFraction(x: x, a: a, b: b) / a
            return (v, 1 - v)
        }
        let y = 1 - x
        let c = front(x: y, a: b, b: a) * continuedFraction(x: y, a: b, b: a) / b
        return (1 - c, c)
    }

    /// x^a (1 - x)^b / B(a, b), in logs.
    private static func front(x: Double, a: Double, b: Double) -> Double {
        let logBeta = Elementary.logGamma(a) + Elementary.logGamma(b) - Elementary.logGamma(a + b)
        return Elementary.exp(a * Elementary.log(x) + b * Elementary.log1p(-x) - logBeta)
    }

    /// The continued fraction 1 / (1 + d_1 / (1 + d_2 / (1 + ...))) of DLMF 8.17.22 by modified Lentz.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            // Even step d_{2m}, then odd step d_{2m+1}.
            for coefficient in [m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
                                -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))] {
                d = 1 + coefficient * d
                if abs(d) < tiny { d = tiny }
                c = 1 + coefficient / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                h *= d * c
            }
            if abs(d * c - 1) <= 1e-16 { break }
        }
        return h
    }

    /// P(F > f) for F ~ F(d1, d2): I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2).
    package static func fDistributionUpperTail(_ f: Double, d1: Double, d2: Double) -> Double {
        guard f > 0 else { return 1 }
        guard f.isFinite else { return 0 }
        // x = d2 / (d2 + d1 f) and 1 - x = d1 f / (d2 + d1 f), both without cancellation.
        let denominator = d2 + d1 * f
        let x = d2 / denominator
        if x < 0.5 { return regularized(x: x, a: d2 / 2, b: d1 / 2).value }
        return regularized(x: d1 * f / denominator, a: d1 / 2, b: d2 / 2).complement
    }

    /// Two-sided P(|T| > |t|) for T ~ Student t with nu degrees of freedom: I_{nu / (nu + t^2)}(nu / 2, 1 / 2).
    package static func studentTwoSided(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        let t2 = t * t, denominator = nu + t2
        let x = nu / denominator
        if x < 0.5 { return regularized(x: x, a: nu / 2, b: 0.5).value }
        return regularized(x: t2 / denominator, a: 0.5, b: nu / 2).complement
    }
}
