import CLapack

/// The pseudo-inverse of a K x d design X (K >= 1) in factored form, through
/// LAPACK's Householder QR (dgeqrt). With m = min(K, d):
///
/// * tall designs, K >= d: X = Q T with T = R, the d x d upper-triangular
///   factor of X;
/// * wide designs, K < d: X = T Q^T with T = R^T, R the K x K factor of X^T
///   (an LQ factorization of X).
///
/// Q has m orthonormal columns and stays implicit: dgeqrt's reflectors,
/// applied to vectors one by one and to matrices with dormqr. Because Q is
/// orthonormal the pseudo-inverse splits,
///
///     X^+ = T^+ Q^T (tall),   X^+ = Q T^+ (wide),
///
/// and P = X^+ X, the projection on the row space of X, is T^+ T (tall) or
/// Q (T^+ T) Q^T (wide). Only the small m x m factor T has to be inverted.
///
/// Full rank (every |R_ii| > 100 max(K, d) * eps * max |R_ii|): T^+ = T^{-1},
/// applied by triangular solves (dtrsv) or inverted (`TriangularInverse`). Otherwise the
/// SVD T = U diag(sigma) V^T (dgesvd) gives T^+ = V_r diag(1/sigma_r) U_r^T
/// over the r singular values above 100 max(K, d) * eps * sigma_1, so the result
/// is still X^+ exactly, with rank r.
///
/// Not thread-safe; all storage is owned and reused across factorizations.
package final class PseudoInverseFactorization {
    let d: Int
    /// K of the current factorization.
    private(set) var rows = 0
    /// Numerical rank of the current design: m when full rank.
    private(set) var rank = 0
    private(set) var isFullRank = true

    private var m: Int { min(rows, d) }
    private var isTall: Bool { rows >= d }
    /// Rows (and leading dimension) of the matrix handed to dgeqrt: X when
    /// tall, X^T when wide.
    private var storedRows: Int { max(rows, d) }

    /// Optimal LAPACK workspace lengths for one K, from workspace queries.
    private struct WorkspacePlan {
        var geqrt: Int32
        var ormqr: Int32
        var gesvd: Int32
    }
    /// Indexed by K; each K is queried once. Passing the queried length, not
    /// the buffer's capacity, keeps LAPACK's blocking (hence every bit of the
    /// result) independent of which sizes were solved before.
    private var plans: [WorkspacePlan?] = []
    private var plan = WorkspacePlan(geqrt: 1, ormqr: 1, gesvd: 1)
    /// The largest K the buffers below hold.
    private var reservedRows = -1

    /// dgeqrt's output: R on and above the diagonal, reflectors below.
    private let factors = ScratchBuffer(capacity: 1, zero: 0.0)
    private let tau = ScratchBuffer(capacity: 1, zero: 0.0)
    /// dgeqrt's block reflector factors, nb x m.
    private let blockReflectors = ScratchBuffer(capacity: 1, zero: 0.0)
    private let work = ScratchBuffer(capacity: 1, zero: 0.0)
    /// m x m: a dense copy of T, then T^{-1} or V_r diag(1/sigma_r).
    private let triangle = ScratchBuffer(capacity: 1, zero: 0.0)
    private let svdU = ScratchBuffer(capacity: 1, zero: 0.0)
    private let svdVT = ScratchBuffer(capacity: 1, zero: 0.0)
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
        // Size the LAPACK workspace now for the largest tall and wide shapes.
        for k in Set([maxRows, min(maxRows, d - 1)]) where k > 0 {
            plans[k] = queryWorkspace(rows: k)
        }
    }

    /// Factors the column-major K x d `design` (leading dimension K), which
    /// is copied, never modified.
    func factor(design: UnsafePointer<Double>, rows k: Int) {
        precondition(k >= 1, "factor needs at least one row")
        reserve(rows: k)
        if plans[k] == nil { plans[k] = queryWorkspace(rows: k) }
        plan = plans[k]!
        rows = k
        let n = storedRows, a = factors.pointer
        if isTall {
            a.update(from: design, count: k * d)
        } else {
            // X^T, d x K: entry (i, j) is X[j, i].
            for j in 0..<k {
                for i in 0..<d { a[i + j * d] = design[j + i * k] }
            }
        }
        // dgeqrt rather than dgeqrf: for m below dgeqrf's crossover (128 columns) dgeqrf runs the
        // unblocked, matrix-vector dgeqr2, which made the Monte Carlo at d = 100 several times slower.
        // dgeqrt is blocked (recursive dgeqrt3 panels, dlarfb updates) at every size, stores the same
        // reflectors below the diagonal, and the diagonal of its block factors T_i holds their tau.
        let nb = Self.blockSize(m)
        LAPACK.check(LAPACKE_dgeqrt_work(LAPACK_COL_MAJOR, Int32(n), Int32(m), Int32(nb), a, Int32(n),
                                  blockReflectors.pointer, Int32(nb), work.pointer), "dgeqrt")
        for i in 0..<m { tau.pointer[i] = blockReflectors.pointer[i % nb + i * nb] }
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
    /// L = Q_d [H; 0] (wide, one dormqr instead of forming Q).
    /// With `lift: false` a wide design's H itself is returned (m rows): Q is orthonormal, so
    /// ||L||_F = ||H||_F, and the dormqr, the most expensive step for K < d, is skipped; only the
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
            // Column j of H is row j of V^T divided by sigma_j.
            let vt = svdVT.pointer, sigma = singularValues.pointer
            for j in 0..<rank {
                for i in 0..<m { h[i + j * m] = vt[j + i * m] / sigma[j] }
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

    /// SVD of T into svdU, singularValues (descending), svdVT; returns the
    /// number of singular values above 100 max(K, d) * eps * sigma_1 (`rankTolerance`).
    private func singularValueRank() -> Int {
        let m = Int32(self.m)
        copyT()
        LAPACK.check(LAPACKE_dgesvd_work(LAPACK_COL_MAJOR, LAPACK.option("S"), LAPACK.option("S"), m, m, triangle.pointer, m,
                                  singularValues.pointer, svdU.pointer, m, svdVT.pointer, m,
                                  work.pointer, plan.gesvd), "dgesvd")
        let sigma = singularValues.pointer
        let tolerance = Self.rankTolerance(storedRows) * sigma[0]
        return (0..<self.m).prefix { sigma[$0] > tolerance }.count
    }

    /// x := T^+ x for x of length m.
    private func multiplyByPseudoInverseOfT(_ x: UnsafeMutablePointer<Double>) {
        let m = Int32(self.m)
        if isFullRank {
            // Back substitution with R (tall: T = R) or R^T (wide: T = R^T).
            cblas_dtrsv(CblasColMajor, CblasUpper, isTall ? CblasNoTrans : CblasTrans, CblasNonUnit, m,
                        factors.pointer, Int32(storedRows), x, 1)
            return
        }
        guard rank > 0 else {
            x.update(repeating: 0, count: self.m)
            return
        }
        // V_r diag(1/sigma_r) U_r^T x.
        let r = Int32(rank), c = coefficients.pointer
        cblas_dgemv(CblasColMajor, CblasTrans, m, r, 1, svdU.pointer, m, x, 1, 0, c, 1)
        for j in 0..<rank { c[j] /= singularValues.pointer[j] }
        cblas_dgemv(CblasColMajor, CblasTrans, r, m, 1, svdVT.pointer, m, c, 1, 0, x, 1)
    }

    /// x := (I - T^+ T) x for x of length m; T^+ T = I at full rank, else V_r V_r^T.
    private func removeRowSpaceComponentOfT(_ x: UnsafeMutablePointer<Double>) {
        if isFullRank {
            x.update(repeating: 0, count: m)
            return
        }
        guard rank > 0 else { return }
        let m = Int32(self.m), r = Int32(rank), c = coefficients.pointer
        cblas_dgemv(CblasColMajor, CblasNoTrans, r, m, 1, svdVT.pointer, m, x, 1, 0, c, 1)
        cblas_dgemv(CblasColMajor, CblasTrans, r, m, -1, svdVT.pointer, m, c, 1, 1, x, 1)
    }

    // MARK: - LAPACK plumbing

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

    /// dgeqrt's block size for m columns (1 <= nb <= m).
    /// 16 below 256 columns (measured best at d = 100, where the panels are most of the work); 32 from
    /// there, where the trailing updates dominate and a rank-16 dlarfb spends much of its time packing
    /// operands for dgemm (at d = 1000, n = 1500: about 10% faster than 16; 64 was no better).
    package static func blockSize(_ m: Int) -> Int { m < 256 ? max(1, min(16, m)) : 32 }

    /// C := Q_n C, Q_n = H_1 ... H_m the full product of dgeqrt's reflectors,
    /// for C with `storedRows` rows (leading dimension `storedRows`): dormqr.
    private func multiplyByQ(matrix c: UnsafeMutablePointer<Double>, columns: Int) {
        let n = Int32(storedRows)
        LAPACK.check(LAPACKE_dormqr_work(LAPACK_COL_MAJOR, LAPACK.option("L"), LAPACK.option("N"), n, Int32(columns), Int32(m),
                                  factors.pointer, n, tau.pointer, c, n, work.pointer, plan.ormqr), "dormqr")
    }

    /// x := Q_n x or Q_n^T x for one vector of length `storedRows`, one
    /// reflector at a time as dorm2r does: H_i x = x - tau_i v_i (v_i^T x),
    /// v_i = e_i plus column i of `factors` below the diagonal. (dormqr's
    /// blocked path rebuilds its block reflectors with dlarft on every call,
    /// which for a single column costs several times the 4 n m flops here.)
    private func multiplyByQ(transposed: Bool, vector x: UnsafeMutablePointer<Double>) {
        let n = storedRows, a = factors.pointer, scales = tau.pointer
        // Q_n^T = H_m ... H_1 applies H_1 first; Q_n applies H_m first.
        let order = transposed ? stride(from: 0, to: m, by: 1) : stride(from: m - 1, to: -1, by: -1)
        for i in order {
            let below = Int32(n - i - 1), v = a + i * n + i + 1
            let projection = scales[i] * (x[i] + cblas_ddot(below, v, 1, x + i + 1, 1))
            x[i] -= projection
            cblas_daxpy(below, -projection, v, 1, x + i + 1, 1)
        }
    }

    /// Grows every buffer to hold a K-row problem; a no-op once it has.
    private func reserve(rows k: Int) {
        guard k > reservedRows else { return }
        reservedRows = k
        let m = min(k, d)
        factors.reserve(k * d)
        for buffer in [tau, singularValues, coefficients] { buffer.reserve(m) }
        blockReflectors.reserve(Self.blockSize(m) * m)
        for buffer in [triangle, svdU, svdVT] { buffer.reserve(m * m) }
        response.reserve(k)
        lifted.reserve(d * min(k, d - 1))
        plans += repeatElement(nil, count: k + 1 - plans.count)
    }

    /// Workspace query (lwork = -1) of every routine used for K rows: dormqr
    /// with the most columns it is given (m), dgesvd for the m x m T.
    private func queryWorkspace(rows k: Int) -> WorkspacePlan {
        let n = Int32(max(k, d)), m = Int32(min(k, d))
        var ormqr = 0.0, gesvd = 0.0
        let geqrt = Double(Self.blockSize(Int(m)) * Int(m))  // dgeqrt needs nb x m, no query.
        LAPACK.check(LAPACKE_dormqr_work(LAPACK_COL_MAJOR, LAPACK.option("L"), LAPACK.option("N"), n, m, m, factors.pointer, n, tau.pointer,
                                  lifted.pointer, n, &ormqr, -1), "dormqr")
        LAPACK.check(LAPACKE_dgesvd_work(LAPACK_COL_MAJOR, LAPACK.option("S"), LAPACK.option("S"), m, m, triangle.pointer, m,
                                  singularValues.pointer, svdU.pointer, m, svdVT.pointer, m, &gesvd, -1), "dgesvd")
        let plan = WorkspacePlan(geqrt: Int32(geqrt), ormqr: Int32(ormqr.rounded(.up)),
                                 gesvd: Int32(gesvd.rounded(.up)))
        work.reserve(Int(max(plan.geqrt, plan.ormqr, plan.gesvd)))
        return plan
    }
}

/// Which entries of a square matrix may be non-zero; the others are exactly 0.
enum MatrixShape {
    case full, upperTriangular, lowerTriangular
}
