import DDElementary

extension RandomStream {
    /// The largest mean `poisson(mean:)` accepts, 2^52 (about 4.5e15): up to it every candidate near the
    /// mean is an exactly representable integer. Callers with a mean from user input check against it.
    package static let maximumPoissonMean = 0x1p52

    /// A Poisson variate, exact for every mean in [0, `maximumPoissonMean`].
    ///
    /// Means below 10 use inversion by sequential search; means from 10 up use Hörmann's transformed
    /// rejection with squeeze, PTRS ("The transformed rejection method for generating Poisson random
    /// variables", Insurance: Mathematics and Economics 12, 1993), whose constants are valid for mean >= 10
    /// and whose expected cost is O(1) (about 1.2 candidates) at every mean.
    package mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean <= Self.maximumPoissonMean, "poisson mean must lie in [0, 2^52]")
        return mean < 10 ? poissonByInversion(mean: mean) : poissonByTransformedRejection(mean: mean)
    }

    /// Sequential-search inversion, "chop-down" form (Kemp 1981; Devroye, Non-Uniform Random Variate
    /// Generation, 1986, X.3): subtract p(0), p(1), ... from one uniform until it falls inside a term.
    /// Rounding in the running subtraction could leave a residue that no term covers; that has probability
    /// below 1e-13, and the draw is then repeated. The cut-off 200 is far beyond the support that matters
    /// (P(X >= 200) < 1e-170 for mean < 10) while p(k) is still a normal double.
    private mutating func poissonByInversion(mean: Double) -> Int {
        let p0 = Elementary.exp(-mean)
        while true {
            var u = uniform()
            var p = p0
            for k in 0 ..< 200 {
                if u <= p { return k }
                u -= p
                p *= mean / Double(k + 1)
            }
        }
    }

    /// PTRS, steps 1-4 of Hörmann (1993) as published. The candidate k = floor((2a/us + b) u + mean + 0.43)
    /// of a uniform u on (-1/2, 1/2) follows a hat dominating the pmf; the squeeze (us >= 0.07 and v <= vr)
    /// accepts outright, and otherwise log(v alpha / (a / us^2 + b)) is compared with log p(k).
    ///
    /// Two departures from the textbook arithmetic keep it exact at large means, without changing the
    /// algorithm: the integer part of the mean is added after the floor (a sum of size mean, rounded to
    /// its ulp, would move k at means above 2^50), and log p(k) is `PoissonMass.logProbability`, which
    /// does not cancel. u comes from the open-interval `uniform()`, so us = 1/2 - |u| > 0. k stays a Double
    /// until it is accepted, since a candidate with tiny us can exceed the range of Int before it is rejected.
    private mutating func poissonByTransformedRejection(mean: Double) -> Int {
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let logInverseAlpha = Elementary.log(1.1239 + 1.1328 / (b - 3.4))
        let vr = 0.9277 - 3.6224 / (b - 2)
        let whole = mean.rounded(.down), fraction = mean - whole
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = whole + ((2 * a / us + b) * u + fraction + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Elementary.log(v) + logInverseAlpha - Elementary.log(a / (us * us) + b) <= PoissonMass.logProbability(k, mean: mean) {
                return Int(k)
            }
        }
    }
}
