extension Elementary {
    /// tanh x from expm1 (README.md, "tanh"): with T = expm1(-2|x|), tanh|x| = -T / (T + 2) for
    /// |x| < 1 (no cancellation: T + 2 > 1.13), and 1 - 2 / (expm1(2|x|) + 2) above, T, the sum and
    /// the quotient all carried as hi + lo and rounded once; +-1 from 20 on (1 - tanh 20 < 2^-56),
    /// x itself below 2^-28 (the cubic term is below 2^-57 relative); odd, so -0 stays -0; nan stays nan.
    public static func tanh(_ x: Double) -> Double {
        let a = abs(x)
        guard a < 20 else { return x.isNaN ? x : (x > 0 ? 1 : -1) }
        if a < 0x1p-28 { return x }
        let value: Double
        if a < 1 {
            let (t, tLo) = expm1Extended(-2 * a)
            let (d, dLo) = DoubleDouble.twoSum(2, t)
            let (q, qLo) = DoubleDouble.quotient(-t, -tLo, d, dLo + tLo)
            value = q + qLo
        } else {
            let (t, tLo) = expm1Extended(2 * a)
            let (d, dLo) = DoubleDouble.twoSum(2, t)
            let (q, qLo) = DoubleDouble.quotient(2, 0, d, dLo + tLo)
            let (s, e) = DoubleDouble.twoSum(1, -q)
            value = s + (e - qLo)
        }
        return x < 0 ? -value : value
    }
}
