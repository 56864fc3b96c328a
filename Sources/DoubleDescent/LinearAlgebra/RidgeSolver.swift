/// The noise-averaged error of the ridge estimator w_lambda = (X^T X + lambda I)^-1 X^T y on one
/// design, in pure Swift (no BLAS or LAPACK: loops in a fixed order, dot products and updates by `LaneDot`,
/// Gram matrices and Cholesky updates by `SymmetricProduct`, triangular inverses by `TriangularInverse`:
/// the module's fixed-order kernels, so the bits depend on nothing but the inputs). docs/MATH.md, "Ridge at any lambda",
/// "The error of one design": with M = lambda I + X^T X,
///
///     E_xi ||w_lambda - w*||^2 = ||b||^2 + sigma^2 ||U||_F^2,   b = lambda M^-1 w*,   U = M^-1 X^T,
///
/// and the prediction risk weights every coordinate i by s_i (the design is in Sigma's eigenbasis).
///
/// - K >= d: Cholesky L L^T of M (d x d, left-looking in panels of four); b by one solve. The variance ||U||_F^2 =
///   tr(M^-1 X^T X M^-1) as tr(M^-1) - lambda tr(M^-2) from M^-1 = L^-T L^-1 (`varianceByTraces`,
///   d^3/3), or where that difference would cancel, U = L^-T L^-1 X^T by row operations on X^T, whose
///   rows are the design's contiguous columns (K d^2).
/// - K < d: the push-through identity M^-1 X^T = X^T N^-1 with N = X X^T + lambda I (K x K): Cholesky
///   of N, b = w* - X^T N^-1 X w* (Woodbury: lambda M^-1 = I - X^T N^-1 X), and ||U||_F^2 = ||N^-1 X||_F^2
///   by the same traces of N (estimation), or with Y = N^-1 X column by column (prediction, or cancellation).
///   At lambda = 0 this is the min-norm estimator's (I - P) w* and X^+.
///
/// A design with K <= d rows whose column c has nonzeros in its first min(c + 1, K) rows only
/// (`upperTrapezoidal`: the tilted Bartlett factor of a Gaussian draw, `TiltedBartlettDraw`) has its
/// products summed over those rows alone: the Gram matrix of a triangle, a third of the work, at K = d.
///
/// Returns NaN when the factored matrix is not numerically positive definite (lambda <= 0 only).
package final class RidgeSolver {
    let d: Int
    /// The factored matrix (min(K, d)^2), the right-hand sides (K d) and a vector (max(K, d)).
    private var factor: [Double] = [0]
    private var solutions: [Double] = [0]
    private var vector: [Double] = [0]
    /// L^-T and A^-1 for the trace route (2 min(K, d)^2).
    private var inverse: [Double] = [0]

    package init(d: Int) { self.d = d }

    /// Room for a design with k rows.
    private func reserve(rows k: Int) {
        let size = min(k, d)
        if factor.count < size * size { factor = Array(repeating: 0, count: size * size) }
        if solutions.count < k * d { solutions = Array(repeating: 0, count: k * d) }
        if vector.count < max(k, d) { vector = Array(repeating: 0, count: max(k, d)) }
        if inverse.count < 2 * size * size { inverse = Array(repeating: 0, count: 2 * size * size) }
    }

    /// The error for the K x d design `x` (column-major, leading dimension `rows`), penalty `lambda`,
    /// weights `w` and eigenvalues `s` (both in Sigma's eigenbasis). With `upperTrapezoidal` the entries
    /// of column c below row c must be zeros (the products skip them).
    package func conditionalError(design x: UnsafePointer<Double>, rows k: Int, lambda: Double,
                                  wstar w: UnsafePointer<Double>, eigenvalues s: UnsafePointer<Double>, sigma: Double,
                                  prediction: Bool, upperTrapezoidal: Bool = false) -> Double {
        reserve(rows: k)
        return factor.withUnsafeMutableBufferPointer { f in
            solutions.withUnsafeMutableBufferPointer { u in
                vector.withUnsafeMutableBufferPointer { v in
                    inverse.withUnsafeMutableBufferPointer { p in
                        let (f, u, v, p) = (f.baseAddress!, u.baseAddress!, v.baseAddress!, p.baseAddress!)
                        return k >= d ? tall(x, k, lambda, w, prediction ? s : nil, sigma, upperTrapezoidal, f, u, v, p)
                            : wide(x, k, lambda, w, prediction ? s : nil, sigma, upperTrapezoidal, f, u, v, p)
                    }
                }
            }
        }
    }

    /// The variance trace tr(W A^-1 G A^-1) with G = A - lambda I, A = L L^T (n x n), as
    /// tr(W A^-1) - lambda tr(W A^-2) from P = A^-1 = E E^T, E = L^-T (`TriangularInverse`, then
    /// `SymmetricProduct`: n^3/3 multiply-adds), W = diag(weights) or I; nil when the difference would
    /// cancel (lambda tr(W A^-2) > tr(W A^-1) / 2: then at most one bit is lost), which leaves the
    /// caller's explicit route.
    static func varianceByTraces(_ l: UnsafePointer<Double>, _ n: Int, _ lambda: Double, _ weights: UnsafePointer<Double>?,
                                 _ scratch: UnsafeMutablePointer<Double>) -> Double? {
        let e = scratch, p = scratch + n * n
        // E = (L^T)^-1, upper triangular: L^T (zeros below its diagonal), inverted in place.
        for j in 0..<n {
            for i in 0..<n { e[i + j * n] = i <= j ? l[j + i * n] : 0 }
        }
        TriangularInverse.invert(e, n: n, ld: n, upper: true)
        // P = E E^T: P_ij = sum_{q >= i} E_iq E_jq (lower triangle, i >= j).
        SymmetricProduct.lowerTriangle(of: e, lda: n, n: n, into: p, lds: n) { i, _ in i..<n }
        var first = 0.0, second = 0.0
        for i in 0..<n {
            let wi = weights?[i] ?? 1
            first += wi * p[i + i * n]
            // (P^2)_ii = sum_j P_ij^2.
            var row = 0.0
            for j in 0..<i { row += p[i + j * n] * p[i + j * n] }
            for j in i..<n { row += p[j + i * n] * p[j + i * n] }
            second += wi * row
        }
        let subtracted = lambda * second
        guard subtracted <= 0.5 * first else { return nil }
        return first - subtracted
    }

    /// K >= d: the d x K matrix Z, stored by rows (row i = the design's column i, contiguous), starts as
    /// X^T and becomes M^-1 X^T = U.
    private func tall(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ w: UnsafePointer<Double>,
                      _ s: UnsafePointer<Double>?, _ sigma: Double, _ trapezoidal: Bool,
                      _ f: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>,
                      _ v: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>) -> Double {
        gram(x, k, lambda, f, transposed: trapezoidal ? z : nil)
        guard Self.cholesky(f, d) else { return .nan }
        let weight = { (i: Int) in s?[i] ?? 1 }
        var variance: Double
        if let traced = Self.varianceByTraces(f, d, lambda, s, scratch) {
            variance = traced
        } else {
            z.update(from: x, count: k * d)
            Self.rowSolve(f, d, z, k)
            variance = 0
            for i in 0..<d { variance += weight(i) * LaneDot.of(z + i * k, z + i * k, count: k) }
        }
        for i in 0..<d { v[i] = w[i] }
        Self.solve(f, d, v)
        var bias = 0.0
        for i in 0..<d {
            let b = lambda * v[i]
            bias += weight(i) * b * b
        }
        return bias + sigma * sigma * variance
    }

    /// K < d: column c of Y (K x d, column-major) solves N y = x^(c).
    private func wide(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ w: UnsafePointer<Double>,
                      _ s: UnsafePointer<Double>?, _ sigma: Double, _ trapezoidal: Bool,
                      _ f: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>,
                      _ v: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>) -> Double {
        outerGram(x, k, lambda, f, trapezoidal: trapezoidal)
        // Column c of an upper-trapezoidal design has min(c + 1, K) leading nonzeros.
        let length = { (c: Int) in trapezoidal ? min(c + 1, k) : k }
        guard Self.cholesky(f, k) else { return .nan }
        let weight = { (i: Int) in s?[i] ?? 1 }
        // ||Y||_F^2 = tr(N^-1 X X^T N^-1) by traces (estimation only: Sigma weights do not pass through N).
        // q = Y w* = N^-1 (X w*) (K), then b = w* - X^T q.
        v.update(repeating: 0, count: k)
        for c in 0..<d where w[c] != 0 { LaneDot.axpy(w[c], x + c * k, v, count: length(c)) }
        var variance: Double
        if s == nil, let traced = Self.varianceByTraces(f, k, lambda, nil, scratch) {
            variance = traced
            Self.solve(f, k, v)
        } else {
            y.update(from: x, count: k * d)
            variance = 0
            for c in 0..<d {
                Self.solve(f, k, y + c * k)
                variance += weight(c) * LaneDot.of(y + c * k, y + c * k, count: k)
            }
            v.update(repeating: 0, count: k)
            for c in 0..<d where w[c] != 0 { LaneDot.axpy(w[c], y + c * k, v, count: k) }
        }
        var bias = 0.0
        for c in 0..<d {
            let b = w[c] - LaneDot.of(x + c * k, v, count: length(c))
            bias += weight(c) * b * b
        }
        return bias + sigma * sigma * variance
    }

    /// The ridge solution w_lambda = M^-1 X^T y for the K x d design `x` (column-major, leading
    /// dimension `rows`) and responses `y`, into `solution` (d values): K >= d by the Cholesky factor
    /// of M, K < d as X^T (N^-1 y). All NaN when the factored matrix is not positive definite.
    package func solve(design x: UnsafePointer<Double>, rows k: Int, lambda: Double, response y: UnsafePointer<Double>,
                       solution: UnsafeMutablePointer<Double>) {
        reserve(rows: k)
        factor.withUnsafeMutableBufferPointer { f in
            vector.withUnsafeMutableBufferPointer { v in
                let (f, v) = (f.baseAddress!, v.baseAddress!)
                if k >= d {
                    gram(x, k, lambda, f, transposed: nil)
                    guard Self.cholesky(f, d) else { return solution.update(repeating: .nan, count: d) }
                    for c in 0..<d { solution[c] = LaneDot.of(x + c * k, y, count: k) }
                    Self.solve(f, d, solution)
                } else {
                    outerGram(x, k, lambda, f, trapezoidal: false)
                    guard Self.cholesky(f, k) else { return solution.update(repeating: .nan, count: d) }
                    v.update(from: y, count: k)
                    Self.solve(f, k, v)
                    for c in 0..<d { solution[c] = LaneDot.of(x + c * k, v, count: k) }
                }
            }
        }
    }

    /// The lower triangle of X^T X + lambda I (d x d, column-major) into `f`: dots of the design's columns.
    /// An upper-triangular design (K = d rows, the tilted Bartlett factor) is transposed into `transposed`
    /// first, X^T X = L L^T with L = X^T lower triangular, and summed by `SymmetricProduct` over q <= j
    /// (d^3/6 multiply-adds instead of K d^2/2).
    private func gram(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ f: UnsafeMutablePointer<Double>,
                      transposed z: UnsafeMutablePointer<Double>?) {
        if let z {
            precondition(k == d, "an upper-triangular design has d rows")
            for c in 0..<d {
                for q in 0..<d { z[c + q * d] = q <= c ? x[q + c * d] : 0 }
            }
            SymmetricProduct.lowerTriangle(of: z, lda: d, n: d, into: f, lds: d) { _, j in 0..<min(j + 4, d) }
        } else {
            for j in 0..<d {
                for i in j..<d { f[i + j * d] = LaneDot.of(x + i * k, x + j * k, count: k) }
            }
        }
        for j in 0..<d { f[j + j * d] += lambda }
    }

    /// The lower triangle of X X^T + lambda I (K x K, column-major) into `f` by `SymmetricProduct` over the
    /// design's columns: all d of them, or for an upper-trapezoidal design (`trapezoidal`) those from the
    /// row's own index on (X[i, c] = 0 for c < i).
    private func outerGram(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ f: UnsafeMutablePointer<Double>,
                           trapezoidal: Bool) {
        SymmetricProduct.lowerTriangle(of: x, lda: k, n: k, into: f, lds: k) { i, _ in trapezoidal ? i..<d : 0..<d }
        for j in 0..<k { f[j + j * k] += lambda }
    }

    /// In-place Cholesky of the lower triangle of the n x n column-major `a` (a = L L^T), left-looking in
    /// panels of four columns: the panel's columns lose the products of the columns before it at once
    /// (`SymmetricProduct`, subtracted), then are factored one by one (dpotf2 within the panel); false
    /// when a pivot is not positive.
    static func cholesky(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        var j0 = 0
        while j0 < n {
            let width = min(4, n - j0)
            if j0 > 0 {
                SymmetricProduct.lowerTriangle(of: a, lda: n, n: n, into: a, lds: n, columns: j0..<(j0 + width),
                                               subtract: true) { _, _ in 0..<j0 }
            }
            for j in j0..<(j0 + width) {
                var pivot = a[j + j * n]
                for q in j0..<j { pivot -= a[j + q * n] * a[j + q * n] }
                guard pivot > 0, pivot.isFinite else { return false }
                let root = pivot.squareRoot(), inverse = 1 / root
                a[j + j * n] = root
                for i in (j + 1)..<max(j + 1, n) {
                    var entry = a[i + j * n]
                    for q in j0..<j { entry -= a[i + q * n] * a[j + q * n] }
                    a[i + j * n] = entry * inverse
                }
            }
            j0 += width
        }
        return true
    }

    /// b <- (L L^T)^-1 b with the factor from `cholesky`: forward by columns of L, back by dots.
    static func solve(_ l: UnsafePointer<Double>, _ n: Int, _ b: UnsafeMutablePointer<Double>) {
        for p in 0..<n {
            b[p] /= l[p + p * n]
            if b[p] != 0 { LaneDot.axpy(-b[p], l + p + 1 + p * n, b + p + 1, count: n - p - 1) }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            b[i] = (b[i] - LaneDot.of(l + i + 1 + i * n, b + i + 1, count: n - i - 1)) / l[i + i * n]
        }
    }

    /// Z <- (L L^T)^-1 Z for the n x m matrix Z stored by rows (row i at z + i m), by row operations.
    static func rowSolve(_ l: UnsafePointer<Double>, _ n: Int, _ z: UnsafeMutablePointer<Double>, _ m: Int) {
        for i in 0..<n {
            let row = z + i * m
            for p in 0..<i where l[i + p * n] != 0 { LaneDot.axpy(-l[i + p * n], z + p * m, row, count: m) }
            scale(row, 1 / l[i + i * n], m)
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let row = z + i * m
            for p in (i + 1)..<n where l[p + i * n] != 0 { LaneDot.axpy(-l[p + i * n], z + p * m, row, count: m) }
            scale(row, 1 / l[i + i * n], m)
        }
    }

    /// y <- c y over n terms.
    @inline(__always)
    static func scale(_ y: UnsafeMutablePointer<Double>, _ c: Double, _ n: Int) {
        for i in 0..<n { y[i] *= c }
    }
}
