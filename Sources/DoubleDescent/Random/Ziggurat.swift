import Foundation

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
    static let v = r * exp(-0.5 * r * r) + (0.5 * Double.pi).squareRoot() * erfc(r / 2.0.squareRoot())

    /// Layer edges x[0] = v / f(r) > x[1] = r > ... > x[N-1] > x[N] = 0, from the recursion
    /// f(x[i+1]) = f(x[i]) + v / x[i] that gives every layer the area v.
    static let x: [Double] = {
        var x = [Double](repeating: 0, count: layerCount + 1)
        x[0] = v / exp(-0.5 * r * r)
        x[1] = r
        for i in 1 ..< layerCount - 1 {
            x[i + 1] = (-2 * log(exp(-0.5 * x[i] * x[i]) + v / x[i])).squareRoot()
        }
        return x
    }()

    /// Layer heights f[i] = f(x[i]) for 1 <= i <= N, with f[N] = f(0) = 1 (f[0] is unused).
    static let f: [Double] = x.map { exp(-0.5 * $0 * $0) }

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
    public mutating func normal() -> Double {
        let (x, f) = NormalZiggurat.tables
        return normal(x: x, f: f)
    }

    /// Fills `buffer` with independent standard normal variates, in the order `normal()` would give them.
    /// The generator state is worked on in a local copy, which the compiler keeps in registers.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let (x, f) = NormalZiggurat.tables
        var stream = self
        for i in buffer.indices {
            buffer[i] = stream.normal(x: x, f: f)
        }
        self = stream
    }

    /// The ziggurat step with the tables already in hand: filling a design calls this in a tight loop,
    /// where looking the tables up per draw (a lazy global and bounds checks) cost a third of its time.
    @inline(__always)
    private mutating func normal(x: UnsafePointer<Double>, f: UnsafePointer<Double>) -> Double {
        while true {
            let bits = next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let sign: Double = bits & 0x100 == 0 ? 1 : -1
            let candidate = Double(bits &>> 11) * 0x1p-53 * x[layer]
            if candidate < x[layer + 1] { return sign * candidate }
            // The rare paths (about 1% of draws) work on a copy of the state, so that the state of
            // the common path is never address-taken and stays in registers.
            var rare = self
            defer { self = rare }
            if layer == 0 { return sign * rare.normalTail() }
            let height = f[layer] + rare.uniform() * (f[layer + 1] - f[layer])
            if height < exp(-0.5 * candidate * candidate) { return sign * candidate }
        }
    }

    /// A normal variate conditioned on exceeding r (Marsaglia, "Generating a variable from the tail of the
    /// normal distribution", Technometrics 6, 1964): a = Exp(1) / r is accepted with probability
    /// exp(-a^2/2), which turns the density exp(-r a) into exp(-(r + a)^2 / 2) up to a constant.
    mutating func normalTail() -> Double {
        let r = NormalZiggurat.r
        while true {
            let a = -log(uniform()) / r
            let b = -log(uniform())
            if 2 * b > a * a { return r + a }
        }
    }
}
