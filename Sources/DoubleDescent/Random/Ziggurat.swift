import DDElementary

/// The layer table of the ziggurat for the standard normal (Marsaglia & Tsang, "The Ziggurat Method for
/// Generating Random Variables", J. Stat. Softw. 5(8), 2000), with N = 256 layers, for the unnormalised
/// half density f(x) = exp(-x^2 / 2) on x >= 0.
///
/// Layer i (1 <= i < N) is the rectangle [0, x[i]] x [f(x[i]), f(x[i+1])]; layer 0 is the rectangle
/// [0, r] x [0, f(r)] together with the tail x > r, drawn as a strip of pseudo-width x[0] = v / f(r).
/// All N layers have the same area v, which makes the layer index uniform.
enum NormalZiggurat {
    static let layerCount = 256

    /// Start of the tail, the root of the closure condition for 256 layers (Marsaglia & Tsang 2000).
    static let r = 3.6541528853610088

    /// Common layer area: the base rectangle plus the tail, v = r f(r) + sqrt(pi/2) erfc(r / sqrt 2).
    static let v = r * Elementary.exp(-0.5 * r * r) + (0.5 * Double.pi).squareRoot() * Elementary.erfc(r / 2.0.squareRoot())

    /// Layer edges x[0] = v / f(r) > x[1] = r > ... > x[N-1] > x[N] = 0, from the recursion
    /// f(x[i+1]) = f(x[i]) + v / x[i] that gives every layer the area v.
    static let x: [Double] = {
        var x = [Double](repeating: 0, count: layerCount + 1)
        x[0] = v / Elementary.exp(-0.5 * r * r)
        x[1] = r
        for i in 1 ..< layerCount - 1 {
            x[i + 1] = (-2 * Elementary.log(Elementary.exp(-0.5 * x[i] * x[i]) + v / x[i])).squareRoot()
        }
        return x
    }()

    /// Layer heights f[i] = f(x[i]) for 1 <= i <= N, with f[N] = f(0) = 1 (f[0] is unused).
    static let f: [Double] = x.map { Elementary.exp(-0.5 * $0 * $0) }

    /// `x` and `f` as raw pointers, made once and never freed, for the hot loop: no bounds checks,
    /// no reference counting, one lazy-global check per fill instead of per draw.
    static let tables: (x: UnsafePointer<Double>, f: UnsafePointer<Double>) = {
        func copy(_ values: [Double]) -> UnsafePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: values.count)
            p.initialize(from: values, count: values.count)
            return UnsafePointer(p)
        }
        return (copy(x), copy(f))
    }()
}

extension RandomStream {
    /// A standard normal variate by the Marsaglia–Tsang ziggurat with 256 layers.
    ///
    /// One 64-bit draw supplies three disjoint, hence independent, bit fields: the layer index (bits 0-7),
    /// the sign (bit 8) and a 53-bit uniform u in [0, 1) (bits 11-63). This avoids the dependence
    /// between index and abscissa that Doornik ("An improved ziggurat method to generate normal random
    /// samples", 2005) found in the original 32-bit code. The candidate x = u x[i] is accepted at once
    /// when it lies under the next layer's edge (about 99% of draws); otherwise the wedge is decided by a
    /// second uniform against exp(-x^2/2), and layer 0 falls through to Marsaglia's exact tail method.
    /// The result is exact up to the rounding of the table entries.
    package mutating func normal() -> Double {
        let (x, f) = NormalZiggurat.tables
        return normal(x: x, f: f)
    }

    /// Fills `buffer` with independent standard normal variates, in the order `normal()` would give them.
    ///
    /// The common case (about 99% of draws) runs in `fillRectangles`, a loop with no calls and no
    /// data-dependent branch but the rare exit, so the generator state, the index and the pointers stay
    /// in registers (with the rare paths in the same loop, the compiler kept the index on the stack, and
    /// the sign was a branch: see `withSign`). A draw that misses
    /// its rectangle is finished here by `normal(rejected:)`, which consumes the stream exactly as
    /// `normal()` would.
    package mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        let (x, f) = NormalZiggurat.tables
        var next = 0
        while true {
            let (reached, missed) = fillRectangles(base, from: next, count: buffer.count, x: x)
            guard let bits = missed else { return }
            base[reached] = normal(rejected: bits, x: x, f: f)
            next = reached + 1
        }
    }

    /// The ziggurat's accept-at-once step for `base[start..<count]`, until a draw misses its rectangle:
    /// returns the index reached and that draw's bits (nil when every slot is filled).
    @inline(never)
    private mutating func fillRectangles(_ base: UnsafeMutablePointer<Double>, from start: Int, count: Int,
                                         x: UnsafePointer<Double>) -> (reached: Int, missed: UInt64?) {
        var stream = self
        defer { self = stream }
        var i = start
        while i < count {
            let bits = stream.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let candidate = Double(bits &>> 11) * 0x1p-53 * x[layer]
            if candidate >= x[layer + 1] { return (i, bits) }
            base[i] = Self.withSign(candidate, bits: bits)
            i += 1
        }
        return (count, nil)
    }

    /// `candidate` (>= 0), negated when bit 8 of `bits` is set: the bit is moved onto the sign bit, with
    /// no branch. (A branch on a fair coin is mispredicted half the time; as `sign * candidate` or
    /// `bit ? -candidate : candidate` the compiler emitted one, and it took about half of a fill.)
    @inline(__always)
    private static func withSign(_ candidate: Double, bits: UInt64) -> Double {
        Double(bitPattern: candidate.bitPattern ^ ((bits & 0x100) &<< 55))
    }

    /// The ziggurat step with the tables already in hand.
    @inline(__always)
    private mutating func normal(x: UnsafePointer<Double>, f: UnsafePointer<Double>) -> Double {
        while true {
            let bits = next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let candidate = Double(bits &>> 11) * 0x1p-53 * x[layer]
            if candidate < x[layer + 1] { return Self.withSign(candidate, bits: bits) }
            if let value = wedgeOrTail(bits: bits, candidate: candidate, x: x, f: f) { return value }
        }
    }

    /// Finishes a draw whose 64 bits fell outside their layer's rectangle, then draws afresh until one
    /// is accepted: exactly how `normal()` continues after such a draw.
    @inline(never)
    private mutating func normal(rejected bits: UInt64, x: UnsafePointer<Double>, f: UnsafePointer<Double>) -> Double {
        let candidate = Double(bits &>> 11) * 0x1p-53 * x[Int(truncatingIfNeeded: bits & 0xFF)]
        if let value = wedgeOrTail(bits: bits, candidate: candidate, x: x, f: f) { return value }
        return normal(x: x, f: f)
    }

    /// The rare paths for a candidate outside its rectangle: layer 0 goes to the exact tail; another
    /// layer's wedge is decided by a second uniform against exp(-x^2/2) (nil: rejected, draw again).
    @inline(__always)
    private mutating func wedgeOrTail(bits: UInt64, candidate: Double, x: UnsafePointer<Double>,
                                      f: UnsafePointer<Double>) -> Double? {
        let layer = Int(truncatingIfNeeded: bits & 0xFF)
        let sign: Double = bits & 0x100 == 0 ? 1 : -1
        if layer == 0 { return sign * normalTail() }
        let height = f[layer] + uniform() * (f[layer + 1] - f[layer])
        return height < Elementary.exp(-0.5 * candidate * candidate) ? sign * candidate : nil
    }

    /// A normal variate conditioned on exceeding r (Marsaglia, "Generating a variable from the tail of the
    /// normal distribution", Technometrics 6, 1964): a = Exp(1) / r is accepted with probability
    /// exp(-a^2/2), which turns the density exp(-r a) into exp(-(r + a)^2 / 2) up to a constant.
    mutating func normalTail() -> Double {
        let r = NormalZiggurat.r
        while true {
            let a = -Elementary.log(uniform()) / r
            let b = -Elementary.log(uniform())
            if 2 * b > a * a { return r + a }
        }
    }
}
