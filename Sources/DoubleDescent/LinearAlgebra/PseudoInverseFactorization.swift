/// The pseudo-inverse of a K x d design X (K >= 1) in factored form, through a Householder QR in
/// our own code (`Householder`; README.md, "Own kernels, fixed order"). With m = min(K, d):
///
/// * tall designs, K >= d: X = Q T with T = R, the d x d upper-triangular
///   factor of X;
/// * wide designs, K < d: X = T Q^T with T = R^T, R the K x K factor of X^T
///   (an LQ factorization of X).
///
/// Q has m orthonormal columns and stays implicit: the reflectors, applied to
/// vectors and matrices one reflector at a time. Because Q is orthonormal the
/// pseudo-inverse splits,
///
///     X^+ = T^+ Q^T (tall),   X^+ = Q T^+ (wide),
///
/// and P = X^+ X, the projection on the row space of X, is T^+ T (tall) or
/// Q (T^+ T) Q^T (wide). Only the small m x m factor T has to be inverted.
///
/// Full rank (every |R_ii| > 100 max(K, d) * eps * max |R_ii|): T^+ = T^{-1},
/// applied by triangular solves or inverted (`TriangularInverse`). Otherwise the
/// SVD T = U diag(sigma) V^T (`JacobiSVD`) gives T^+ = V_r diag(1/sigma_r) U_r^T
/// over the r singular values above 100 max(K, d) * eps * sigma_1, so the result
/// is still X^+ exactly, with rank r.
///
/// Not thread-safe; all storage is owned and reused across factorizations. No result depends on
/// which sizes were factored before: every loop runs over the current sizes only.
package final class PseudoInverseFactorization {
    let d: Int
    /// K of the current factorization.
    private(set) var rows = 0
    /// Numerical rank of the current design: m when full rank.
    private(set) var rank = 0
    private(set) var isFullRank = true

    private var m: Int { min(rows, d) }
    private var isTall: Bool { rows >= d }
    /// Rows (and leading dimension) of the matrix that is factored: X when
    /// tall, X^T when wide.
    private var storedRows: Int { max(rows, d) }
    /// The largest K the buffers below hold.
    private var reservedRows = -1

    /// The QR's output: R on and above the diagonal, reflectors below.
    private let factors = ScratchBuffer(capacity: 1, zero: 0.0)
    private let tau = ScratchBuffer(capacity: 1, zero: 0.0)
    /// m x m: a dense copy of T, then T^{-1} or V_r diag(1/sigma_r).
    private let triangle = ScratchBuffer(capacity: 1, zero: 0.0)
    /// The SVD of T (rank-deficient designs only): U and V (m x m, singular vectors in the columns).
    private let svdU = ScratchBuffer(capacity: 1, zero: 0.0)
    private let svdV = ScratchBuffer(capacity: 1, zero: 0.0)
    private let singularValues = ScratchBuffer(capacity: 1, zero: 0.0)
    /// Coordinates in a singular basis, length m.
    private let coefficients = ScratchBuffer(capacity: 1, zero: 0.0)
    /// Q^T y for tall designs, length K.
    private let response = ScratchBuffer(capacity: 1, zero: 0.0)
    /// Q [H; 0] for wide designs, d x m.
    private let lifted = ScratchBuffer(capacity: 1, zero: 0.0)

    package init(d: Int, maxRows: Int) {
        precondition(d >= 1, "the design needs at least one column")
        precondition(maxRows >= 0, "maxRows must be non-negative")
        self.d = d
        reserve(rows: maxRows)
    }

    /// Factors the column-major K x d `design` (leading dimension K), which
    /// is copied, never modified.
    func factor(design: UnsafePointer<Double>, rows k: Int) {
        precondition(k >= 1, "factor needs at least one row")
        reserve(rows: k)
        rows = k
        let n = storedRows, m = self.m, a = factors.pointer
        if isTall {
            a.update(from: design, count: k * d)
        } else {
            // X^T, d x K: entry (i, j) is X[j, i].
            for j in 0..<k {
                for i in 0..<d { a[i + j * d] = design[j + i * k] }
            }
        }
        // Householder QR in panels of four columns (LAPACK's dgeqrf with a block of 4): each panel is
        // factored one reflector at a time (dgeqr2), and the four are applied together to the columns
        // right of the panel (`HouseholderPanel`). The last m mod 4 columns, and panels with fewer
        // than four rows below them, go one reflector at a time.
        var j0 = 0
        while j0 < m {
            let panel = j0 + 4 <= m && n - j0 > 4 ? 4 : m - j0
            for j in j0..<(j0 + panel) {
                let column = a + j * n
                let (beta, t) = Householder.generate(alpha: column[j], x: column + j + 1, count: n - j - 1)
                column[j] = beta
                tau.pointer[j] = t
                let right = panel == 4 ? j0 + 4 - j - 1 : m - j - 1
                Householder.reflect(tau: t, v: column + j + 1, count: n - j - 1, top: column + n + j, topStride: n,
                                    bottom: column + n + j + 1, bottomStride: n, columns: right)
            }
            if panel == 4 && j0 + 4 < m {
                let corner = a + j0 + j0 * n
                HouseholderPanel(reflectors: corner, ld: n, rows: n - j0, tau: tau.pointer + j0)
                    .applyTranspose(to: corner + 4 * n, ldc: n, columns: m - j0 - 4)
            }
            j0 += panel
        }
        isFullRank = Self.hasFullRank(a, order: m, leadingDimension: n, storedRows: n)
        rank = isFullRank ? m : singularValueRank()
    }

    /// x := (I - P) x for x of length d, P = X^+ X. For wide designs
    /// I - P = Q_d diag(I_K - T^+ T, I_{d-K}) Q_d^T, with Q_d the full d x d
    /// product of reflectors: this is ||w - Q (Q^T w)||, computed without
    /// subtracting two nearly equal squared norms.
    func projectOntoNullSpace(_ x: UnsafeMutablePointer<Double>) {
        if isTall {
            removeRowSpaceComponentOfT(x)
        } else {
            multiplyByQ(transposed: true, vector: x)
            removeRowSpaceComponentOfT(x)
            multiplyByQ(transposed: false, vector: x)
        }
    }

    /// x := X^+ y, for y of length K and x of length d.
    func multiplyByPseudoInverse(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        if isTall {
            // X^+ y = T^+ (Q^T y)[0..<d].
            let v = response.pointer
            v.update(from: y, count: rows)
            multiplyByQ(transposed: true, vector: v)
            multiplyByPseudoInverseOfT(v)
            x.update(from: v, count: d)
        } else {
            // X^+ y = Q_d [T^+ y; 0].
            x.update(from: y, count: rows)
            multiplyByPseudoInverseOfT(x)
            (x + rows).update(repeating: 0, count: d - rows)
            multiplyByQ(transposed: false, vector: x)
        }
    }

    /// A d x `columns` matrix L (leading dimension d) with L L^T = X^+ X^{+T},
    /// so tr((X^T X)^+) = ||L||_F^2 and tr(Sigma X^+ X^{+T}) = ||Sigma^{1/2} L||_F^2.
    ///
    /// From H with H H^T = T^+ T^{+T}: H = T^{-1} (full rank; T^{-1} is R^{-1}
    /// or R^{-T}) or H = V_r diag(1/sigma_r); then L = H (tall) or
    /// L = Q_d [H; 0] (wide, Q applied to H's columns, never formed).
    /// With `lift: false` a wide design's H itself is returned (m rows): Q is orthonormal, so
    /// ||L||_F = ||H||_F, and that application of Q, the most expensive step for K < d, is skipped; only the
    /// unweighted norm is then meaningful. Valid until the next `factor`.
    /// `shape` says which entries can be non-zero (H = T^{-1} is triangular), so the norms can skip the zeros.
    func pseudoInverseGramFactor(lift: Bool = true) -> (matrix: UnsafePointer<Double>, rows: Int, columns: Int,
                                                        shape: MatrixShape) {
        let m = self.m, h = triangle.pointer
        let columns: Int
        if isFullRank {
            copyT()
            TriangularInverse.invert(h, n: m, ld: m, upper: isTall)
            columns = m
        } else {
            // Column j of H is v_j / sigma_j.
            let v = svdV.pointer, sigma = singularValues.pointer
            for j in 0..<rank {
                for i in 0..<m { h[i + j * m] = v[i + j * m] / sigma[j] }
            }
            columns = rank
        }
        if isTall || !lift {
            let shape: MatrixShape = !isFullRank ? .full : isTall ? .upperTriangular : .lowerTriangular
            return (UnsafePointer(h), m, columns, shape)
        }
        let l = lifted.pointer
        for j in 0..<columns {
            (l + j * d).update(from: h + j * m, count: m)
            (l + j * d + m).update(repeating: 0, count: d - m)
        }
        multiplyByQ(matrix: l, columns: columns)
        return (UnsafePointer(l), d, columns, .full)
    }

    // MARK: - The small factor T

    /// Writes T (R when tall, R^T when wide) densely into `triangle`, m x m, zeros included.
    private func copyT() {
        let n = storedRows, m = self.m, a = factors.pointer, t = triangle.pointer
        if isTall {
            // Column j of R: rows 0...j of column j of `factors`, then zeros.
            for j in 0..<m {
                (t + j * m).update(from: a + j * n, count: j + 1)
                (t + j * m + j + 1).update(repeating: 0, count: m - j - 1)
            }
        } else {
            // Column j of R^T is row j of R: zeros above the diagonal, R[j, i] for i >= j.
            for j in 0..<m {
                (t + j * m).update(repeating: 0, count: j)
                for i in j..<m { t[i + j * m] = a[j + i * n] }
            }
        }
    }

    /// SVD of T into svdU, singularValues (descending), svdV; returns the
    /// number of singular values above 100 max(K, d) * eps * sigma_1 (`rankTolerance`).
    private func singularValueRank() -> Int {
        copyT()
        JacobiSVD.decompose(triangle.pointer, order: m, u: svdU.pointer, singularValues: singularValues.pointer,
                            v: svdV.pointer)
        let sigma = singularValues.pointer
        let tolerance = Self.rankTolerance(storedRows) * sigma[0]
        return (0..<self.m).prefix { sigma[$0] > tolerance }.count
    }

    /// x := T^+ x for x of length m.
    private func multiplyByPseudoInverseOfT(_ x: UnsafeMutablePointer<Double>) {
        let m = self.m, n = storedRows, r = factors.pointer
        if isFullRank {
            if isTall {
                // Back substitution with T = R, column by column: x_j /= R_jj, then x_i -= x_j R_ij.
                for j in stride(from: m - 1, through: 0, by: -1) {
                    x[j] = x[j] / r[j + j * n]
                    for i in 0..<j { x[i] -= x[j] * r[i + j * n] }
                }
            } else {
                // Forward substitution with T = R^T: x_i = (x_i - (column i of R above the diagonal) . x) / R_ii.
                for i in 0..<m { x[i] = (x[i] - Householder.dot(r + i * n, x, count: i)) / r[i + i * n] }
            }
            return
        }
        // V_r diag(1/sigma_r) U_r^T x.
        let c = coefficients.pointer, u = svdU.pointer, v = svdV.pointer, sigma = singularValues.pointer
        for j in 0..<rank { c[j] = Householder.dot(u + j * m, x, count: m) / sigma[j] }
        x.update(repeating: 0, count: m)
        for j in 0..<rank {
            for i in 0..<m { x[i] += c[j] * v[i + j * m] }
        }
    }

    /// x := (I - T^+ T) x for x of length m; T^+ T = I at full rank, else V_r V_r^T.
    private func removeRowSpaceComponentOfT(_ x: UnsafeMutablePointer<Double>) {
        if isFullRank {
            x.update(repeating: 0, count: m)
            return
        }
        let m = self.m, c = coefficients.pointer, v = svdV.pointer
        for j in 0..<rank { c[j] = Householder.dot(v + j * m, x, count: m) }
        for j in 0..<rank {
            for i in 0..<m { x[i] -= c[j] * v[i + j * m] }
        }
    }

    // MARK: - Plumbing

    /// Relative size below which a diagonal entry of R, or a singular value of T, counts as zero:
    /// 100 max(K, d) eps. Rounding leaves about sqrt(max(K, d)) eps |R| where a row exactly repeats
    /// another (a data set's rows drawn with replacement), which the bare max(K, d) eps did not
    /// always catch; a continuous design is this close to singular with probability about 1e-13.
    package static func rankTolerance(_ rows: Int) -> Double { 100 * Double(rows) * .ulpOfOne }

    /// The rank test on the diagonal of an m x m triangular R (leading dimension `ld`) from the QR of a
    /// matrix with `storedRows` rows: every |R_ii| above rankTolerance(storedRows) max |R_ii|.
    package static func hasFullRank(_ r: UnsafePointer<Double>, order m: Int, leadingDimension ld: Int, storedRows: Int) -> Bool {
        var largest = 0.0, smallest = Double.infinity
        for i in 0..<m {
            largest = max(largest, abs(r[i * (ld + 1)]))
            smallest = min(smallest, abs(r[i * (ld + 1)]))
        }
        return smallest > rankTolerance(storedRows) * largest
    }

    /// C := Q_n C, Q_n = H_0 ... H_(m-1) the full product of the reflectors, for C with
    /// `storedRows` rows (leading dimension `storedRows`): H_(m-1) first, each to every column.
    private func multiplyByQ(matrix c: UnsafeMutablePointer<Double>, columns: Int) {
        let n = storedRows, a = factors.pointer
        for i in stride(from: m - 1, through: 0, by: -1) {
            Householder.reflect(tau: tau.pointer[i], v: a + i * n + i + 1, count: n - i - 1, top: c + i, topStride: n,
                                bottom: c + i + 1, bottomStride: n, columns: columns)
        }
    }

    /// x := Q_n x or Q_n^T x for one vector of length `storedRows`, one
    /// reflector at a time: H_i x = x - tau_i u_i (u_i^T x),
    /// u_i = e_i plus column i of `factors` below the diagonal.
    private func multiplyByQ(transposed: Bool, vector x: UnsafeMutablePointer<Double>) {
        let n = storedRows, a = factors.pointer
        // Q_n^T = H_(m-1) ... H_0 applies H_0 first; Q_n applies H_(m-1) first.
        let order = transposed ? stride(from: 0, to: m, by: 1) : stride(from: m - 1, to: -1, by: -1)
        for i in order {
            Householder.reflect(tau: tau.pointer[i], v: a + i * n + i + 1, count: n - i - 1, top: x + i, topStride: 1,
                                bottom: x + i + 1, bottomStride: n, columns: 1)
        }
    }

    /// Grows every buffer to hold a K-row problem; a no-op once it has.
    private func reserve(rows k: Int) {
        guard k > reservedRows else { return }
        reservedRows = k
        let m = min(k, d)
        factors.reserve(k * d)
        for buffer in [tau, singularValues, coefficients] { buffer.reserve(m) }
        for buffer in [triangle, svdU, svdV] { buffer.reserve(m * m) }
        response.reserve(k)
        lifted.reserve(d * min(k, d - 1))
    }
}

/// Which entries of a square matrix may be non-zero; the others are exactly 0.
enum MatrixShape {
    case full, upperTriangular, lowerTriangular
}
