import DDElementary

/// Where the per-draw error of the min-norm estimator has infinite variance, so that a sample mean's
/// standard error cannot be trusted (docs/MATH.md, "Heavy tails").
///
/// With Gaussian features the noise part of the error is sigma^2 tr((X^T X)^+), whose tail is driven
/// by the smallest singular value of X. For K rows it has finite variance only for K <= d - 4 or
/// K >= d + 4 (i.i.d. rows); the surrogate's determinantal weighting adds two degrees of freedom, so
/// its draws with K in {d - 1, d, d + 1} are the heavy-tailed ones.
package enum HeavyTail {
    /// A point is flagged when the expected number of heavy-tailed draws among its trials is at least
    /// this: below it, such a draw is unlikely to appear at all.
    static let expectedHeavyDraws = 0.01

    /// P(K in {d - 1, d, d + 1}) for one surrogate draw at n, computed in log space (alpha_n itself
    /// underflows for large d): n < d: P(K = d) + P(K = d - 1) = alpha_n (1 + sum_i lambda_n / s_i);
    /// n >= d: e^-(n - d) (1 + (n - d)).
    package static func surrogateHeavyProbability(n: Double, lambda: Double?, eigenvalues s: [Double]) -> Double {
        let d = Double(s.count)
        guard n < d, let lambda else {
            let m = n - d
            return Elementary.exp(-m) * (1 + m)
        }
        var logAlpha = 0.0, inverseOdds = 0.0
        for si in s {
            let ratio = lambda / si
            logAlpha -= Elementary.log1p(ratio)
            inverseOdds += ratio
        }
        return min(1, Elementary.exp(logAlpha + Elementary.log1p(inverseOdds)))
    }

    /// I.i.d. Gaussian designs: integer n within 3 of d (infinite mean at d - 1, d, d + 1; infinite
    /// variance at d +- 2 and d +- 3). Without noise (sigma = 0) the error is the bias ||(I - P) w*||^2,
    /// bounded by ||w*||^2, and never heavy tailed.
    package static func iidIsHeavy(n: Double, d: Int, sigma: Double) -> Bool {
        sigma > 0 && abs(n - Double(d)) <= 3
    }

    /// The exact i.i.d. Gaussian MSE is infinite at n in {d - 1, d, d + 1} (when sigma > 0): no sample
    /// mean is reported there.
    package static func iidHasInfiniteMean(n: Double, d: Int, sigma: Double) -> Bool {
        sigma > 0 && abs(n - Double(d)) <= 1
    }

    /// The surrogate rule for `trials` draws at n (never with sigma = 0, as for the i.i.d. design).
    package static func surrogateIsHeavy(n: Double, lambda: Double?, eigenvalues: [Double], sigma: Double, trials: Int) -> Bool {
        sigma > 0 && Double(trials) * surrogateHeavyProbability(n: n, lambda: lambda, eigenvalues: eigenvalues)
            >= expectedHeavyDraws
    }
}
