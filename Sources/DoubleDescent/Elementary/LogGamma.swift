extension Elementary {
    /// log Gamma(x) for x > 0 (the library's domain; README.md, "logGamma"): +inf at 0 and +inf,
    /// nan for negative x and nan. Relative accuracy holds through the zeros at 1 and 2.
    ///
    /// - (0, 0.75): log Gamma(1 + x) - log x, with log Gamma(1 + x) from A or C below (x + 1 is never rounded).
    /// Every piece is carried as hi + lo (constant terms, the product by t, log x) and rounded once.
    /// - [0.75, 2.5): t A(t) at t = x - 1, C(t) at t = x - 1.5, t B(t) at t = x - 2 (each t exact).
    /// - [2.5, 10): log Gamma(y) + log((y)(y + 1)...(x - 1)) with y in [1.5, 2.5), the product and
    ///   its logarithm carried as hi + lo.
    /// - [10, inf): Stirling's series (x - 1/2) log x - x + log(2 pi)/2 + sum B_2k / (2k (2k - 1) x^(2k-1)),
    ///   k = 1..7 (remainder below 2e-17 at x = 10), summed as hi + lo.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0, x < .infinity else { return x == 0 || x == .infinity ? .infinity : .nan }
        if x < 0x1p-60 { return -log(x) }
        if x < 0.75 {
            let (g, gLo) = x < 0.25 ? times(x, polynomialExtended(logGammaA, c0Lo: logGammaA0Lo, x))
                : polynomialExtended(logGammaC, c0Lo: logGammaC0Lo, x - 0.5)
            let (logHi, logLo) = logExtended(x)
            let (s, e) = DoubleDouble.twoSum(-logHi, g)
            return s + (e + (gLo - logLo))
        }
        if x < 2.5 {
            let (g, gLo) = logGammaNearOneAndTwo(x)
            return g + gLo
        }
        if x < 10 {
            var y = x - 1
            var (product, productLo) = (y, 0.0)
            while y >= 2.5 {
                y -= 1
                let (p, e) = DoubleDouble.twoProduct(product, y)
                (product, productLo) = (p, e + productLo * y)
            }
            let (logHi, logLo) = logExtended(product)
            let (g, gLo) = logGammaNearOneAndTwo(y)
            let (s, e) = DoubleDouble.twoSum(logHi, g)
            return s + (e + (gLo + logLo + productLo / product))
        }
        return stirling(x)
    }

    /// log Gamma(x) as hi + lo for x in [0.75, 2.5), by the three polynomials.
    @inline(__always)
    static func logGammaNearOneAndTwo(_ x: Double) -> (hi: Double, lo: Double) {
        if x < 1.25 { return times(x - 1, polynomialExtended(logGammaA, c0Lo: logGammaA0Lo, x - 1)) }
        if x < 1.75 { return polynomialExtended(logGammaC, c0Lo: logGammaC0Lo, x - 1.5) }
        return times(x - 2, polynomialExtended(logGammaB, c0Lo: logGammaB0Lo, x - 2))
    }

    /// t (hi + lo) as hi + lo.
    @inline(__always)
    static func times(_ t: Double, _ v: (hi: Double, lo: Double)) -> (hi: Double, lo: Double) {
        let (p, pLo) = DoubleDouble.twoProduct(t, v.hi)
        return (p, pLo + t * v.lo)
    }

    /// Stirling's series for x >= 10, the leading terms as hi + lo so that their cancellation
    /// (x log x against x) is not rounded; above 2^990 the plain x (log x - 1) (its overflow is lgamma's).
    static func stirling(_ x: Double) -> Double {
        if x > 0x1p990 { return x * (log(x) - 1) }
        let halfLogTwoPiHi = 0.9189385332046728, halfLogTwoPiLo = -3.8782941580672414e-17
        let (logHi, logLo) = logExtended(x)
        let (a, aLo) = DoubleDouble.twoProduct(x, logHi)
        let (b, bLo) = DoubleDouble.twoSum(a, -x)
        let (c, cLo) = DoubleDouble.twoSum(b, -0.5 * logHi)
        let (d, dLo) = DoubleDouble.twoSum(c, halfLogTwoPiHi)
        let w = 1 / x
        let series = w * polynomial(stirlingCoefficients, w * w)
        let low = (aLo + x * logLo) + bLo + (cLo - 0.5 * logLo) + dLo + halfLogTwoPiLo + series
        return d + low
    }

    /// B_2k / (2k (2k - 1)) for k = 1..7: 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156.
    static let stirlingCoefficients: [Double] = [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360_360, 1.0 / 156,
    ]

    /// A(t) = log Gamma(1 + t) / t on [-1/4, 1/4] (A(0) = -Euler's gamma): Chebyshev interpolant, 18 terms,
    /// relative error 2.2e-17 (scripts/reference/elementary_coefficients.py).
    static let logGammaA: [Double] = [
        -0.5772156649015329, 0.8224670334241132, -0.4006856343865118, 0.2705808084277659,
        -0.20738555103704062, 0.1695571770053663, -0.14404989539914775, 0.12550966822194634,
        -0.11133437795839286, 0.10009956412404496, -0.09094888038181492, 0.0833489549978705,
        -0.07707008935287715, 0.07156378295603441, -0.06454275198836362, 0.06047931883873459,
        -0.076102724597224, 0.07198296711703481,
    ]

    /// C(t) = log Gamma(3/2 + t) on [-1/4, 1/4] (around the minimum at 1.4616): Chebyshev interpolant,
    /// 16 terms, relative error 4.8e-17.
    static let logGammaC: [Double] = [
        -0.12078223763524522, 0.03648997397857652, 0.46740110027234116, -0.1381327740390543,
        0.05871212641625463, -0.02895208188857112, 0.015435484235662433, -0.008622603970362077,
        0.0049657246984027605, -0.0029209678778614225, 0.001745175160365432, -0.0010550033177893206,
        0.0006410880201159736, -0.00039413010206369275, 0.00027012807002572525, -0.00016816792623728724,
    ]

    /// B(t) = log Gamma(2 + t) / t on [-1/4, 1/2] (B(0) = 1 - Euler's gamma): Chebyshev interpolant,
    /// 16 terms, relative error 3.1e-17.
    static let logGammaB: [Double] = [
        0.42278433509846713, 0.3224670334241132, -0.0673523010531987, 0.02058080842779627,
        -0.0073855510285893424, 0.002890510329445428, -0.0011927539149789584, 0.0005096695876662018,
        -0.0002231547656984365, 9.945606714996184e-05, -4.492347461303773e-05, 2.0520758823443544e-05,
        -9.491527319561812e-06, 4.377377341150306e-06, -1.7763458203801567e-06, 4.289232349812461e-07,
    ]

    /// The remainders of the constant terms of A, C and B (hi + lo carries about 107 bits of each).
    static let logGammaA0Lo = -2.6385124890567535e-18, logGammaC0Lo = -4.926934076085834e-18
    static let logGammaB0Lo = 5.565668973009114e-18
}
