/// Eigen-decomposition of a real symmetric matrix in Swift with a fixed operation order, so that its
/// bits depend only on the input (not on a BLAS library, kernel, CPU or thread count): Householder
/// reduction to tridiagonal form, accumulating the reflectors, then the implicit QL iteration with
/// Wilkinson-type shifts on the tridiagonal, rotating the accumulated vectors (Bowdler, Martin,
/// Reinsch and Wilkinson's tred2, Handbook for Automatic Computation II, 1971, in the arrangement of
/// JAMA's EigenvalueDecomposition; the QL step as in Numerical Recipes' tqli). Both steps are orthogonal transformations, so the
/// result is backward stable: the values are exact for Sigma + E with ||E||_2 <= p(d) eps ||Sigma||_2,
/// hence |s_hat_i - s_i| <= p(d) eps s_1 (Weyl), with p(d) = 2 d + 8 (`errorFactor`; docs/MATH.md,
/// "Accuracy of computed spectra"). LAPACK's dsyevd is only a test and benchmark
/// reference (`LAPACKDecompositionReference`).
///
/// Cost about 9 d^3 flops (4/3 d^3 to reduce, 4/3 d^3 to accumulate, about 6 d^3 for the rotations).
package struct SymmetricEigen {
    /// Eigenvalues in descending order; equal values in the order the iteration left them in.
    package let values: [Double]
    /// Orthonormal eigenvectors, column-major d x d: column j pairs with `values[j]`, signed so that
    /// its entry of largest magnitude (the first such) is positive.
    package let vectors: [Double]

    /// - Parameter matrix: column-major (equivalently row-major: it is symmetric) d x d, finite.
    /// Throws `NumericalError` if the QL iteration does not converge (30 iterations per eigenvalue).
    package init(symmetric matrix: [Double], dimension n: Int) throws {
        precondition(n >= 1 && matrix.count == n * n)
        var v = matrix
        var diagonal = [Double](repeating: 0, count: n), off = [Double](repeating: 0, count: n)
        try v.withUnsafeMutableBufferPointer { v in
            Self.tridiagonalize(v.baseAddress!, n: n, d: &diagonal, e: &off)
            try Self.diagonalize(vectors: v.baseAddress!, n: n, d: &diagonal, e: &off)
        }
        let order = SpectralOrder.descending(diagonal)
        values = order.map { diagonal[$0] }
        var sorted = [Double](repeating: 0, count: n * n)
        for (j, source) in order.enumerated() {
            let column = v[(source * n)..<(source * n + n)]
            let sign = SpectralOrder.sign(makingLargestPositive: column)
            for (i, x) in column.enumerated() { sorted[j * n + i] = sign * x }
        }
        vectors = sorted
    }

    /// p(d) in the bound |s_hat_i - s_i| <= p(d) eps s_1 on every computed eigenvalue (and, for
    /// `ThinSVD`, singular value): p(d) = 2 d + 8 (docs/MATH.md, "Accuracy of computed spectra":
    /// each entry meets O(d) rotations or reflections; the errors measured against a 40-digit
    /// reference were at most 0.4 p(d), d = 2 ... 40).
    package static func errorFactor(dimension d: Int) -> Double { 2 * Double(d) + 8 }

    /// The bound on the relative error of the smallest computed eigenvalue, p(d) eps s_1 / s_d
    /// (`errorFactor`), the largest over all of them. `values` descending and positive.
    package static func relativeErrorBound(_ values: [Double]) -> Double {
        guard let first = values.first, let last = values.last else { return 0 }
        return errorFactor(dimension: values.count) * Double.ulpOfOne * first / last
    }

    /// Householder reduction of the symmetric v (column-major n x n, lower triangle read) to
    /// tridiagonal form, Q^T A Q = T with T's diagonal in d and subdiagonal in e[1..<n]; on return v
    /// holds Q. Element (row k, column j) is v[j n + k], so every inner loop runs down a column.
    static func tridiagonalize(_ v: UnsafeMutablePointer<Double>, n: Int, d: inout [Double], e: inout [Double]) {
        func at(_ row: Int, _ column: Int) -> UnsafeMutablePointer<Double> { v + column * n + row }
        for j in 0..<n { d[j] = at(n - 1, j).pointee }
        for i in stride(from: n - 1, to: 0, by: -1) {
            var scale = 0.0, h = 0.0
            for k in 0..<i { scale += abs(d[k]) }
            if scale == 0 {
                e[i] = d[i - 1]
                for j in 0..<i {
                    d[j] = at(i - 1, j).pointee
                    at(i, j).pointee = 0
                    at(j, i).pointee = 0
                }
            } else {
                for k in 0..<i {
                    d[k] /= scale
                    h += d[k] * d[k]
                }
                var f = d[i - 1]
                var g = h.squareRoot()
                if f > 0 { g = -g }
                e[i] = scale * g
                h -= f * g
                d[i - 1] = f - g
                for j in 0..<i { e[j] = 0 }
                d.withUnsafeMutableBufferPointer { d in
                    e.withUnsafeMutableBufferPointer { e in
                        // e = A d over the leading i x i block (its lower triangle, by columns).
                        for j in 0..<i {
                            let f = d[j]
                            at(j, i).pointee = f
                            let below = i - j - 1
                            e[j] += at(j, j).pointee * f + LaneDot.of(at(j + 1, j), d.baseAddress! + j + 1, count: below)
                            LaneDot.axpy(f, at(j + 1, j), e.baseAddress! + j + 1, count: below)
                        }
                    }
                }
                f = 0
                for j in 0..<i {
                    e[j] /= h
                    f += e[j] * d[j]
                }
                let hh = f / (h + h)
                for j in 0..<i { e[j] -= hh * d[j] }
                for j in 0..<i {
                    let f = d[j], g = e[j]
                    let column = at(0, j)
                    for k in j..<i { column[k] -= f * e[k] + g * d[k] }
                    d[j] = at(i - 1, j).pointee
                    at(i, j).pointee = 0
                }
            }
            d[i] = h
        }
        // Accumulate Q from the reflectors stored above.
        for i in 0..<(n - 1) {
            at(n - 1, i).pointee = at(i, i).pointee
            at(i, i).pointee = 1
            let h = d[i + 1]
            let reflector = at(0, i + 1)
            if h != 0 {
                for k in 0...i { d[k] = reflector[k] / h }
                d.withUnsafeBufferPointer { d in
                    for j in 0...i {
                        let g = LaneDot.of(reflector, at(0, j), count: i + 1)
                        LaneDot.axpy(-g, d.baseAddress!, at(0, j), count: i + 1)
                    }
                }
            }
            for k in 0...i { reflector[k] = 0 }
        }
        for j in 0..<n {
            d[j] = at(n - 1, j).pointee
            at(n - 1, j).pointee = 0
        }
        at(n - 1, n - 1).pointee = 1
        e[0] = 0
    }

    /// The implicit QL iteration with Wilkinson's shift on the tridiagonal (d, e[1..<n]), rotating the
    /// columns of `vectors` (column-major n x n, or nil for the values alone); on return d holds the
    /// eigenvalues, unordered. The shift enters only the first rotation (Numerical Recipes' tqli, as
    /// LAPACK's dsteqr): the diagonal is never shifted as a whole, whose roundings would add up over
    /// the d eigenvalues. e_m is neglected once |e_m| <= eps max_i (|d_i| + |e_i|) (as in tql2; a
    /// test relative to |d_m| + |d_(m+1)| never ends on the zero eigenvalues of a rank-deficient
    /// `BidiagonalSingularValues` matrix). Throws after 30 iterations on one eigenvalue.
    static func diagonalize(vectors v: UnsafeMutablePointer<Double>?, n: Int, d: inout [Double], e: inout [Double]) throws {
        for i in 1..<max(n, 1) { e[i - 1] = e[i] }
        e[n - 1] = 0
        // Negligible: |e_m| <= eps max_i (|d_i| + |e_i|), at most eps ||T|| (the bound is absolute too).
        var norm = 0.0
        for i in 0..<n { norm = max(norm, abs(d[i]) + abs(e[i])) }
        let negligible = Double.ulpOfOne * norm
        for l in 0..<n {
            var iterations = 0
            while true {
                var m = l
                while m < n - 1, abs(e[m]) > negligible { m += 1 }
                guard m > l else { break }
                iterations += 1
                guard iterations <= 30 else {
                    throw NumericalError(routine: "tql", reason: "the symmetric QL iteration did not converge")
                }
                // Wilkinson's shift: the eigenvalue of the leading 2 x 2 block nearer d_l.
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = LaneDot.hypot(g, 1)
                g = d[m] - d[l] + e[l] / (g + Double(signOf: g, magnitudeOf: r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var underflow = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = LaneDot.hypot(f, g)
                    e[i + 1] = r
                    if r == 0 {
                        // The rotation would divide by zero: deflate here and restart.
                        d[i + 1] -= p
                        e[m] = 0
                        underflow = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    if let v {
                        let left = v + i * n, right = v + (i + 1) * n
                        for k in 0..<n {
                            let h = right[k]
                            right[k] = s * left[k] + c * h
                            left[k] = c * left[k] - s * h
                        }
                    }
                    i -= 1
                }
                if underflow { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
    }
}
