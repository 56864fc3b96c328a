/// Sums over the spectrum of rational functions of the resolvent terms
/// r_i = 1 / (s_i + lambda), the building blocks of every closed form
/// (docs/MATH.md, "Closed forms as spectral sums").
///
/// Each pass reads the arrays once, with four-lane SIMD accumulators inside
/// blocks of `blockSize` terms and pairwise summation across blocks, so the
/// rounding error grows like log(d) rather than d, and the loops vectorise.
enum SpectralSums {
    static let blockSize = 256

    /// The two sums a Newton step for lambda_n needs.
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
    }

    /// One pass for a Newton step: `deficit` selects which level sum is taken.
    static func newton(_ s: UnsafeBufferPointer<Double>, lambda: Double, deficit: Bool) -> Newton {
        let total = pairwise(count: s.count) { range in
            let lam = SIMD4<Double>(repeating: lambda)
            // The numerator of each level term: lambda (deficit) or s_i (df1).
            var level = CompensatedLanes(), sr2 = SIMD4<Double>.zero, sr3 = sr2
            var i = range.lowerBound
            while i + 4 <= range.upperBound {
                let sv = load(s, i)
                let r = 1 / (sv + lam)
                let sr = sv * r
                let srr = sr * r
                level.add(deficit ? lam * r : sr)
                sr2 += srr
                sr3 += srr * r
                i += 4
            }
            while i < range.upperBound {
                let r = 1 / (s[i] + lambda)
                level.add(SIMD4((deficit ? lambda : s[i]) * r, 0, 0, 0))
                sr2[0] += s[i] * r * r
                sr3[0] += s[i] * r * r * r
                i += 1
            }
            let (hi, lo) = level.total()
            return Partial(hi: SIMD8(hi, sr2.sum(), sr3.sum(), 0, 0, 0, 0, 0), lo: SIMD8(lo, 0, 0, 0, 0, 0, 0, 0))
        }
        return Newton(level: total[0], sr2: total[1], sr3: total[2])
    }

    static func full(_ s: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>, lambda: Double) -> Full {
        let total = pairwise(count: s.count) { range in
            let lam = SIMD4<Double>(repeating: lambda)
            var sr2 = SIMD4<Double>.zero, bias = sr2, wr2 = sr2, swr2 = sr2
            var i = range.lowerBound
            while i + 4 <= range.upperBound {
                let sv = load(s, i), wv = load(w, i)
                let r = 1 / (sv + lam)
                let sr = sv * r
                let w2r = wv * wv * r
                sr2 += sr * r
                bias += w2r * lam
                wr2 += w2r * r
                swr2 += w2r * sr
                i += 4
            }
            var sums = SIMD8<Double>(sr2.sum(), bias.sum(), wr2.sum(), swr2.sum(), 0, 0, 0, 0)
            while i < range.upperBound {
                let r = 1 / (s[i] + lambda)
                let sr = s[i] * r
                let w2r = w[i] * w[i] * r
                sums += SIMD8(sr * r, w2r * lambda, w2r * r, w2r * sr, 0, 0, 0, 0)
                i += 1
            }
            return Partial(hi: sums, lo: .zero)
        }
        return Full(sr2: total[0], bias: total[1], wr2: total[2], swr2: total[3])
    }

    /// sum_i f(x_i) for a scalar function, with the same blocked pairwise scheme.
    static func sum(_ x: UnsafeBufferPointer<Double>, _ f: (Double) -> Double) -> Double {
        pairwise(count: x.count) { range in
            var sum = 0.0
            for i in range { sum += f(x[i]) }
            return Partial(hi: SIMD8(sum, 0, 0, 0, 0, 0, 0, 0), lo: .zero)
        }[0]
    }

    @inline(__always)
    private static func load(_ p: UnsafeBufferPointer<Double>, _ i: Int) -> SIMD4<Double> {
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

    /// Pairwise summation over blocks: `block` returns up to eight sums over
    /// one range of at most `blockSize` terms; blocks combine in a balanced
    /// tree through TwoSum, and the carried errors are added back at the end.
    @inline(__always)
    private static func pairwise(count: Int, _ block: (Range<Int>) -> Partial) -> SIMD8<Double> {
        func tree(_ range: Range<Int>) -> Partial {
            if range.count <= blockSize { return block(range) }
            let blocks = (range.count + blockSize - 1) / blockSize
            let middle = range.lowerBound + (blocks / 2) * blockSize
            let left = tree(range.lowerBound..<middle), right = tree(middle..<range.upperBound)
            let (hi, error) = twoSum(left.hi, right.hi)
            return Partial(hi: hi, lo: left.lo + right.lo + error)
        }
        let total = tree(0..<count)
        return total.hi + total.lo
    }
}
