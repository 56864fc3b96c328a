/// Each block of `SpectralSums.blockSize` eigenvalues whose values lie close together, summed in
/// O(1) per pass instead of O(block size) (docs/MATH.md, "Block expansions").
///
/// For a block with centre c and relative offsets e_i = (s_i - c)/c, |e_i| <= delta, and any
/// lambda >= 0, write R = 1/(c + lambda) and t = c R in (0, 1]. Then
/// r_i = 1/(s_i + lambda) = R / (1 + t e_i), and since |t e_i| <= delta < 1,
///
///     sum_i a_i r_i^k = R^k sum_j C(j + k - 1, j) (-t)^j sum_i a_i e_i^j,
///
/// a power series in t whose coefficients (moments of the offsets) do not depend on lambda.
/// With s_i = c (1 + e_i) the sums with a factor s_i use the moments of (1 + e_i) e_i^j. For
/// delta <= `maxOffset`, `terms` terms leave a relative remainder below eps/16 for every sum a
/// pass takes (k <= 3, a_i >= 0), whatever lambda is, so the expansion replaces the block's loop
/// with one evaluation of a few polynomials of degree `terms - 1`. Blocks whose values spread
/// wider (a large block-to-block ratio, or the head of a power law) are summed term by term.
struct BlockExpansion {
    /// Terms kept in every series (`View.polynomial` is written for 16).
    static let terms = 16
    /// The largest relative offset |s_i - c|/c of an expanded block.
    static let maxOffset = 1.0 / 16
    /// Below this dimension building the expansions does not pay for itself.
    static let minimumDimension = 4 * SpectralSums.blockSize

    /// Per block: the centre c, or 0 for a block summed term by term.
    private let centers: [Double]
    /// `terms` coefficient vectors per block (index block * terms + j), unweighted series
    /// [sum r, sum s r, sum s r^2, sum s r^3], binomial factors included.
    private let plain: [SIMD4<Double>]
    /// The same for the weights a_i = w_i^2: [sum w^2 r, sum w^2 r^2, sum s w^2 r^2, sum w^2 r^3,
    /// sum s w^2 r^3, 0, 0, 0]; empty without weights.
    private let weighted: [SIMD8<Double>]

    /// nil when no block can be expanded or d is below `minimumDimension`.
    init?(eigenvalues s: [Double], weights w: [Double]?) {
        let size = SpectralSums.blockSize, terms = Self.terms
        guard s.count >= Self.minimumDimension else { return nil }
        precondition(w == nil || w!.count == s.count)
        let blocks = (s.count + size - 1) / size
        var centers = [Double](repeating: 0, count: blocks)
        var plain = [SIMD4<Double>](repeating: .zero, count: blocks * terms)
        var weighted = [SIMD8<Double>](repeating: .zero, count: w == nil ? 0 : blocks * terms)
        // Moments m_j = sum e^j and, with weights, sum w^2 e^j (j = 0 ... terms), four lanes each.
        var moments = [SIMD4<Double>](repeating: .zero, count: 2 * (terms + 1))
        for b in 0..<blocks {
            let range = b * size..<min((b + 1) * size, s.count)
            guard let center = Self.center(s[range]) else { continue }
            centers[b] = center
            s.withUnsafeBufferPointer { s in
                moments.withUnsafeMutableBufferPointer { m in
                    if let w {
                        w.withUnsafeBufferPointer { Self.accumulateMoments(s, $0, range: range, center: center, into: m) }
                    } else {
                        Self.accumulateMoments(s, nil, range: range, center: center, into: m)
                    }
                }
            }
            for j in 0..<terms {
                // C(j + k - 1, j) for k = 1, 2, 3, and the moments of (1 + e) e^j.
                let k2 = Double(j + 1), k3 = Double((j + 1) * (j + 2) / 2)
                let plainJ = moments[j].sum(), shifted = plainJ + moments[j + 1].sum()
                plain[b * terms + j] = SIMD4(plainJ, shifted, k2 * shifted, k3 * shifted)
                if w != nil {
                    let m = moments[terms + 1 + j].sum(), shiftedW = m + moments[terms + 2 + j].sum()
                    weighted[b * terms + j] = SIMD8(m, k2 * m, k2 * shiftedW, k3 * m, k3 * shiftedW, 0, 0, 0)
                }
            }
        }
        guard centers.contains(where: { $0 > 0 }) else { return nil }
        self.centers = centers
        self.plain = plain
        self.weighted = weighted
    }

    /// Sets m[j] and m[terms + 1 + j] to lane sums of e^j and w^2 e^j over `range` (j = 0 ... terms),
    /// with e = (s - center)/center; padding lanes count nothing.
    private static func accumulateMoments(_ s: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>?,
                                          range: Range<Int>, center: Double,
                                          into m: UnsafeMutableBufferPointer<SIMD4<Double>>) {
        let terms = Self.terms, c = SIMD4<Double>(repeating: center)
        for j in m.indices { m[j] = .zero }
        var i = range.lowerBound
        while i < range.upperBound {
            var sv = c, a = SIMD4<Double>.zero, keep = a
            if i + 4 <= range.upperBound {
                sv = UnsafeRawPointer(s.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
                if let w { let wv = UnsafeRawPointer(w.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self); a = wv * wv }
                keep = .one
            } else {
                for k in 0..<(range.upperBound - i) {
                    sv[k] = s[i + k]
                    a[k] = w.map { $0[i + k] * $0[i + k] } ?? 0
                    keep[k] = 1
                }
            }
            let e = (sv - c) / c
            var power = keep
            for j in 0...terms {
                m[j] += power
                if w != nil { m[terms + 1 + j].addProduct(a, power) }
                power *= e
            }
            i += 4
        }
    }

    /// The midpoint of the block's range of values, if every value lies within `maxOffset` of it
    /// (relative). Then s_i - c is exact (Sterbenz), so e_i carries one rounding.
    private static func center(_ values: ArraySlice<Double>) -> Double? {
        guard let high = values.max(), let low = values.min(), low > 0, high.isFinite else { return nil }
        let center = 0.5 * high + 0.5 * low
        return (high - center) <= maxOffset * center && (center - low) <= maxOffset * center ? center : nil
    }

    /// Runs `body` with a view of the coefficients that the threads of a sweep read without
    /// reference counting.
    func withView<Result>(_ body: (View) -> Result) -> Result {
        centers.withUnsafeBufferPointer { c in
            plain.withUnsafeBufferPointer { p in
                weighted.withUnsafeBufferPointer { w in body(View(centers: c, plain: p, weighted: w)) }
            }
        }
    }

    struct View {
        let centers: UnsafeBufferPointer<Double>
        let plain: UnsafeBufferPointer<SIMD4<Double>>
        let weighted: UnsafeBufferPointer<SIMD8<Double>>

        /// The sums of block `b` at lambda in `SpectralSums`'s order (level, s r^2, s r^3, then with
        /// weights w^2 r, w^2 r^2, s w^2 r^2, w^2 r^3, s w^2 r^3), or nil for a block summed term
        /// by term. The level is lambda sum r (`deficit`) or sum s r.
        @inline(__always)
        func sums(block b: Int, lambda: Double, deficit: Bool, weighted withWeights: Bool) -> SIMD8<Double>? {
            let center = centers[b]
            guard center > 0 else { return nil }
            let terms = BlockExpansion.terms
            let r = 1 / (center + lambda), t = center * r, u = -t
            let base = b * terms
            let p = Self.polynomial(plain, base: base, u: u)
            let tr = t * r
            var out = SIMD8<Double>(deficit ? lambda * r * p[0] : t * p[1], tr * p[2], tr * r * p[3], 0, 0, 0, 0, 0)
            guard withWeights else { return out }
            let q = Self.polynomial(weighted, base: base, u: u)
            let r2 = r * r
            out[3] = r * q[0]
            out[4] = r2 * q[1]
            out[5] = tr * q[2]
            out[6] = r2 * r * q[3]
            out[7] = tr * r * q[4]
            return out
        }

        /// sum_j c[base + j] u^j over the block's 16 coefficients, as four Horner chains in u^4
        /// (one per residue of j mod 4) that run side by side, a quarter of one chain's latency.
        @inline(__always)
        private static func polynomial<V: SIMD>(_ coefficients: UnsafeBufferPointer<V>, base: Int, u: Double) -> V
        where V.Scalar == Double {
            let c = coefficients.baseAddress! + base
            let u2 = u * u, u4 = u2 * u2
            var a = c[12], b = c[13], e = c[14], f = c[15]
            var j = 8
            while j >= 0 {
                a = c[j].addingProduct(a, u4)
                b = c[j &+ 1].addingProduct(b, u4)
                e = c[j &+ 2].addingProduct(e, u4)
                f = c[j &+ 3].addingProduct(f, u4)
                j &-= 4
            }
            return a.addingProduct(b, u) + e.addingProduct(f, u) * u2
        }
    }
}
