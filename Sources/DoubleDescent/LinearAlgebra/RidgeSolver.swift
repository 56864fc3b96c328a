/// The noise-averaged error of the ridge estimator w_lambda = (X^T X + lambda I)^-1 X^T y on one
/// design, in pure Swift (no BLAS or LAPACK: fixed loop order, so the bits depend on nothing but the
/// inputs). docs/MATH.md, "Ridge at any lambda", "The error of one design": with M = lambda I + X^T X,
///
///     E_xi ||w_lambda - w*||^2 = ||b||^2 + sigma^2 ||U||_F^2,   b = lambda M^-1 w*,   U = M^-1 X^T,
///
/// and the prediction risk weights every coordinate i by s_i (the design is in Sigma's eigenbasis).
///
/// - K >= d: Cholesky of M (d x d); U by K solves with it, b by one.
/// - K < d: the push-through identity M^-1 X^T = X^T N^-1 with N = X X^T + lambda I (K x K): Cholesky
///   of N, Y = N^-1 X (so U = Y^T), and b = w* - X^T (Y w*) (Woodbury: lambda M^-1 = I - X^T N^-1 X).
///   At lambda = 0 this is the min-norm estimator's (I - P) w* and X^+.
///
/// Returns NaN when the factored matrix is not numerically positive definite (lambda <= 0 only).
package final class RidgeSolver {
    let d: Int
    /// The factored matrix (max(K, d)^2 at most), the right-hand sides (K d) and a vector.
    private var factor: [Double] = [0]
    private var solutions: [Double] = [0]
    private var vector: [Double] = [0]

    package init(d: Int) { self.d = d }

    /// The error for the K x d design `x` (column-major, leading dimension `rows`), penalty `lambda`,
    /// weights `w` and eigenvalues `s` (both in Sigma's eigenbasis).
    package func conditionalError(design x: UnsafePointer<Double>, rows k: Int, lambda: Double,
                                  wstar w: UnsafePointer<Double>, eigenvalues s: UnsafePointer<Double>, sigma: Double,
                                  prediction: Bool) -> Double {
        let size = k >= d ? d : k
        if factor.count < size * size { factor = Array(repeating: 0, count: size * size) }
        if solutions.count < k * d { solutions = Array(repeating: 0, count: k * d) }
        if vector.count < max(k, d) { vector = Array(repeating: 0, count: max(k, d)) }
        return factor.withUnsafeMutableBufferPointer { f in
            solutions.withUnsafeMutableBufferPointer { u in
                vector.withUnsafeMutableBufferPointer { v in
                    k >= d ? tall(x, k, lambda, w, s, sigma, prediction, f.baseAddress!, u.baseAddress!, v.baseAddress!)
                        : wide(x, k, lambda, w, s, sigma, prediction, f.baseAddress!, u.baseAddress!, v.baseAddress!)
                }
            }
        }
    }

    /// K >= d: M = X^T X + lambda I, L L^T = M; column r of U (d x K, column-major) solves M u = x_r.
    private func tall(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ w: UnsafePointer<Double>,
                      _ s: UnsafePointer<Double>, _ sigma: Double, _ prediction: Bool,
                      _ f: UnsafeMutablePointer<Double>, _ u: UnsafeMutablePointer<Double>,
                      _ v: UnsafeMutablePointer<Double>) -> Double {
        gram(x, k, lambda, f)
        guard Self.cholesky(f, d) else { return .nan }
        var variance = 0.0
        for r in 0..<k {
            let column = u + r * d
            for i in 0..<d { column[i] = x[r + i * k] }
            Self.solve(f, d, column)
            for i in 0..<d { variance += (prediction ? s[i] : 1) * column[i] * column[i] }
        }
        for i in 0..<d { v[i] = w[i] }
        Self.solve(f, d, v)
        var bias = 0.0
        for i in 0..<d {
            let b = lambda * v[i]
            bias += (prediction ? s[i] : 1) * b * b
        }
        return bias + sigma * sigma * variance
    }

    /// K < d: N = X X^T + lambda I (K x K), L L^T = N; column c of Y (K x d, column-major) solves N y = x^(c).
    private func wide(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ w: UnsafePointer<Double>,
                      _ s: UnsafePointer<Double>, _ sigma: Double, _ prediction: Bool,
                      _ f: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>,
                      _ v: UnsafeMutablePointer<Double>) -> Double {
        outerGram(x, k, lambda, f)
        guard Self.cholesky(f, k) else { return .nan }
        var variance = 0.0
        for c in 0..<d {
            let column = y + c * k
            for r in 0..<k { column[r] = x[r + c * k] }
            Self.solve(f, k, column)
            var sum = 0.0
            for r in 0..<k { sum += column[r] * column[r] }
            variance += (prediction ? s[c] : 1) * sum
        }
        // q = Y w* (K), then b = w* - X^T q.
        for r in 0..<k { v[r] = 0 }
        for c in 0..<d {
            let column = y + c * k, wc = w[c]
            for r in 0..<k { v[r] += column[r] * wc }
        }
        var bias = 0.0
        for c in 0..<d {
            var projected = 0.0
            for r in 0..<k { projected += x[r + c * k] * v[r] }
            let b = w[c] - projected
            bias += (prediction ? s[c] : 1) * b * b
        }
        return bias + sigma * sigma * variance
    }

    /// The ridge solution w_lambda = M^-1 X^T y for the K x d design `x` (column-major, leading
    /// dimension `rows`) and responses `y`, into `solution` (d values): K >= d by the Cholesky factor
    /// of M, K < d as X^T (N^-1 y). All NaN when the factored matrix is not positive definite.
    package func solve(design x: UnsafePointer<Double>, rows k: Int, lambda: Double, response y: UnsafePointer<Double>,
                       solution: UnsafeMutablePointer<Double>) {
        let size = k >= d ? d : k
        if factor.count < size * size { factor = Array(repeating: 0, count: size * size) }
        if vector.count < max(k, d) { vector = Array(repeating: 0, count: max(k, d)) }
        factor.withUnsafeMutableBufferPointer { f in
            vector.withUnsafeMutableBufferPointer { v in
                let f = f.baseAddress!, v = v.baseAddress!
                if k >= d {
                    gram(x, k, lambda, f)
                    guard Self.cholesky(f, d) else { return solution.update(repeating: .nan, count: d) }
                    for c in 0..<d {
                        var sum = 0.0
                        for r in 0..<k { sum += x[r + c * k] * y[r] }
                        solution[c] = sum
                    }
                    Self.solve(f, d, solution)
                } else {
                    outerGram(x, k, lambda, f)
                    guard Self.cholesky(f, k) else { return solution.update(repeating: .nan, count: d) }
                    for r in 0..<k { v[r] = y[r] }
                    Self.solve(f, k, v)
                    for c in 0..<d {
                        var sum = 0.0
                        for r in 0..<k { sum += x[r + c * k] * v[r] }
                        solution[c] = sum
                    }
                }
            }
        }
    }

    /// The lower triangle of X^T X + lambda I (d x d, column-major) into `f`.
    private func gram(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ f: UnsafeMutablePointer<Double>) {
        for j in 0..<d {
            for i in j..<d {
                var sum = 0.0
                for r in 0..<k { sum += x[r + i * k] * x[r + j * k] }
                f[i + j * d] = sum + (i == j ? lambda : 0)
            }
        }
    }

    /// The lower triangle of X X^T + lambda I (K x K, column-major) into `f`.
    private func outerGram(_ x: UnsafePointer<Double>, _ k: Int, _ lambda: Double, _ f: UnsafeMutablePointer<Double>) {
        for j in 0..<k {
            for i in j..<k {
                var sum = 0.0
                for c in 0..<d { sum += x[i + c * k] * x[j + c * k] }
                f[i + j * k] = sum + (i == j ? lambda : 0)
            }
        }
    }

    /// In-place Cholesky of the lower triangle of the n x n column-major `a` (a = L L^T); false when
    /// a pivot is not positive.
    static func cholesky(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        for j in 0..<n {
            var pivot = a[j + j * n]
            for p in 0..<j { pivot -= a[j + p * n] * a[j + p * n] }
            guard pivot > 0, pivot.isFinite else { return false }
            let root = pivot.squareRoot()
            a[j + j * n] = root
            for i in (j + 1)..<n {
                var sum = a[i + j * n]
                for p in 0..<j { sum -= a[i + p * n] * a[j + p * n] }
                a[i + j * n] = sum / root
            }
        }
        return true
    }

    /// b <- (L L^T)^-1 b with the factor from `cholesky`.
    static func solve(_ l: UnsafePointer<Double>, _ n: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            var sum = b[i]
            for p in 0..<i { sum -= l[i + p * n] * b[p] }
            b[i] = sum / l[i + i * n]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[i]
            for p in (i + 1)..<n { sum -= l[p + i * n] * b[p] }
            b[i] = sum / l[i + i * n]
        }
    }
}
