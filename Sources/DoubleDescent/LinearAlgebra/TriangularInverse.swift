/// In-place inverse of a non-singular triangular matrix, in our own code with a fixed operation
/// order (README.md, "Own kernels, fixed order").
///
/// For lower-triangular L the inverse X is forward substitution on L X = I, entry by entry:
///
///     X[i, c] = (delta_ic - sum_{k = c}^{i - 1} L[i, k] X[k, c]) * r_i,    r_i = 1 / L[i, i],
///
/// each sum a running sum in increasing k, started from +0. That sentence defines every bit;
/// the code below only chooses which entries to compute together. It walks column blocks of four
/// (SIMD4 across the block's columns); under the block's diagonal it computes tiles of eight rows,
/// whose products with the rows already done (a small matrix product held in eight accumulators)
/// come first and whose own triangle follows, adding the same terms in the same order. Terms with
/// k < c are exact zeros (the block's rows above the diagonal are kept as zeros), and adding a zero
/// to a running sum started from +0 never changes it, so summing from the block's first column
/// gives the same bits as summing from c.
///
/// An upper-triangular U is transposed in place, inverted as the lower U^T, and transposed back:
/// U^-1 = ((U^T)^-1)^T. The other triangle of the array is never changed.
package enum TriangularInverse {
    /// Overwrites the n x n triangular `a` (column-major, leading dimension `ld`) with its inverse.
    package static func invert(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int, upper: Bool) {
        if upper { transposeInPlace(a, n: n, ld: ld) }
        invertLower(a, n: n, ld: ld)
        if upper { transposeInPlace(a, n: n, ld: ld) }
    }

    private static func transposeInPlace(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int) {
        for j in 0..<n {
            for i in (j + 1)..<max(j + 1, n) { swap(&a[i + j * ld], &a[j + i * ld]) }
        }
    }

    private static func invertLower(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int) {
        guard n > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { reciprocals in
            withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: n) { rows in
                let r = reciprocals.baseAddress!, x = rows.baseAddress!
                for i in 0..<n {
                    precondition(a[i + i * ld] != 0, "the triangular factor is singular")
                    r[i] = 1 / a[i + i * ld]
                }
                var j0 = 0
                while j0 < n {
                    let width = min(4, n - j0)
                    // x[k] holds row k of X restricted to the block's columns j0 ..< j0 + 4.
                    for i in j0..<(j0 + width) { solveRow(i, block: j0, width: width, a, ld: ld, r, x) }
                    var i0 = j0 + width
                    while i0 + 4 <= n {
                        solveTile(i0, block: j0, a, ld: ld, r, x)
                        i0 += 4
                    }
                    for i in i0..<n { solveRow(i, block: j0, width: width, a, ld: ld, r, x) }
                    j0 += width
                }
            }
        }
    }

    /// Row i of X in the block's columns, from the rows j0 ..< i before it (one at a time).
    @inline(__always)
    private static func solveRow(_ i: Int, block j0: Int, width: Int, _ a: UnsafeMutablePointer<Double>, ld: Int,
                                 _ r: UnsafePointer<Double>, _ x: UnsafeMutablePointer<SIMD4<Double>>) {
        var sum = SIMD4<Double>.zero
        for k in j0..<i { sum = sum + a[i + k * ld] * x[k] }
        var unit = SIMD4<Double>.zero
        if i - j0 < 4 { unit[i - j0] = 1 }
        let row = (unit - sum) * r[i]
        store(row, i, block: j0, width: min(width, i - j0 + 1), a, ld: ld, x)
    }

    /// Rows i0 ..< i0 + 4 of X (all below the block's diagonal) in the block's four columns.
    @inline(__always)
    private static func solveTile(_ i0: Int, block j0: Int, _ a: UnsafeMutablePointer<Double>, ld: Int,
                                  _ r: UnsafePointer<Double>, _ x: UnsafeMutablePointer<SIMD4<Double>>) {
        var s0 = SIMD4<Double>.zero, s1 = s0, s2 = s0, s3 = s0
        var l = a + i0 + j0 * ld
        for k in j0..<i0 {
            let xk = x[k]
            s0 = s0 + l[0] * xk
            s1 = s1 + l[1] * xk
            s2 = s2 + l[2] * xk
            s3 = s3 + l[3] * xk
            l += ld
        }
        // The tile's own triangle, column by column: row t is final once rows < t are added in.
        let d0 = a + i0 + i0 * ld, d1 = d0 + ld, d2 = d1 + ld  // L[i0 + u, i0 + t] = d_t[u]
        let y0 = (SIMD4.zero - s0) * r[i0]
        s1 = s1 + d0[1] * y0; s2 = s2 + d0[2] * y0; s3 = s3 + d0[3] * y0
        let y1 = (SIMD4.zero - s1) * r[i0 + 1]
        s2 = s2 + d1[2] * y1; s3 = s3 + d1[3] * y1
        let y2 = (SIMD4.zero - s2) * r[i0 + 2]
        s3 = s3 + d2[3] * y2
        let y3 = (SIMD4.zero - s3) * r[i0 + 3]
        store(y0, i0, block: j0, width: 4, a, ld: ld, x)
        store(y1, i0 + 1, block: j0, width: 4, a, ld: ld, x)
        store(y2, i0 + 2, block: j0, width: 4, a, ld: ld, x)
        store(y3, i0 + 3, block: j0, width: 4, a, ld: ld, x)
    }

    /// Keeps row i of X in `x` (the entries above the diagonal as the zeros they are) and writes its
    /// first `count` entries into the matrix.
    @inline(__always)
    private static func store(_ row: SIMD4<Double>, _ i: Int, block j0: Int, width count: Int,
                              _ a: UnsafeMutablePointer<Double>, ld: Int, _ x: UnsafeMutablePointer<SIMD4<Double>>) {
        var kept = SIMD4<Double>.zero
        for c in 0..<count {
            kept[c] = row[c]
            a[i + (j0 + c) * ld] = row[c]
        }
        x[i] = kept
    }
}
