extension Elementary {
    /// e^x with error below 0.52 ulp for normal results (README.md, "exp and expm1").
    ///
    /// x = (64 k + j) ln2/64 + r with |r| <= ln2/128, e^x = 2^k 2^(j/64) e^r, e^r - 1 by its Taylor
    /// polynomial of degree 6. Overflows to +inf above 709.78, underflows to 0 below -745.13; nan stays nan.
    public static func exp(_ x: Double) -> Double {
        guard abs(x) <= 746 else { return x.isNaN ? x : (x > 0 ? .infinity : 0) }
        let (k, hi, lo) = expReduced(x, tail: 0)
        return scaled(hi + lo, k)
    }

    /// e^x - 1, accurate near 0 (error below 0.52 ulp; README.md, "exp and expm1").
    ///
    /// For |x| <= ln2/128 the Taylor polynomial itself; otherwise 2^k 2^(j/64) (1 + p(r)) - 1 with the
    /// subtraction of 1 and the leading products carried exactly (DoubleDouble), so that no cancellation
    /// is rounded. -1 below -40 (where e^x < 2^-57), e^x above 40.
    public static func expm1(_ x: Double) -> Double {
        guard abs(x) <= 40 else { return x.isNaN ? x : (x > 0 ? exp(x) : -1) }
        if abs(x) < 0x1p-54 { return x }  // keeps -0 and subnormals exact
        let (hi, lo) = expm1Extended(x)
        return hi + lo
    }

    /// e^x - 1 as hi + lo (normalized: hi = fl(hi + lo)), unrounded, for |x| <= 40 (for tanh, which divides it).
    static func expm1Extended(_ x: Double) -> (hi: Double, lo: Double) {
        let (n, rHi, rLo) = reduced(x, tail: 0)
        if n == 0 { return DoubleDouble.fastTwoSum(x, taylorExpm1Tail(x)) }
        let k = n >> 6, j = n & 63
        let tHi = twoToTheJOver64[2 * j], tLo = twoToTheJOver64[2 * j + 1]
        let r = rHi + rLo
        let q = taylorExpm1Tail(r)
        let twoK = powerOfTwo(k)
        // With p = e^r - 1 = r + q: 2^k (tHi + tLo)(1 + p) - 1
        //   = [2^k tHi - 1] + 2^k tHi rHi + 2^k (tHi (rLo + q) + tLo (1 + p)).
        let (s, e) = DoubleDouble.twoSum(twoK * tHi, -1)
        let (ph, pl) = DoubleDouble.twoProduct(tHi, rHi)
        let (s2, e2) = DoubleDouble.twoSum(s, twoK * ph)
        let small = pl + tHi * (rLo + q) + tLo * (1 + (r + q))
        return DoubleDouble.fastTwoSum(s2, e + e2 + twoK * small)
    }

    /// (k, hi, lo) with e^(x + tail) = 2^k (hi + lo), hi = 2^(j/64) rounded, |lo| < 0.011 hi,
    /// for |x| <= 746 and |tail| <= 2^-40 |x| (the low part of an argument known to more than 53 bits).
    @inline(__always)
    static func expReduced(_ x: Double, tail: Double) -> (k: Int, hi: Double, lo: Double) {
        let (n, rHi, rLo) = reduced(x, tail: tail)
        let j = n & 63
        let tHi = twoToTheJOver64[2 * j], tLo = twoToTheJOver64[2 * j + 1]
        let p = taylorExpm1(rHi + rLo)
        return (n >> 6, tHi, tLo + tHi * p + tLo * p)
    }

    /// n = round(64 x / ln2) and r = x - n ln2/64 + tail as rHi + rLo: rHi = x - n c1 is exact
    /// (n c1 has at most 53 bits since c1 has 36 and |n| < 2^17, and Sterbenz's lemma applies),
    /// rLo = tail - n c2; c1 + c2 = ln2/64 to 2^-95 (scripts/reference/elementary_coefficients.py).
    @inline(__always)
    static func reduced(_ x: Double, tail: Double) -> (n: Int, rHi: Double, rLo: Double) {
        let sixtyFourOverLn2 = 92.33248261689366
        let c1 = 0.010830424696223417, c2 = 2.572804622327669e-14
        // Adding and removing 1.5 * 2^52 rounds to the nearest integer (|64 x / ln2| < 2^51).
        let shifter = 6_755_399_441_055_744.0
        let nf = (x * sixtyFourOverLn2 + shifter) - shifter
        return (Int(nf), x - nf * c1, tail - nf * c2)
    }

    /// e^r - 1 = r + r^2/2! + ... + r^6/6! for |r| <= 0.0055: the omitted terms are below
    /// |r| 0.0055^6 / 7! < 5.5e-18 |r|, a twentieth of an ulp.
    @inline(__always)
    static func taylorExpm1(_ r: Double) -> Double { r + taylorExpm1Tail(r) }

    /// e^r - 1 - r, the terms of degree 2 to 6 of `taylorExpm1`.
    @inline(__always)
    static func taylorExpm1Tail(_ r: Double) -> Double {
        let r2 = r * r
        let inner = (1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720)
        return r2 * ((0.5 + r * (1.0 / 6)) + r2 * inner)
    }

    /// v 2^k, rounded once, for v in [0.5, 4) and -1100 < k < 1100: overflows to inf, and rounds
    /// gradual underflow once (v 2^(k + 1000) is exact, the product by 2^-1000 rounds).
    @inline(__always)
    static func scaled(_ v: Double, _ k: Int) -> Double {
        if k > 1023 { return v * 0x1p1023 * powerOfTwo(k - 1023) }
        if k < -1021 { return v * powerOfTwo(k + 1000) * 0x1p-1000 }
        return v * powerOfTwo(k)
    }

    /// 2^e for -1022 <= e <= 1023, from its bits.
    @inline(__always)
    static func powerOfTwo(_ e: Int) -> Double { Double(bitPattern: UInt64(e + 1023) << 52) }
}
