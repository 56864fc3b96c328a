/// Sums over the spectrum of rational functions of the resolvent terms
/// r_i = 1 / (s_i + lambda), the building blocks of every closed form
/// (docs/MATH.md, "Closed forms as spectral sums").
///
/// Each pass reads the arrays once, with four-lane SIMD accumulators inside
/// blocks of `blockSize` terms and pairwise summation across blocks, so the
/// rounding error grows like log(d) rather than d, and the loops vectorise.
enum SpectralSums {
    static let blockSize = 256

    /// The sums a Newton step for lambda_n needs.
    struct Newton {
        /// Either df1 = sum s_i r_i (the effective dimension, n at the root) or
        /// the deficit sum lambda r_i = d - df1, summed without cancellation;
        /// compensated, because it decides where the root is.
        var level: Double
        /// sum s_i r_i^2 = -d/dlambda of df1.
        var sr2: Double
        /// sum s_i r_i^3 = d^2/dlambda^2 of df1, over 2.
        var sr3: Double
    }

    /// Every sum the closed forms need at a converged lambda.
    struct Full {
        /// sum s_i r_i^2: the deterministic equivalent's t (and n - df2 = lambda t).
        var sr2: Double
        /// sum w_i^2 lambda r_i: Theorem 1's bias.
        var bias: Double
        /// sum w_i^2 r_i^2.
        var wr2: Double
        /// sum s_i w_i^2 r_i^2.
        var swr2: Double

        /// The sums at lambda + h from their values (`self`) and lambda-derivatives (`slope`) at
        /// lambda, to first order. Each sum is sum_i a_i r_i^k with a_i >= 0 and k <= 2, or the bias
        /// sum_i w_i^2 (1 - s_i r_i); bounding every r_i by 1/lambda in the second derivative gives
        /// a remainder of at most 3 delta^2 (1 + delta)^2 times the sum at lambda + h, with
        /// delta = |h| / min(lambda, lambda + h) (docs/MATH.md, "Fusing the last pass").
        func advanced(by h: Double, slope: Full) -> Full {
            Full(sr2: sr2 + h * slope.sr2, bias: bias + h * slope.bias,
                 wr2: wr2 + h * slope.wr2, swr2: swr2 + h * slope.swr2)
        }

        /// The largest delta for which that remainder stays below about eps/4 relative:
        /// 3 delta^2 = eps / 4, delta ~ 4.3e-9.
        static let maxRelativeStep = (Double.ulpOfOne / 12).squareRoot()
    }

    /// A Newton pass that also sums `Full` and its lambda-derivative at the same lambda, so that
    /// the pass that ends the root search leaves no second pass to do.
    struct Fused {
        var lambda: Double
        var newton: Newton
        var full: Full
        var slope: Full

        /// The number of terms summed.
        var count: Int

        /// The `Full` sums at `target`, or nil when it lies too far from `lambda` for `advanced`, when
        /// a sum or slope overflowed (the slopes carry r^3, which overflows first), or when the slopes'
        /// underflow can matter: every term of a slope that leaves the normal range is off by less
        /// than `leastNormalMagnitude`, so the step h moves a sum by less than
        /// |h| count leastNormalMagnitude more than `advanced` allows; that must stay below eps/4 of
        /// the sum (docs/MATH.md, "Fusing the last pass"). At lambda ~ 1e128 (geometric:1e250, n =
        /// 0.01) sum w^2 r^3 underflows to 0 and the unguarded step was 8e-9 off.
        func full(at target: Double) -> Full? {
            let h = target - lambda
            guard abs(h) <= Full.maxRelativeStep * min(lambda, target) else { return nil }
            let stepped = full.advanced(by: h, slope: slope)
            let sums = [stepped.sr2, stepped.bias, stepped.wr2, stepped.swr2]
            let underflow = abs(h) * Double(count) * Double.leastNormalMagnitude
            guard sums.allSatisfy({ $0.isFinite && ($0 == 0 || underflow <= Double.ulpOfOne / 4 * $0) }) else { return nil }
            return stepped
        }
    }

    /// One pass for a Newton step: `deficit` selects which level sum is taken. Every pass sums
    /// the blocks that `expansion` covers from their expansions, built for the same s (and w).
    static func newton(_ s: UnsafeBufferPointer<Double>, lambda: Double, deficit: Bool,
                       expansion: BlockExpansion? = nil) -> Newton {
        let t = pass(s, w: nil, lambda: lambda, deficit: deficit, expansion: expansion)
        return Newton(level: t[0], sr2: t[1], sr3: t[2])
    }

    static func fused(_ s: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>, lambda: Double, deficit: Bool,
                      expansion: BlockExpansion? = nil) -> Fused {
        let t = pass(s, w: w, lambda: lambda, deficit: deficit, expansion: expansion)
        // With r' = -r^2: (sum s r^2)' = -2 sum s r^3, (sum w^2 lambda r)' = sum s w^2 r^2,
        // (sum w^2 r^2)' = -2 sum w^2 r^3, (sum s w^2 r^2)' = -2 sum s w^2 r^3.
        return Fused(lambda: lambda, newton: Newton(level: t[0], sr2: t[1], sr3: t[2]),
                     full: Full(sr2: t[1], bias: t[3], wr2: t[4], swr2: t[5]),
                     slope: Full(sr2: -2 * t[2], bias: t[5], wr2: -2 * t[6], swr2: -2 * t[7]), count: s.count)
    }

    static func full(_ s: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>, lambda: Double,
                     expansion: BlockExpansion? = nil) -> Full {
        fused(s, w: w, lambda: lambda, deficit: true, expansion: expansion).full
    }

    /// The sums of one pass, in this order: the compensated level sum (lambda r or s r), s r^2,
    /// s r^3 and, with weights, w^2 r (times lambda: the bias), w^2 r^2, s w^2 r^2, w^2 r^3,
    /// s w^2 r^3.
    private static func pass(_ s: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>?,
                             lambda: Double, deficit: Bool, expansion: BlockExpansion?) -> SIMD8<Double> {
        guard let expansion else {
            return finish(pairwise(count: (s.count + blockSize - 1) / blockSize) { i in
                termByTerm(s, w, i * blockSize..<min((i + 1) * blockSize, s.count), lambda: lambda, deficit: deficit)
            }, lambda: lambda)
        }
        return expansion.withView { view in
            // The expanded nodes first, in one loop; the pairwise sum then takes their sums in turn.
            withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: view.centers.count) { nodes in
                view.evaluate(lambda: lambda, deficit: deficit, weighted: w != nil, into: nodes)
                return finish(pairwise(count: view.leaves.count) { i in
                    let leaf = view.leaves[i]
                    return leaf.node >= 0 ? Partial(hi: nodes[leaf.node], lo: .zero)
                        : termByTerm(s, w, leaf.range, lambda: lambda, deficit: deficit)
                }, lambda: lambda)
            }
        }
    }

    /// The bias sum carries a factor lambda.
    private static func finish(_ total: SIMD8<Double>, lambda: Double) -> SIMD8<Double> {
        var total = total
        total[3] *= lambda
        return total
    }

    /// One block's sums, with one loop per case so that no test is left inside it.
    @inline(__always)
    private static func termByTerm(_ s: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>?, _ range: Range<Int>,
                                   lambda: Double, deficit: Bool) -> Partial {
        switch (deficit, w) {
        case (true, nil): return block(s, nil, range, lambda: lambda, deficit: true)
        case (false, nil): return block(s, nil, range, lambda: lambda, deficit: false)
        case (true, let w?): return block(s, w, range, lambda: lambda, deficit: true)
        case (false, let w?): return block(s, w, range, lambda: lambda, deficit: false)
        }
    }

    @inline(__always)
    private static func block(_ s: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>?, _ range: Range<Int>,
                              lambda: Double, deficit: Bool) -> Partial {
        let lam = SIMD4<Double>(repeating: lambda)
        var level = CompensatedLanes(), sr2 = SIMD4<Double>.zero, sr3 = sr2
        var wr = sr2, wr2 = sr2, swr2 = sr2, wr3 = sr2, swr3 = sr2
        // `keep` zeroes the lanes past the end of the range (whose s are padding).
        @inline(__always)
        func add(_ sv: SIMD4<Double>, _ wv: SIMD4<Double>, keep: SIMD4<Double>) {
            let r = 1 / (sv + lam)
            let sr = sv * r
            let srr = keep * sr * r
            level.add(keep * (deficit ? lam * r : sr))
            sr2 += srr
            sr3.addProduct(srr, r)
            guard w != nil else { return }
            let w2r = wv * wv * r
            wr += w2r
            wr2.addProduct(w2r, r)
            swr2.addProduct(w2r, sr)
            wr3.addProduct(w2r, r * r)
            swr3.addProduct(w2r, srr)
        }
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            add(load(s, i), w.map { load($0, i) } ?? .zero, keep: .one)
            i += 4
        }
        if i < range.upperBound {
            // The last one to three terms, padded with s = 1 and w = 0.
            var sv = SIMD4<Double>.one, wv = SIMD4<Double>.zero, keep = wv
            for k in 0..<(range.upperBound - i) {
                sv[k] = s[i + k]
                wv[k] = w?[i + k] ?? 0
                keep[k] = 1
            }
            add(sv, wv, keep: keep)
        }
        let (hi, lo) = level.total()
        return Partial(hi: SIMD8(hi, sr2.sum(), sr3.sum(), wr.sum(), wr2.sum(), swr2.sum(), wr3.sum(), swr3.sum()),
                       lo: SIMD8(lo, 0, 0, 0, 0, 0, 0, 0))
    }

    /// tr Sigma = sum s_i and tr Sigma^-1 = sum 1/s_i, with the same blocked pairwise scheme.
    static func traces(_ s: UnsafeBufferPointer<Double>) -> (trace: Double, traceInverse: Double) {
        let total = pairwise(count: (s.count + blockSize - 1) / blockSize) { b in
            let range = b * blockSize..<min((b + 1) * blockSize, s.count)
            var sum = SIMD4<Double>.zero, inverse = sum
            var i = range.lowerBound
            while i + 4 <= range.upperBound {
                let sv = load(s, i)
                sum += sv
                inverse += 1 / sv
                i += 4
            }
            var tail = SIMD2<Double>.zero
            for k in i..<range.upperBound { tail += SIMD2(s[k], 1 / s[k]) }
            return Partial(hi: SIMD8(sum.sum() + tail[0], inverse.sum() + tail[1], 0, 0, 0, 0, 0, 0), lo: .zero)
        }
        return (total[0], total[1])
    }

    /// The four values from index i.
    @inline(__always)
    static func load(_ p: UnsafeBufferPointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Up to eight sums over a range, with an estimate `lo` of what rounding
    /// dropped from `hi`.
    struct Partial {
        var hi: SIMD8<Double>
        var lo: SIMD8<Double>
    }

    /// Knuth's TwoSum: s + e == a + b exactly, with s = fl(a + b).
    @inline(__always)
    static func twoSum<V: SIMD>(_ a: V, _ b: V) -> (sum: V, error: V) where V.Scalar == Double {
        let s = a + b
        let bp = s - a
        return (s, (a - (s - bp)) + (b - bp))
    }

    /// A scalar sum with Neumaier's compensation (for the occasional scalar pass).
    struct NeumaierSum {
        private var sum = 0.0, compensation = 0.0

        mutating func add(_ x: Double) {
            let t = sum + x
            compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
            sum = t
        }

        var total: Double { sum + compensation }
    }

    /// Four accumulation lanes that keep the rounding error of every addition.
    struct CompensatedLanes {
        var sum = SIMD4<Double>.zero
        var error = SIMD4<Double>.zero

        @inline(__always)
        mutating func add(_ x: SIMD4<Double>) {
            let (s, e) = twoSum(sum, x)
            sum = s
            error += e
        }

        /// The four lanes folded into one compensated pair.
        func total() -> (hi: Double, lo: Double) {
            var hi = sum[0], lo = error.sum()
            for k in 1..<4 {
                let (s, e) = twoSum(SIMD2(hi, 0), SIMD2(sum[k], 0))
                hi = s[0]
                lo += e[0]
            }
            return (hi, lo)
        }
    }

    /// Pairwise summation of `count` partial sums, `leaf(0)`, `leaf(1)`, ... in order: leaf i is
    /// combined as soon as it completes a pair of equal-sized subtrees (a binary counter over
    /// i), so at most log2(count) + 1 partial sums are held. Combinations go through TwoSum and
    /// the carried errors are added back at the end, so the rounding error grows like
    /// log(count).
    @inline(__always)
    private static func pairwise(count: Int, _ leaf: (Int) -> Partial) -> SIMD8<Double> {
        guard count > 0 else { return .zero }
        func combine(_ a: Partial, _ b: Partial) -> Partial {
            let (hi, error) = twoSum(a.hi, b.hi)
            return Partial(hi: hi, lo: a.lo + b.lo + error)
        }
        return withUnsafeTemporaryAllocation(of: Partial.self, capacity: Int.bitWidth + 1) { stack in
            var depth = 0
            for i in 0..<count {
                var x = leaf(i), pairs = i
                while pairs & 1 == 1 {
                    depth -= 1
                    x = combine(stack[depth], x)
                    pairs >>= 1
                }
                stack[depth] = x
                depth += 1
            }
            var total = stack[depth - 1]
            for k in stride(from: depth - 2, through: 0, by: -1) { total = combine(stack[k], total) }
            return total.hi + total.lo
        }
    }
}
