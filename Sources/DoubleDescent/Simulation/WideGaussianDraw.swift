import DDLinearAlgebra
import DDRandom


/// Wide Gaussian draws (0 < K < d rows) in triangular-plus-dense form (docs/MATH.md, "Monte Carlo",
/// "Wide Gaussian draws").
///
/// The error of a draw, ||(I - P) w*||^2 + sigma^2 tr((X X^T)^-1), does not change when the rows are
/// rotated (X -> U X), and neither does the law of Z in X = Z D^(1/2): i.i.d. rows are Gaussian, and
/// the surrogate's weight det(Z_S)^2 is rotation invariant. Rotating the rows by Householder
/// reflections chosen from K columns T, last column first, turns Z_T into a lower-triangular B with
/// independent entries, B_jj ~ chi(j + e) (1-based; e = 0 for i.i.d. rows, e = 2 for the surrogate,
/// T its kept set S) and N(0, 1) below the diagonal, and leaves the other columns i.i.d. N(0, 1).
/// So X^T, rows reordered as [T; the rest], is [A; V] with A = D_T^(1/2) B^T upper triangular and V
/// dense, and is drawn in that form: K(K+1)/2 + K(d - K) variates instead of K d.
/// The triangular-pentagonal QR (`TriangularPentagonalQR`, LAPACK's dtpqrt in our own code) factors
/// [A; V] = Q R in 2 (d - K) K^2 flops, against 2 d K^2 - 2 K^3/3 for a dense QR. Then
/// tr((X X^T)^-1) = ||R^-1||_F^2, and ||(I - P) w*||^2 is the squared norm of the last d - K entries
/// of Q^T w*, with no cancellation.
///
/// The rank test is the solver's on the whitened triangle D_T^(-1/2) R (`hasFullRank`): when some
/// |R_jj| / sqrt(s_(T_j)) <= 100 d eps max_i |R_ii| / sqrt(s_(T_i)) the draw is replayed as explicit
/// rows and handed to `MinNormSolver`, which takes the pseudo-inverse (never seen for Gaussian
/// designs in practice). Row j of R belongs to coordinate T_j, so R's diagonal is graded like the
/// spectrum (R = A when V = 0); the unwhitened test took the real but small directions of a spectrum
/// with condition number above about 1e25 for rank deficiency, and the pseudo-inverse then dropped
/// them (docs/MATH.md, "Monte Carlo", "Wide Gaussian draws").
final class WideGaussianDraw {
    let d: Int
    /// K x K, then R, then R^-1.
    private let triangle: ScratchBuffer<Double>
    /// (d - K) x K, then the QR's reflectors.
    private let dense: ScratchBuffer<Double>
    /// The reflectors' scalars tau (K entries).
    private let tau: ScratchBuffer<Double>
    /// An explicit design (K x d), for the fallback.
    private let work: ScratchBuffer<Double>
    /// w* in the order [T; the rest], then Q^T w*.
    private let weights: ScratchBuffer<Double>
    /// The rows of X^T in drawing order: T first, then the other coordinates in increasing order.
    private let order: ScratchBuffer<Int>
    /// For the prediction risk: Q [R^-T, 0; 0, c], its top K rows and its bottom d - K rows (K + 1
    /// columns each), and the eigenvalues in the order [T; the rest], made on first use.
    private lazy var liftedTop = ScratchBuffer(capacity: d * d, zero: 0.0)
    private lazy var liftedBottom = ScratchBuffer(capacity: d * d, zero: 0.0)
    private lazy var orderedEigenvalues = ScratchBuffer(capacity: d, zero: 0.0)

    init(d: Int) {
        self.d = d
        triangle = ScratchBuffer(capacity: d * d, zero: 0.0)
        dense = ScratchBuffer(capacity: d * d, zero: 0.0)
        tau = ScratchBuffer(capacity: d, zero: 0.0)
        work = ScratchBuffer(capacity: d * d, zero: 0.0)
        weights = ScratchBuffer(capacity: d, zero: 0.0)
        order = ScratchBuffer(capacity: d, zero: 0)
    }

    /// The error of one draw with `k` rows (0 < k < d). `triangleColumns` holds T, k increasing
    /// coordinates (the surrogate's kept set; any k coordinates for i.i.d. rows); `chiExcess` is e.
    /// `fallback` solves an explicit K x d design (column-major, leading dimension K) when R is
    /// numerically singular. With `prediction` the error is the prediction risk ||w_hat - w*||_Sigma^2
    /// of the same draw (`predictionRisk`), and `fallback` must return that too.
    func error(rows k: Int, triangleColumns: UnsafePointer<Int>, chiExcess: Int, rootEigenvalues root: UnsafePointer<Double>,
               wstar: UnsafePointer<Double>, sigma: Double, prediction: Bool = false, using rng: inout RandomStream,
               fallback: (UnsafeMutablePointer<Double>) -> Double) -> Double {
        precondition(k > 0 && k < d, "a wide draw needs 0 < K < d rows")
        let m = d - k, a = triangle.pointer, v = dense.pointer
        let replay = rng
        CoordinateOrder.keptFirst(k, of: triangleColumns, d: d, into: order.pointer)
        draw(rows: k, chiExcess: chiExcess, rootEigenvalues: root, using: &rng)
        TriangularPentagonalQR.factor(triangle: a, dense: v, m: m, k: k, tau: tau.pointer)
        guard hasFullRank(rows: k, rootEigenvalues: root) else {
            var again = replay
            return fallback(explicitDesign(rows: k, triangleColumns: triangleColumns, chiExcess: chiExcess,
                                           rootEigenvalues: root, using: &again))
        }
        let w = weights.pointer
        for i in 0..<d { w[i] = wstar[order.pointer[i]] }
        TriangularPentagonalQR.applyTranspose(to: w, dense: v, m: m, k: k, tau: tau.pointer)
        TriangularInverse.invert(a, n: k, ld: k, upper: true)
        if prediction { return predictionRisk(rows: k, sigma: sigma, rootEigenvalues: root) }
        let bias = SquaredNorm.of(w + k, count: d - k)
        var trace = 0.0
        for j in 0..<k {
            trace += SquaredNorm.of(a + j * k, count: j + 1)
        }
        return bias + sigma * sigma * trace
    }

    /// ||Sigma^(1/2) (I - P) w*||^2 + sigma^2 ||Sigma^(1/2) X^+||_F^2, once R has been inverted (in
    /// `triangle`) and `weights` holds Q^T w*. In the order [T; the rest], X^T = Q_1 R, so X^+ = Q_1 R^-T
    /// = Q [R^-T; 0], and (I - P) w* = Q [0; c] with c the last d - K entries of Q^T w*: one application
    /// of Q to K + 1 columns, then sums of squares weighted by s (docs/MATH.md, "Prediction risk").
    /// Every exact route we know costs about as much: this one is 4 (d - K) K^2 flops on top of the
    /// estimation error's 2 (d - K) K^2 + K^3 / 3 (bench/RESULTS.md, "Prediction risk: cost per trial").
    private func predictionRisk(rows k: Int, sigma: Double, rootEigenvalues root: UnsafePointer<Double>) -> Double {
        let m = d - k, columns = k + 1, e = triangle.pointer, w = weights.pointer, o = order.pointer
        let top = liftedTop.pointer, bottom = liftedBottom.pointer, s = orderedEigenvalues.pointer
        for i in 0..<d { s[i] = root[o[i]] * root[o[i]] }
        // Top: R^-T (lower triangular: entry (i, j) = (R^-1)_(j, i)), then 0 in the last column.
        for j in 0..<k {
            for i in 0..<k { top[i + j * k] = i >= j ? e[j + i * k] : 0 }
        }
        (top + k * k).update(repeating: 0, count: k)
        // Bottom: 0, then c in the last column.
        bottom.update(repeating: 0, count: m * k)
        (bottom + m * k).update(from: w + k, count: m)
        TriangularPentagonalQR.apply(toTop: top, bottom: bottom, columns: columns, dense: dense.pointer, m: m, k: k,
                                     tau: tau.pointer)
        var variance = 0.0, bias = 0.0
        for j in 0...k {
            var sum = 0.0
            let t = top + j * k, b = bottom + j * m, sb = s + k
            for i in 0..<k { sum += s[i] * t[i] * t[i] }
            for i in 0..<m { sum += sb[i] * b[i] * b[i] }
            if j < k { variance += sum } else { bias = sum }
        }
        return bias + sigma * sigma * variance
    }

    /// The rank test on the diagonal of R (in `triangle`) whitened by the rows' sqrt(s).
    private func hasFullRank(rows k: Int, rootEigenvalues root: UnsafePointer<Double>) -> Bool {
        let a = triangle.pointer, o = order.pointer
        var largest = 0.0, smallest = Double.infinity
        for i in 0..<k {
            let whitened = abs(a[i * (k + 1)]) / root[o[i]]
            largest = max(largest, whitened)
            smallest = min(smallest, whitened)
        }
        return smallest > PseudoInverseFactorization.rankTolerance(d) * largest
    }

    /// A (upper triangular, column by column: normals above the diagonal, the chi on it) and V
    /// (i.i.d. normals), each row scaled by the square root of its coordinate's eigenvalue.
    private func draw(rows k: Int, chiExcess: Int, rootEigenvalues root: UnsafePointer<Double>,
                      using rng: inout RandomStream) {
        let m = d - k, a = triangle.pointer, v = dense.pointer, o = order.pointer
        for j in 0..<k {
            let column = a + j * k
            rng.fillNormal(UnsafeMutableBufferPointer(start: column, count: j))
            column[j] = rng.chi(degreesOfFreedom: Double(j + 1 + chiExcess))
            (column + j + 1).update(repeating: 0, count: k - j - 1)
            for i in 0...j { column[i] *= root[o[i]] }
        }
        rng.fillNormal(UnsafeMutableBufferPointer(start: v, count: m * k))
        for j in 0..<k {
            for i in 0..<m { v[i + j * m] *= root[o[k + i]] }
        }
    }

    /// The draw `error` makes from the same stream, as explicit rows X (K x d, column-major, leading
    /// dimension K; valid until the next call): X[i, o_r] is row r of [A; V] at column i.
    func explicitDesign(rows k: Int, triangleColumns: UnsafePointer<Int>, chiExcess: Int,
                        rootEigenvalues root: UnsafePointer<Double>, using rng: inout RandomStream) -> UnsafeMutablePointer<Double> {
        CoordinateOrder.keptFirst(k, of: triangleColumns, d: d, into: order.pointer)
        draw(rows: k, chiExcess: chiExcess, rootEigenvalues: root, using: &rng)
        let m = d - k, a = triangle.pointer, v = dense.pointer, o = order.pointer
        let x = work.pointer
        for r in 0..<d {
            for i in 0..<k { x[i + o[r] * k] = r < k ? a[r + i * k] : v[(r - k) + i * m] }
        }
        return x
    }
}
