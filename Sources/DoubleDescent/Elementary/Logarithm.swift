extension Elementary {
    /// The natural logarithm, error below 1 ulp (README.md, "log and log1p").
    ///
    /// x = 2^k m with m in [sqrt(2)/2, sqrt(2)), f = m - 1 (exact), s = f / (2 + f), and
    /// log(1 + f) = 2 atanh(s) = f - (f^2/2 - s (f^2/2 + R)), R = s^2 g(s^2). log(0) = -inf, log of a
    /// negative number or nan is nan, log(+inf) = +inf; subnormal x are exact inputs.
    public static func log(_ x: Double) -> Double {
        guard x > 0, x < .infinity else { return x == 0 ? -.infinity : (x == .infinity ? x : .nan) }
        let (k, m) = binade(x)
        return logOnePlus(m - 1, k: Double(k), correction: 0)
    }

    /// log(1 + x), accurate near 0 (error below 1 ulp; README.md, "log and log1p").
    ///
    /// u = 1 + x is formed with its rounding error c (TwoSum), so log(1 + x) = log(u) + c/u to far
    /// below an ulp; c/u joins the low-order part of the same kernel as `log`.
    public static func log1p(_ x: Double) -> Double {
        guard x > -1, x < .infinity else { return x == -1 ? -.infinity : (x == .infinity ? x : .nan) }
        if abs(x) < 0x1p-54 { return x }
        let (u, c) = DoubleDouble.twoSum(1, x)
        let (k, m) = binade(u)
        return logOnePlus(m - 1, k: Double(k), correction: c / u)
    }

    /// k ln2 + log(1 + f) + correction for |f| <= sqrt(2) - 1 and |correction| < 2^-50 (fdlibm's
    /// arrangement of the terms, so that f enters last and unrounded).
    @inline(__always)
    static func logOnePlus(_ f: Double, k: Double, correction: Double) -> Double {
        let ln2Hi = 0.6931471805598903, ln2Lo = 5.497923018708371e-14
        let s = f / (2 + f)
        let z = s * s
        let r = z * atanhSeries(z)
        let halfSquare = 0.5 * f * f
        return k * ln2Hi - ((halfSquare - (s * (halfSquare + r) + (k * ln2Lo + correction))) - f)
    }

    /// log x as hi + lo with relative error below 2^-59 (README.md, "Extended logarithm"), for pow and
    /// lgamma, whose results multiply log x by large numbers. x must be positive and finite.
    ///
    /// s = f/(2 + f) is carried as sHi + sLo: the numerator f - sHi (2 + f) is formed exactly
    /// (Sterbenz's lemma twice, and TwoProduct for sHi f), then log(1 + f) = 2 sHi + (2 sLo + sHi R).
    static func logExtended(_ x: Double) -> (hi: Double, lo: Double) {
        let ln2Hi = 0.6931471805598903, ln2Lo = 5.497923018708371e-14
        let (k, m) = binade(x)
        let f = m - 1
        let d = 2 + f
        let sHi = f / d
        let (p, pLo) = DoubleDouble.twoProduct(sHi, f)
        let sLo = (((f - 2 * sHi) - p) - pLo) / d
        let z = sHi * sHi
        let r = z * atanhSeries(z)
        let kf = Double(k)
        let (hi, e) = DoubleDouble.twoSum(kf * ln2Hi, 2 * sHi)
        let lo = e + (kf * ln2Lo + (2 * sLo + (sHi + sLo) * r))
        return DoubleDouble.fastTwoSum(hi, lo)
    }

    /// g(z) = (2 atanh(sqrt z)/sqrt z - 2)/z = 2/3 + 2z/5 + 2z^2/7 + ... on [0, (3 - 2 sqrt 2)^2]:
    /// the Chebyshev interpolant with 8 terms (scripts/reference/elementary_coefficients.py), relative
    /// error 5.6e-17, so 2 atanh(s) = 2s + s z g(z) is off by less than 2^-60 relative.
    @inline(__always)
    static func atanhSeries(_ z: Double) -> Double {
        let g0 = 0.6666666666666666, g1 = 0.4000000000000088, g2 = 0.2857142857080361
        let g3 = 0.22222222391714783, g4 = 0.18181795640040438, g5 = 0.15386239707844115
        let g6 = 0.1326877300396345, g7 = 0.13086627556452163
        let z2 = z * z
        return (g0 + z * g1) + z2 * ((g2 + z * g3) + z2 * ((g4 + z * g5) + z2 * (g6 + z * g7)))
    }

    /// (k, m) with x = 2^k m exactly and m in [sqrt(2)/2, sqrt(2)), for positive finite x (subnormals
    /// are scaled by 2^54 first), read from the bits.
    @inline(__always)
    static func binade(_ x: Double) -> (k: Int, m: Double) {
        let normal = x >= 0x1p-1022
        let bits = (normal ? x : x * 0x1p54).bitPattern
        var k = Int(bits >> 52) - 1023 - (normal ? 0 : 54)
        var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        if m >= 1.4142135623730951 {
            m *= 0.5
            k += 1
        }
        return (k, m)
    }
}
