extension Elementary {
    /// x^y as e^(y log x) with log x carried to 2^-59 and y log x formed exactly (README.md, "pow"):
    /// the error is below 0.52 + |y log x| / 64 ulp, under 1 ulp while |y log x| < 30.
    ///
    /// Special values as C99 Annex F: x^0 = 1 and 1^y = 1 (even for nan); 0^y and inf^y by the sign of
    /// y and whether y is an odd integer; (-1)^(+-inf) = 1; x^(+-inf) by |x| against 1; negative x
    /// needs an integer y (nan otherwise), with the sign of (-1)^y.
    public static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        let integer = y.rounded(.towardZero) == y
        let odd = integer && abs(y) < 0x1p53 && Int64(y) & 1 == 1
        if x == 0 || x.isInfinite {
            // |x|^y is 0 or inf; the sign of x survives only for odd integer y.
            let magnitude: Double = (x == 0) == (y < 0) ? .infinity : 0
            return odd && x.sign == .minus ? -magnitude : magnitude
        }
        if y.isInfinite {
            if x == -1 { return 1 }
            return (abs(x) < 1) == (y < 0) ? .infinity : 0
        }
        if x < 0 && !integer { return .nan }
        let sign: Double = x < 0 && odd ? -1 : 1
        let (logHi, logLo) = logExtended(abs(x))
        let zHi = y * logHi
        guard abs(zHi) <= 746 else { return sign * (zHi > 0 ? .infinity : 0) }
        let (z, zProduct) = DoubleDouble.twoProduct(y, logHi)
        let (k, hi, lo) = expReduced(z, tail: zProduct + y * logLo)
        return sign * scaled(hi + lo, k)
    }
}
