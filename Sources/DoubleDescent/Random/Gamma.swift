import DDElementary

extension RandomStream {
    /// A Gamma(shape, scale 1) variate, for any shape > 0, by Marsaglia & Tsang ("A simple method for
    /// generating gamma variables", ACM TOMS 26(3), 2000).
    ///
    /// For shape a >= 1: with d = a - 1/3 and c = 1 / sqrt(9d), a normal x gives the candidate d (1 + c x)^3,
    /// accepted when log u < x^2/2 + d (1 - v + log v), v = (1 + c x)^3; the squeeze u < 1 - 0.0331 x^4 skips
    /// the logarithms almost always. This is an exact rejection method; acceptance exceeds 95% for every a.
    /// For shape a < 1: Gamma(a + 1) * u^(1/a) ~ Gamma(a) (the paper's boost). For tiny shapes u^(1/a)
    /// can underflow to 0, which is then the correctly rounded value.
    package mutating func gamma(shape a: Double) -> Double {
        precondition(a > 0 && a.isFinite, "gamma shape must be positive and finite")
        if a < 1 {
            return gamma(shape: a + 1) * Elementary.pow(uniform(), 1 / a)
        }
        let d = a - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let cube = 1 + c * x
            if cube <= 0 { continue }
            let v = cube * cube * cube
            let u = uniform()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if Elementary.log(u) < 0.5 * x2 + d * (1 - v + Elementary.log(v)) { return d * v }
        }
    }

    /// A chi variate with k > 0 degrees of freedom (the norm of a k-dimensional standard normal vector when
    /// k is an integer): sqrt(2 * Gamma(k / 2)).
    package mutating func chi(degreesOfFreedom k: Double) -> Double {
        precondition(k > 0 && k.isFinite, "chi degrees of freedom must be positive and finite")
        return (2 * gamma(shape: 0.5 * k)).squareRoot()
    }
}
