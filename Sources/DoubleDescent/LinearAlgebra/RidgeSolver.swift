/// The noise-averaged error of the ridge estimator w_lambda = (X^T X + lambda I)^-1 X^T y on one
/// design, in pure Swift (no BLAS or LAPACK: loops in a fixed order, dot products and updates by `LaneDot`,
/// the module's fixed-lane kernels, so the bits depend on nothing but the inputs). docs/MATH.md, "Ridge at any lambda",
/// "The error of one design": with M = lambda I + X^T X,
///
///     E_xi ||w_lambda - w*||^2 = ||b||^2 + sigma^2 ||U||_F^2,   b = lambda M^-1 w*,   U = M^-1 X^T,
///
/// and the prediction risk weights every coordinate i by s_i (the design is in Sigma's eigenbasis).
///
/// - K >= d: Cholesky L L^T of M (d x d, right-looking); b by one solve. The variance ||U||_F^2 =
///   tr(M^-1 X^T X M^-1) as tr(M^-1) - lambda tr(M^-2) from M^-1 = L^-T L^-1 (`varianceByTraces`,
///   d^3/3), or where that difference would cancel, U = L^-T L^-1 X^T by row operations on X^T, whose
///   rows are the design's contiguous columns (K d^2).
/// - K < d: the push-through identity M^-1 X^T = X^T N^-1 with N = X X^T + lambda I (K x K): Cholesky
///   of N, b = w* - X^T N^-1 X w* (Woodbury: lambda M^-1 = I - X^T N^-1 X), and ||U||_F^2 = ||N^-1 X||_F^2
///   by the same traces of N (estimation), or with Y = N^-1 X column by column (prediction, or cancellation).
///   At lambda = 0 this is the min-norm estimator's (I - P) w* and X^+.
///
/// Returns NaN when the factored matrix is not numerically positive definite (lambda <= 0 only).
package final class RidgeSolver {
    let d: Int
    /// The factored matrix (min(K, d)^2), the right-hand sides (K d) and a vector (max(K, d)).
    private var factor: [Double] = [0]
    private var solutions: [Double] = [0]
    private var vector: [Double] = [0]
    /// L^-1 and A^-1 for the trace route (2 min(K, d)^2).
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
    /// weights `w` and eigenvalues `s` (both in Sigma's eigenbasis).
    package func conditionalError(design x: UnsafePointer<Double>, rows k: Int, lambda: Double,
                                  wstar w: UnsafePointer<Double>, eigenvalues s: UnsafePointer<Double>, sigma: Double,
                                  prediction: Bool) -> Double {
        reserve(rows: k)
        return factor.withUnsafeMutableBufferPointer { f in
            solutions.withUnsafeMutableBufferPointer { u in
                vector.withUnsafeMutableBufferPointer { v in
                    inverse.withUnsafeMutableBufferPointer { p in
                        let (f, u, v, p) = (f.baseAddress!, u.baseAddress!, v.baseAddress!, p.baseAddress!)
                        return k >= d ? tall(x, k, lambda, w, prediction ? s : nil, sigma, f, u, v, p)
                            : wide(x, k, lambda, w, prediction ? s : nil, sigma, f, u, v, p)
                    }
                }
            }
        }
    }

    /// The variance trace tr(W A^-1 G A^-1) with G = A - lambda I, A = L L^T (n x n), as
    /// tr(W A^-1) - lambda tr(W A^-2) from P = A^-1 = L^-T L^-1 (n^3/3 multiply-adds), W = diag(weights)
    /// or I; nil when the difference would cancel (lambda tr(W A^-2) > tr(W A^-1) / 2: then at most one
    /// bit is lost), which leaves the caller's explicit route.
    static func varianceByTraces(_ l: UnsafePointer<Double>, _ n: Int, _ lambda: Double, _ weights: UnsafePointer<Double>?,
                                 _ scratch: UnsafeMutablePointer<Double>) -> Double? {
        let c = scratch, p = scratch + n * n
        // C = L^-1 (lower triangular), column j by forward substitution from row j.
        for j in 0..<n {
            let column = c + j * n
            column.update(repeating: 0, count: n)
            column[j] = 1
            for q in j..<n {
                column[q] /= l[q + q * n]
                if column[q] != 0 { LaneDot.axpy(-column[q], l + q + 1 + q * n, column + q + 1, count: n - q - 1) }
            }
        }
        // P = C^T C: P_ij = sum_{q >= max(i, j)} C_qi C_qj (lower triangle).
        var first = 0.0, second = 0.0
        for j in 0..<n {
            for i in j..<n { p[i + j * n] = LaneDot.of(c + i + i * n, c + i + j * n, count: n - i) }
        }
        for i in 0..<n {
            let wi = weights?[i] ?? 1
            first += wi * p[i + i * n]
            // (P^2)_ii = sum_j P_ij^2.
            var row = 0.0
            for j in 0..<n { row += i >= j ? p[i + j * n] * p[i + j * n] : p[j + i * n] * p[j + i * n] }
            second += wi * row
        }
        let subtracted = lambda * second
        guard subtracted <= 0.5 * first else { return nil }
        return first - subtracted
    }

    /// K >= d: the d x K matrix Z, stored by rows (row i = the design's column i, contiguous), starts as
    /// X^T and becomes M^-1 X^T = U.
    private func tall(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ w: UnsafePointer<Double>,
                      _ s: UnsafePointer<Double>?, _ sigma: Double,
                      _ f: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>,
                      _ v: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>) -> Double {
        gram(x, k, lambda, f)
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
                      _ s: UnsafePointer<Double>?, _ sigma: Double,
                      _ f: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>,
                      _ v: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>) -> Double {
        outerGram(x, k, lambda, f)
        guard Self.cholesky(f, k) else { return .nan }
        let weight = { (i: Int) in s?[i] ?? 1 }
        // ||Y||_F^2 = tr(N^-1 X X^T N^-1) by traces (estimation only: Sigma weights do not pass through N).
        // q = Y w* = N^-1 (X w*) (K), then b = w* - X^T q.
        v.update(repeating: 0, count: k)
        for c in 0..<d where w[c] != 0 { LaneDot.axpy(w[c], x + c * k, v, count: k) }
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
            let b = w[c] - LaneDot.of(x + c * k, v, count: k)
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
                    gram(x, k, lambda, f)
                    guard Self.cholesky(f, d) else { return solution.update(repeating: .nan, count: d) }
                    for c in 0..<d { solution[c] = LaneDot.of(x + c * k, y, count: k) }
                    Self.solve(f, d, solution)
                } else {
                    outerGram(x, k, lambda, f)
                    guard Self.cholesky(f, k) else { return solution.update(repeating: .nan, count: d) }
                    v.update(from: y, count: k)
                    Self.solve(f, k, v)
                    for c in 0..<d { solution[c] = LaneDot.of(x + c * k, v, count: k) }
                }
            }
        }
    }

    /// The lower triangle of X^T X + lambda I (d x d, column-major) into `f`: dots of the design's columns.
    private func gram(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ f: UnsafeMutablePointer<Double>) {
        for j in 0..<d {
            for i in j..<d { f[i + j * d] = LaneDot.of(x + i * k, x + j * k, count: k) }
            f[j + j * d] += lambda
        }
    }

    /// The lower triangle of X X^T + lambda I (K x K, column-major) into `f`: one rank-one update per
    /// design column, each a run of contiguous updates.
    private func outerGram(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ f: UnsafeMutablePointer<Double>) {
        f.update(repeating: 0, count: k * k)
        for c in 0..<d {
            let column = x + c * k
            for j in 0..<k where column[j] != 0 { LaneDot.axpy(column[j], column + j, f + j + j * k, count: k - j) }
        }
        for j in 0..<k { f[j + j * k] += lambda }
    }

    /// In-place right-looking Cholesky of the lower triangle of the n x n column-major `a` (a = L L^T);
    /// false when a pivot is not positive.
    static func cholesky(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        for j in 0..<n {
            let pivot = a[j + j * n]
            guard pivot > 0, pivot.isFinite else { return false }
            let root = pivot.squareRoot(), inverse = 1 / root
            a[j + j * n] = root
            let column = a + j * n
            for i in (j + 1)..<n { column[i] *= inverse }
            // Trailing update, column by column: a[i, c] -= l[i, j] l[c, j] for i >= c > j.
            for c in (j + 1)..<n where column[c] != 0 { LaneDot.axpy(-column[c], column + c, a + c + c * n, count: n - c) }
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
