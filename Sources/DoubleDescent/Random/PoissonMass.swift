import DDElementary

/// log P(X = k) for X ~ Poisson(mean), accurate to about 1e-13 in absolute terms for every mean up to
/// `RandomStream.maximumPoissonMean` and every integer k >= 0, for PTRS's acceptance test (`Poisson.swift`).
///
/// The textbook k log(mean) - mean - lgamma(k + 1) subtracts numbers of size k log k to leave a result
/// of size log sqrt(mean): at mean 1e15 its terms are about 3e16, whose rounding (about 4 each) is larger
/// than the whole acceptance window. Loader's saddle-point form ("Fast and accurate computation of
/// binomial probabilities", 2000) has no such cancellation:
///
///     log P(X = k) = -deviance(k, mean) - log(2 pi k) / 2 - stirlingError(k),
///
/// with deviance(k, m) = k log(k/m) + m - k >= 0 and stirlingError(k) = log k! - (k log k - k + log(2 pi k)/2).
/// Small k (below 16) uses the textbook form, which is accurate there: for a small mean its terms are
/// small, and for a large one the result is about -mean, far below any acceptance threshold.
enum PoissonMass {
    static func logProbability(_ k: Double, mean: Double) -> Double {
        if k < 16 { return k * Elementary.log(mean) - mean - Elementary.logGamma(k + 1) }
        return -deviance(k, mean: mean) - 0.5 * Elementary.log(2 * Double.pi * k) - stirlingError(k)
    }

    /// k log(k/m) + m - k, to full relative precision. Near the mean it is summed as
    /// (k - m) v + 2k (v^3/3 + v^5/5 + ...) with v = (k - m)/(k + m) (from log(k/m) = 2 artanh v), since
    /// the direct form cancels; k - m is exact there (Sterbenz: k and m are within a factor 11/9).
    static func deviance(_ k: Double, mean m: Double) -> Double {
        let delta = k - m
        guard abs(delta) < 0.1 * (k + m) else { return k * Elementary.log(k / m) + m - k }
        let v = delta / (k + m), v2 = v * v
        var sum = delta * v
        var term = 2 * k * v
        var j = 1.0
        while true {
            term *= v2
            let next = sum + term / (2 * j + 1)
            if next == sum { return sum }
            sum = next
            j += 1
        }
    }

    /// log k! - (k log k - k + log(2 pi k)/2) for k >= 16, by the Stirling series
    /// 1/(12k) - 1/(360k^3) + 1/(1260k^5) - 1/(1680k^7) + 1/(1188k^9); the first omitted term,
    /// 691/(360360 k^11), is below 1.2e-16 for k >= 16.
    static func stirlingError(_ k: Double) -> Double {
        let k2 = k * k
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / (1188 * k2)) / k2) / k2) / k2) / k
    }
}
