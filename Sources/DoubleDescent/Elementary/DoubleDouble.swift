/// Error-free transformations (Dekker 1971; Knuth, TAOCP 2, 4.2.2): a sum or product of doubles
/// as an unevaluated pair hi + lo, exact, with plain IEEE operations only (no fused multiply-add,
/// whose availability depends on the CPU).
enum DoubleDouble {
    /// s + e = a + b exactly, s = fl(a + b) (Knuth's TwoSum, any order of magnitude).
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// s + e = a + b exactly when |a| >= |b| or a == 0 (Dekker's FastTwoSum).
    @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    /// p + e = a b exactly (Dekker's product with Veltkamp's split into 26-bit halves), barring
    /// overflow: |a|, |b| < 2^995 and no underflow of the partial products.
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let p = a * b
        let (ah, al) = split(a), (bh, bl) = split(b)
        return (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }

    /// a = hi + lo with hi holding the leading 26 bits (Veltkamp: c = (2^27 + 1) a).
    @inline(__always)
    static func split(_ a: Double) -> (hi: Double, lo: Double) {
        let c = 134_217_729.0 * a
        let hi = c - (c - a)
        return (hi, a - hi)
    }

    /// (aHi + aLo) / (bHi + bLo) as hi + lo, to about 2^-104 relative (one Newton correction of the
    /// double quotient, its residual formed exactly by TwoProduct).
    @inline(__always)
    static func quotient(_ aHi: Double, _ aLo: Double, _ bHi: Double, _ bLo: Double) -> (hi: Double, lo: Double) {
        let q = aHi / bHi
        let (p, pLo) = twoProduct(q, bHi)
        return (q, (((aHi - p) - pLo) + aLo - q * bLo) / bHi)
    }
}
