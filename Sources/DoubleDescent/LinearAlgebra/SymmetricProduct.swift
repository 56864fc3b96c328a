/// The lower triangle of A A^T for a column-major A, in our own code with a fixed operation order
/// (README.md, "Own kernels, fixed order"): the Gram matrices and the Cholesky updates of
/// `RidgeSolver`.
///
/// Entry (i, j), i >= j, is the running sum over the terms q of `terms`, in increasing q and started
/// from +0, of A[i, q] A[j, q] (a product, then an addition, each rounded). That sentence defines every
/// bit; the code only chooses which entries to compute together: tiles of four rows and four columns,
/// four SIMD4 sums held in registers while q runs (element-wise, so four independent running sums).
/// A tile sums over the range `terms` gives for its first row and column; the caller makes that a
/// superset of every entry's own nonzero terms, and the extra terms are exact zeros, which leave a
/// running sum started from +0 unchanged: the bits are those of each entry's own range.
package enum SymmetricProduct {
    /// S[i, j] = sum_(q in terms(i, j)) A[i, q] A[j, q] for n > i >= j >= 0 (`terms` is asked for each
    /// tile's first row and column, and for each entry outside the tiles), into `s` (leading dimension
    /// `lds`). `subtract`: S is subtracted from what `s` holds instead of replacing it.
    @inline(__always)
    package static func lowerTriangle(of a: UnsafePointer<Double>, lda: Int, n: Int, into s: UnsafeMutablePointer<Double>,
                                      lds: Int, columns: Range<Int>? = nil, subtract: Bool = false,
                                      terms: (_ i: Int, _ j: Int) -> Range<Int>) {
        let columns = columns ?? 0..<n
        let put = { (i: Int, j: Int, value: Double) in
            if subtract { s[i + j * lds] -= value } else { s[i + j * lds] = value }
        }
        var j0 = columns.lowerBound
        while j0 + 4 <= columns.upperBound {
            var i0 = j0
            while i0 + 4 <= n {
                let (t0, t1, t2, t3) = tile(a, lda, rows: i0, columns: j0, terms: terms(i0, j0))
                for u in 0..<4 {
                    let i = i0 + u
                    put(i, j0, t0[u])
                    if i >= j0 + 1 { put(i, j0 + 1, t1[u]) }
                    if i >= j0 + 2 { put(i, j0 + 2, t2[u]) }
                    if i >= j0 + 3 { put(i, j0 + 3, t3[u]) }
                }
                i0 += 4
            }
            for i in i0..<n {
                for j in j0..<(j0 + 4) where i >= j { put(i, j, entry(a, lda, i, j, terms: terms(i, j))) }
            }
            j0 += 4
        }
        for j in j0..<columns.upperBound {
            for i in j..<n { put(i, j, entry(a, lda, i, j, terms: terms(i, j))) }
        }
    }

    /// Rows i0 ..< i0 + 4 of columns j0 ..< j0 + 4 (one SIMD4 per column).
    @inline(__always)
    private static func tile(_ a: UnsafePointer<Double>, _ lda: Int, rows i0: Int, columns j0: Int,
                             terms: Range<Int>) -> (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>) {
        var s0 = SIMD4<Double>.zero, s1 = s0, s2 = s0, s3 = s0
        let raw = UnsafeRawPointer(a)
        for q in terms {
            let column = a + q * lda
            let x = raw.loadUnaligned(fromByteOffset: 8 * (i0 + q * lda), as: SIMD4<Double>.self)
            s0 = s0 + x * column[j0]
            s1 = s1 + x * column[j0 + 1]
            s2 = s2 + x * column[j0 + 2]
            s3 = s3 + x * column[j0 + 3]
        }
        return (s0, s1, s2, s3)
    }

    /// One entry outside the tiles, by the same running sum.
    @inline(__always)
    private static func entry(_ a: UnsafePointer<Double>, _ lda: Int, _ i: Int, _ j: Int, terms: Range<Int>) -> Double {
        var sum = 0.0
        for q in terms { sum = sum + a[i + q * lda] * a[j + q * lda] }
        return sum
    }
}
