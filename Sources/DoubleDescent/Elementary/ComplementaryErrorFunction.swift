extension Elementary {
    /// erfc x = 1 - erf x (README.md, "erfc"): erfc(-inf) = 2, erfc(+inf) = 0, nan stays nan.
    ///
    /// - |x| < 1/2: 1 - x P(x^2), erf x = x P(x^2) carried as hi + lo (erf reaches 0.52, erfc falls to
    ///   0.48: a rounded erf would cost an ulp of erfc).
    /// - x in [1/2, 27.3]: e^(-x^2) F(x) with F(x) = e^(x^2) erfc x from a polynomial in x - 7/8 or
    ///   x - 13/8 below 2, and from Laplace's continued fraction (DLMF 7.9.2)
    ///   F(x) = (1/sqrt pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) from 2 on, truncated after
    ///   N = 8 + 280/x^2 levels (the tail is below 2e-18 relative, checked with mpmath on [2, 6]).
    ///   e^(-x^2) is e^(-z^2 + (z - x)(z + x)) with z = x cut to 26 bits, so z^2 is exact.
    /// - x > 27.3: 0 (erfc 27.3 < 2^-1075); x <= -1/2: 2 - erfc(-x).
    public static func erfc(_ x: Double) -> Double {
        let a = abs(x)
        if a < 0.5 {
            let (erf, erfLo) = times(x, polynomialExtended(erfSeries, c0Lo: 1.1031763979434286e-17, x * x))
            let (s, e) = DoubleDouble.twoSum(1, -erf)
            return s + (e - erfLo)
        }
        if x < 0 { return 2 - erfc(-x) }
        guard x <= 27.3 else { return x.isNaN ? x : 0 }
        let z = Double(bitPattern: x.bitPattern & 0xFFFF_FFFF_F800_0000)
        let (k, hi, lo) = expReduced(-z * z, tail: (z - x) * (z + x))
        let (f, fLo) = scaledComplement(x)
        let (p, pLo) = DoubleDouble.twoProduct(hi, f)
        return scaled(p + (pLo + (hi * fLo + lo * f)), k)
    }

    /// F(x) = e^(x^2) erfc x as hi + lo for x >= 1/2: the polynomials' constant terms, the continued
    /// fraction's last level and the final quotient carried exactly.
    static func scaledComplement(_ x: Double) -> (hi: Double, lo: Double) {
        if x < 1.25 { return polynomialExtended(scaledComplementNear7Over8, c0Lo: -1.9656455390174476e-17, x - 0.875) }
        if x < 2 { return polynomialExtended(scaledComplementNear13Over8, c0Lo: -7.455223096525382e-18, x - 1.625) }
        let oneOverSqrtPiHi = 0.5641895835477563, oneOverSqrtPiLo = 7.66772980658294e-18
        var t = x
        for level in stride(from: 8 + Int(280 / (x * x)), through: 2, by: -1) { t = x + 0.5 * Double(level) / t }
        let (q, qLo) = DoubleDouble.quotient(0.5, 0, t, 0)
        let (t0, t0Lo) = DoubleDouble.twoSum(x, q)
        return DoubleDouble.quotient(oneOverSqrtPiHi, oneOverSqrtPiLo, t0, t0Lo + qLo)
    }

    /// P(z) = erf(sqrt z) / sqrt z on [0, 1/4]: Chebyshev interpolant, 9 terms, relative error 2.1e-17
    /// (scripts/reference/elementary_coefficients.py).
    static let erfSeries: [Double] = [
        1.1283791670955126, -0.37612638903183476, 0.11283791670925353, -0.026866170632887928,
        0.00522397737302147, -0.0008548297753674966, 0.00012053335124353741, -1.4845849259707869e-05,
        1.4725865480556744e-06,
    ]

    /// F(7/8 + t) on [-3/8, 3/8]: Chebyshev interpolant, 16 terms, relative error 5.8e-17 (the constant
    /// term's remainder is passed to polynomialExtended where it is used).
    static let scaledComplementNear7Over8: [Double] = [
        0.464311583202669, -0.3158338964908418, 0.18795692377318343, -0.10091439212620511,
        0.04982841533122216, -0.022925811484455237, 0.009922776769590946, -0.004069537665061771,
        0.0015904825816719737, -0.0005950810820218508, 0.00021396106885577818, -7.415897873670597e-05,
        2.4813862578236507e-05, -8.055394169675349e-06, 2.6756701916034212e-06, -8.178793859368783e-07,
    ]

    /// F(13/8 + t) on [-3/8, 3/8]: Chebyshev interpolant, 14 terms, relative error 7.2e-17.
    static let scaledComplementNear13Over8: [Double] = [
        0.30226120936348594, -0.14603023666418335, 0.06496207478417834, -0.026977910093249322,
        0.010561485442423916, -0.00392619850073242, 0.0013938042459434039, -0.000474647565976947,
        0.00015562644275927165, -4.927939871192791e-05, 1.5099518336215553e-05, -4.4930669928436464e-06,
        1.3512787165173065e-06, -3.800687020466049e-07,
    ]
}
