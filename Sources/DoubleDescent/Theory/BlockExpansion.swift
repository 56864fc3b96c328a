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
    /// Terms kept in every series.
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
        // Moments m_j = sum e^j and, with weights, sum w^2 e^j (j = 0 ... terms), four lanes at a time.
        var moments = [SIMD4<Double>](repeating: .zero, count: 2 * (terms + 1))
        for b in 0..<blocks {
            let range = b * size..<min((b + 1) * size, s.count)
            guard let center = Self.center(s[range]) else { continue }
            centers[b] = center
            moments.withUnsafeMutableBufferPointer { m in
                for j in m.indices { m[j] = .zero }
                for start in stride(from: range.lowerBound, to: range.upperBound, by: 4) {
                    // Lanes past the end of the block count nothing (keep = 0).
                    var e = SIMD4<Double>.zero, a = e, keep = e
                    for k in 0..<min(4, range.upperBound - start) {
                        e[k] = (s[start + k] - center) / center
                        a[k] = w.map { $0[start + k] * $0[start + k] } ?? 0
                        keep[k] = 1
                    }
                    var power = keep
                    for j in 0...terms {
                        m[j] += power
                        m[terms + 1 + j].addProduct(a, power)
                        power *= e
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

        /// sum_j c[base + j] u^j over the block's `terms` coefficients, as even and odd halves in
        /// u^2 (two independent Horner chains, half the latency of one).
        @inline(__always)
        private static func polynomial<V: SIMD>(_ c: UnsafeBufferPointer<V>, base: Int, u: Double) -> V
        where V.Scalar == Double {
            let terms = BlockExpansion.terms, v = u * u
            var even = c[base + terms - 2], odd = c[base + terms - 1]
            for j in stride(from: terms - 4, through: 0, by: -2) {
                even = c[base + j].addingProduct(even, v)
                odd = c[base + j + 1].addingProduct(odd, v)
            }
            return even.addingProduct(odd, u)
        }
    }
}
