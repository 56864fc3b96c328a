extension Elementary {
    /// c[0] + c[1] t + c[2] t^2 + ... by Horner's rule, in this fixed order.
    @inline(__always)
    static func polynomial(_ c: [Double], _ t: Double) -> Double {
        var sum = c[c.count - 1]
        for i in stride(from: c.count - 2, through: 0, by: -1) { sum = c[i] + t * sum }
        return sum
    }

    /// The same polynomial as hi + lo, its constant term taken as c[0] + c0Lo and the last step
    /// c0 + t (c[1] + ...) carried exactly, so the result is not rounded where the constant dominates.
    @inline(__always)
    static func polynomialExtended(_ c: [Double], c0Lo: Double, _ t: Double) -> (hi: Double, lo: Double) {
        var sum = c[c.count - 1]
        for i in stride(from: c.count - 2, through: 1, by: -1) { sum = c[i] + t * sum }
        let (p, pLo) = DoubleDouble.twoProduct(t, sum)
        let (s, sLo) = DoubleDouble.twoSum(c[0], p)
        return (s, sLo + (pLo + c0Lo))
    }
}
