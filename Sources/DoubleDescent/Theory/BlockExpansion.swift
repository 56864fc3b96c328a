/// Runs of consecutive blocks of the spectrum (`SpectralSums.blockSize` eigenvalues each) whose
/// values lie close together, each summed in O(1) per pass instead of O(run length)
/// (docs/MATH.md, "Block expansions").
///
/// For a run ("node") with centre c and relative offsets e_i = (s_i - c)/c, |e_i| <= delta, and
/// any lambda >= 0, write R = 1/(c + lambda) and t = c R in (0, 1]. Then
/// r_i = 1/(s_i + lambda) = R / (1 + t e_i), and since |t e_i| <= delta < 1,
///
///     sum_i a_i r_i^k = R^k sum_j C(j + k - 1, j) (-t)^j sum_i a_i e_i^j,
///
/// a power series in t whose coefficients (moments of the offsets) do not depend on lambda.
/// With s_i = c (1 + e_i) the sums with a factor s_i use the moments of (1 + e_i) e_i^j. For
/// delta <= `maxOffset`, `terms` terms leave a relative remainder below eps/16 for every sum a
/// pass takes (k <= 3, a_i >= 0), whatever lambda is, so the expansion replaces the node's loops
/// with one evaluation of a few polynomials of degree `terms - 1`. The nodes are the maximal runs
/// of blocks that are narrow enough; blocks outside them (a steep part of the spectrum, the head
/// of a power law) are summed term by term.
struct BlockExpansion {
    /// Terms kept in every series (a multiple of 4, for `View.polynomial`).
    static let terms = 16
    /// The largest relative offset |s_i - c|/c in an expanded node.
    static let maxOffset = 1.0 / 16
    /// Below this dimension building the expansions does not pay for itself.
    static let minimumDimension = 4 * SpectralSums.blockSize

    /// The terms of a pass's pairwise sum, in index order: an expanded node (its index) or a
    /// block summed term by term (-1), with its range.
    let leaves: [(range: Range<Int>, node: Int)]
    /// The expanded nodes' centres, by node index.
    let centers: [Double]
    /// `terms` coefficient vectors per node (index node * terms + j), unweighted series
    /// [sum r, sum s r, sum s r^2, sum s r^3], binomial factors included.
    private let plain: [SIMD4<Double>]
    /// The same for the weights a_i = w_i^2: [sum w^2 r, sum w^2 r^2, sum s w^2 r^2, sum w^2 r^3,
    /// sum s w^2 r^3, 0, 0, 0]; empty without weights.
    private let weighted: [SIMD8<Double>]

    /// nil when no node can be expanded or d is below `minimumDimension`.
    init?(eigenvalues s: [Double], weights w: [Double]?) {
        guard s.count >= Self.minimumDimension else { return nil }
        precondition(w == nil || w!.count == s.count)
        let leaves = Self.leaves(s)
        let nodes = leaves.filter { $0.center != nil }.map { (range: $0.range, center: $0.center!) }
        guard !nodes.isEmpty else { return nil }
        let terms = Self.terms
        var plain = [SIMD4<Double>](repeating: .zero, count: nodes.count * terms)
        var weighted = [SIMD8<Double>](repeating: .zero, count: w == nil ? 0 : nodes.count * terms)
        for (k, node) in nodes.enumerated() {
            let m = Self.moments(s, w, range: node.range, center: node.center)
            for j in 0..<terms {
                // C(j + k - 1, j) for k = 1, 2, 3, and the moments of (1 + e) e^j.
                let k2 = Double(j + 1), k3 = Double((j + 1) * (j + 2) / 2)
                let shifted = m.plain[j] + m.plain[j + 1]
                plain[k * terms + j] = SIMD4(m.plain[j], shifted, k2 * shifted, k3 * shifted)
                if w != nil {
                    let a = m.weighted[j], shiftedW = a + m.weighted[j + 1]
                    weighted[k * terms + j] = SIMD8(a, k2 * a, k2 * shiftedW, k3 * a, k3 * shiftedW, 0, 0, 0)
                }
            }
        }
        centers = nodes.map(\.center)
        var next = 0
        self.leaves = leaves.map { leaf in
            guard leaf.center != nil else { return (leaf.range, -1) }
            defer { next += 1 }
            return (leaf.range, next)
        }
        self.plain = plain
        self.weighted = weighted
    }

    /// The spectrum cut into maximal runs of blocks whose values all lie within `maxOffset` of
    /// the run's midpoint (relative), with that centre, and single blocks that are not narrow
    /// themselves (no centre), in index order. Within a run s_i - c is exact (Sterbenz), so each
    /// e_i carries one rounding.
    private static func leaves(_ s: [Double]) -> [(range: Range<Int>, center: Double?)] {
        let size = SpectralSums.blockSize
        let blocks = stride(from: 0, to: s.count, by: size).map { s[$0..<min($0 + size, s.count)] }
        let low = blocks.map { $0.min()! }, high = blocks.map { $0.max()! }
        func center(_ lo: Double, _ hi: Double) -> Double? {
            let c = 0.5 * hi + 0.5 * lo
            return lo > 0 && hi.isFinite && hi - c <= maxOffset * c && c - lo <= maxOffset * c ? c : nil
        }
        var leaves: [(range: Range<Int>, center: Double?)] = []
        var start = 0
        while start < blocks.count {
            var lo = low[start], hi = high[start], end = start + 1
            if center(lo, hi) != nil {
                while end < blocks.count, center(min(lo, low[end]), max(hi, high[end])) != nil {
                    lo = min(lo, low[end])
                    hi = max(hi, high[end])
                    end += 1
                }
            }
            leaves.append((start * size..<min(end * size, s.count), center(lo, hi)))
            start = end
        }
        return leaves
    }

    /// m_j = sum e^j and sum w^2 e^j over `range` (j = 0 ... terms), e = (s - center)/center: four
    /// lanes per block, then the blocks' sums added with Neumaier's compensation, so that the
    /// rounding does not grow with the node's size.
    private static func moments(_ s: [Double], _ w: [Double]?, range: Range<Int>, center: Double)
    -> (plain: [Double], weighted: [Double]) {
        let terms = Self.terms, size = SpectralSums.blockSize
        var total = [Double](repeating: 0, count: 2 * (terms + 1)), error = total
        var lanes = [SIMD4<Double>](repeating: .zero, count: 2 * (terms + 1))
        s.withUnsafeBufferPointer { s in
            lanes.withUnsafeMutableBufferPointer { m in
                for start in stride(from: range.lowerBound, to: range.upperBound, by: size) {
                    let block = start..<min(start + size, range.upperBound)
                    if let w {
                        w.withUnsafeBufferPointer { accumulateMoments(s, $0, range: block, center: center, into: m) }
                    } else {
                        accumulateMoments(s, nil, range: block, center: center, into: m)
                    }
                    for j in m.indices {
                        let x = m[j].sum(), t = total[j] + x
                        error[j] += abs(total[j]) >= abs(x) ? (total[j] - t) + x : (x - t) + total[j]
                        total[j] = t
                    }
                }
            }
        }
        let sums = zip(total, error).map { $0 + $1 }
        return (Array(sums[..<(terms + 1)]), Array(sums[(terms + 1)...]))
    }

    /// Sets m[j] and m[terms + 1 + j] to lane sums of e^j and w^2 e^j over `range` (j = 0 ... terms),
    /// with e = (s - center)/center. Sixteen eigenvalues at a time, as four vectors whose chains of
    /// powers run side by side; padding lanes count nothing.
    private static func accumulateMoments(_ s: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>?,
                                          range: Range<Int>, center: Double,
                                          into m: UnsafeMutableBufferPointer<SIMD4<Double>>) {
        let terms = Self.terms, c = SIMD4<Double>(repeating: center)
        /// Offsets, weights and a 0/1 mask for the four lanes from index i.
        func lanes(_ i: Int) -> (e: SIMD4<Double>, a: SIMD4<Double>, keep: SIMD4<Double>) {
            var sv = c, a = SIMD4<Double>.zero, keep = a
            if i + 4 <= range.upperBound {
                sv = SpectralSums.load(s, i)
                if let w { let wv = SpectralSums.load(w, i); a = wv * wv }
                keep = .one
            } else {
                for k in 0..<max(0, range.upperBound - i) {
                    sv[k] = s[i + k]
                    a[k] = w.map { $0[i + k] * $0[i + k] } ?? 0
                    keep[k] = 1
                }
            }
            return ((sv - c) / c, a, keep)
        }
        for j in m.indices { m[j] = .zero }
        for i in stride(from: range.lowerBound, to: range.upperBound, by: 16) {
            let x0 = lanes(i), x1 = lanes(i + 4), x2 = lanes(i + 8), x3 = lanes(i + 12)
            var p0 = x0.keep, p1 = x1.keep, p2 = x2.keep, p3 = x3.keep
            for j in 0...terms {
                m[j] += (p0 + p1) + (p2 + p3)
                if w != nil { m[terms + 1 + j] += (x0.a * p0 + x1.a * p1) + (x2.a * p2 + x3.a * p3) }
                p0 *= x0.e
                p1 *= x1.e
                p2 *= x2.e
                p3 *= x3.e
            }
        }
    }

    /// The expanded nodes' ranges of eigenvalue indices, by node index.
    var ranges: [Range<Int>] { leaves.filter { $0.node >= 0 }.map(\.range) }

    /// Runs `body` with a view of the coefficients that the threads of a sweep read without
    /// reference counting.
    func withView<Result>(_ body: (View) -> Result) -> Result {
        centers.withUnsafeBufferPointer { centers in
            leaves.withUnsafeBufferPointer { leaves in
                plain.withUnsafeBufferPointer { p in
                    weighted.withUnsafeBufferPointer { w in
                        body(View(leaves: leaves, centers: centers, plain: p, weighted: w))
                    }
                }
            }
        }
    }

    struct View {
        let leaves: UnsafeBufferPointer<(range: Range<Int>, node: Int)>
        let centers: UnsafeBufferPointer<Double>
        let plain: UnsafeBufferPointer<SIMD4<Double>>
        let weighted: UnsafeBufferPointer<SIMD8<Double>>

        /// Every expanded node's sums at lambda, in `SpectralSums`'s order (level, s r^2, s r^3,
        /// then with weights w^2 r, w^2 r^2, s w^2 r^2, w^2 r^3, s w^2 r^3), into `out` (one vector
        /// per node). The level is lambda sum r (`deficit`) or sum s r. The nodes are independent,
        /// so one loop over them overlaps their divisions and polynomial chains.
        func evaluate(lambda: Double, deficit: Bool, weighted withWeights: Bool,
                      into out: UnsafeMutableBufferPointer<SIMD8<Double>>) {
            precondition(!withWeights || weighted.count == plain.count, "the expansion was built without weights")
            for k in 0..<centers.count {
                let center = centers[k]
                let r = 1 / (center + lambda), t = center * r, u = -t
                let base = k &* BlockExpansion.terms
                let p = Self.polynomial(plain, base: base, u: u)
                let tr = t * r
                var sums = SIMD8<Double>(deficit ? lambda * r * p[0] : t * p[1], tr * p[2], tr * r * p[3], 0, 0, 0, 0, 0)
                if withWeights {
                    let q = Self.polynomial(weighted, base: base, u: u)
                    let r2 = r * r
                    sums[3] = r * q[0]
                    sums[4] = r2 * q[1]
                    sums[5] = tr * q[2]
                    sums[6] = r2 * r * q[3]
                    sums[7] = tr * r * q[4]
                }
                out[k] = sums
            }
        }

        /// sum_j c[base + j] u^j over a node's `terms` coefficients, as four Horner chains in u^4
        /// (one per residue of j mod 4) that run side by side, a quarter of one chain's latency.
        @inline(__always)
        private static func polynomial<V: SIMD>(_ coefficients: UnsafeBufferPointer<V>, base: Int, u: Double) -> V
        where V.Scalar == Double {
            let c = coefficients.baseAddress! + base, last = BlockExpansion.terms - 4
            let u2 = u * u, u4 = u2 * u2
            var a = c[last], b = c[last + 1], e = c[last + 2], f = c[last + 3]
            var j = last - 4
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
