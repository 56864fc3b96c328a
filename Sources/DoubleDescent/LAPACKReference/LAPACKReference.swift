import CLapack
import DDLinearAlgebra

/// LAPACK and BLAS counterparts of our own kernels, kept only as an independent reference: the
/// tests compare each kernel with them, and ddcalc-bench times them side by side (bench/README.md).
/// No result that ddcalc prints goes through this file: LAPACK's bits depend on the OpenBLAS kernel
/// the CPU selects (README.md, "Own kernels, fixed order").
package enum LAPACKReference {
    /// The inverse of a triangular matrix in place, as ddcalc computed it before its own kernel:
    /// recursive halving with two dtrmm per level and LAPACK's dtrtri below 16 columns.
    package static func invertTriangular(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int, upper: Bool) {
        guard n > 16 else {
            let info = LAPACKE_dtrtri_work(LAPACK_COL_MAJOR, LAPACK.option(upper ? "U" : "L"), LAPACK.option("N"),
                                           Int32(n), a, Int32(ld))
            precondition(info == 0, "dtrtri failed with info \(info): the triangular factor is singular")
            return
        }
        let n1 = n / 2, n2 = n - n1
        let a11 = a, a22 = a + n1 * ld + n1
        invertTriangular(a11, n: n1, ld: ld, upper: upper)
        invertTriangular(a22, n: n2, ld: ld, upper: upper)
        let uplo = upper ? CblasUpper : CblasLower
        let (b, rows, columns, left, right) = upper ? (a + n1 * ld, n1, n2, a11, a22) : (a + n1, n2, n1, a22, a11)
        cblas_dtrmm(CblasColMajor, CblasLeft, uplo, CblasNoTrans, CblasNonUnit, Int32(rows), Int32(columns),
                    -1, left, Int32(ld), b, Int32(ld))
        cblas_dtrmm(CblasColMajor, CblasRight, uplo, CblasNoTrans, CblasNonUnit, Int32(rows), Int32(columns),
                    1, right, Int32(ld), b, Int32(ld))
    }

    /// dtpqrt and dtpmqrt (zero-row pentagon, block size 16 as ddcalc used them), with their own
    /// block reflector storage.
    package final class PentagonalQR {
        let m: Int, k: Int, nb: Int
        private var blockReflectors: [Double]
        private var work: [Double]

        package init(m: Int, k: Int, columns: Int = 1) {
            self.m = m
            self.k = k
            nb = max(1, min(16, k))
            blockReflectors = [Double](repeating: 0, count: nb * k)
            work = [Double](repeating: 0, count: nb * max(k, columns))
        }

        /// [A; V] = Q R in place, as `TriangularPentagonalQR.factor`.
        package func factor(triangle a: UnsafeMutablePointer<Double>, dense v: UnsafeMutablePointer<Double>) {
            LAPACK.check(LAPACKE_dtpqrt_work(LAPACK_COL_MAJOR, Int32(m), Int32(k), 0, Int32(nb), a, Int32(k), v, Int32(m),
                                             &blockReflectors, Int32(nb), &work), "dtpqrt")
        }

        /// Q^T [b_top; b_bottom], as `TriangularPentagonalQR.applyTranspose`.
        package func applyTranspose(to b: UnsafeMutablePointer<Double>, dense v: UnsafePointer<Double>) {
            LAPACK.check(LAPACKE_dtpmqrt_work(LAPACK_COL_MAJOR, LAPACK.option("L"), LAPACK.option("T"), Int32(m), 1,
                                              Int32(k), 0, Int32(nb), v, Int32(m), blockReflectors, Int32(nb),
                                              b, Int32(k), b + k, Int32(m), &work), "dtpmqrt")
        }

        /// Q [top; bottom], as `TriangularPentagonalQR.apply`.
        package func apply(toTop top: UnsafeMutablePointer<Double>, bottom: UnsafeMutablePointer<Double>, columns: Int,
                           dense v: UnsafePointer<Double>) {
            if work.count < nb * columns { work = [Double](repeating: 0, count: nb * columns) }
            LAPACK.check(LAPACKE_dtpmqrt_work(LAPACK_COL_MAJOR, LAPACK.option("L"), LAPACK.option("N"), Int32(m),
                                              Int32(columns), Int32(k), 0, Int32(nb), v, Int32(m), blockReflectors,
                                              Int32(nb), top, Int32(k), bottom, Int32(m), &work), "dtpmqrt")
        }
    }

    /// The Householder QR of a column-major n x m matrix (n >= m) in place by dgeqrf: R on and above
    /// the diagonal, the reflectors below; returns their tau.
    package static func householderQR(_ a: UnsafeMutablePointer<Double>, rows n: Int, columns m: Int) -> [Double] {
        var tau = [Double](repeating: 0, count: m)
        LAPACK.check(LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(m), a, Int32(n), &tau), "dgeqrf")
        return tau
    }

    /// The singular values (decreasing) of a column-major rows x columns matrix by dgesvd, with the
    /// thin U (rows x min) and V^T (min x columns).
    package static func svd(_ matrix: [Double], rows: Int, columns: Int) -> (u: [Double], sigma: [Double], vt: [Double]) {
        let p = min(rows, columns)
        var a = matrix, sigma = [Double](repeating: 0, count: p), u = [Double](repeating: 0, count: rows * p)
        var vt = [Double](repeating: 0, count: p * columns), superb = [Double](repeating: 0, count: max(1, p))
        LAPACK.check(LAPACKE_dgesvd(LAPACK_COL_MAJOR, LAPACK.option("S"), LAPACK.option("S"), Int32(rows), Int32(columns),
                                    &a, Int32(rows), &sigma, &u, Int32(rows), &vt, Int32(p), &superb), "dgesvd")
        return (u, sigma, vt)
    }

    /// S^-1 b by dpotrf and dpotrs, nil when dpotrf fails.
    package static func choleskySolve(_ covariance: [Double], _ b: [Double]) -> [Double]? {
        let d = b.count
        var factor = covariance, solution = b
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, LAPACK.option("L"), Int32(d), &factor, Int32(d)) == 0,
              LAPACKE_dpotrs(LAPACK_COL_MAJOR, LAPACK.option("L"), Int32(d), 1, factor, Int32(d), &solution, Int32(d)) == 0
        else { return nil }
        return solution
    }

    /// The eigenvalues (ascending) of a symmetric tridiagonal matrix by dstev, nil if it fails.
    package static func tridiagonalEigenvalues(diagonal: [Double], offDiagonal: [Double]) -> [Double]? {
        var values = diagonal, off = offDiagonal + [0], unused = 0.0
        let info = LAPACKE_dstev(LAPACK_COL_MAJOR, LAPACK.option("N"), Int32(values.count), &values, &off, &unused, 1)
        return info == 0 ? values : nil
    }

    /// The noise-averaged parameter error of the min-norm estimator on a full-rank K x d design
    /// (`MinNormSolver.conditionalError` without the prediction risk), as ddcalc computed it before
    /// its own kernels: dgeqrt (block size 16) of X or X^T, the reflectors applied to w* by ddot and
    /// daxpy, and the Frobenius norm of the inverted triangle. For the benchmark.
    package final class MinNormError {
        let d: Int
        private let factors: ScratchBuffer<Double>, blockReflectors: ScratchBuffer<Double>, work: ScratchBuffer<Double>
        private let triangle: ScratchBuffer<Double>, residual: ScratchBuffer<Double>

        package init(d: Int, maxRows: Int) {
            self.d = d
            let n = max(d, maxRows), m = min(d, maxRows)
            factors = ScratchBuffer(capacity: n * m, zero: 0.0)
            blockReflectors = ScratchBuffer(capacity: 16 * m, zero: 0.0)
            work = ScratchBuffer(capacity: 16 * m, zero: 0.0)
            triangle = ScratchBuffer(capacity: m * m, zero: 0.0)
            residual = ScratchBuffer(capacity: n, zero: 0.0)
        }

        package func parameterError(design: UnsafePointer<Double>, rows k: Int, wstar: UnsafePointer<Double>,
                                    sigma: Double) -> Double {
            let n = max(k, d), m = min(k, d), nb = max(1, min(16, m)), tall = k >= d
            let a = factors.pointer, t = blockReflectors.pointer, r = residual.pointer, h = triangle.pointer
            if tall {
                a.update(from: design, count: k * d)
            } else {
                for j in 0..<k {
                    for i in 0..<d { a[i + j * d] = design[j + i * k] }
                }
            }
            LAPACK.check(LAPACKE_dgeqrt_work(LAPACK_COL_MAJOR, Int32(n), Int32(m), Int32(nb), a, Int32(n),
                                             t, Int32(nb), work.pointer), "dgeqrt")
            var bias = 0.0
            if !tall {
                // (I - P) w* = Q_d [0; (Q_d^T w*)_(K..<d)]: its norm is that of the last d - K entries.
                r.update(from: wstar, count: d)
                for i in 0..<m {
                    let below = Int32(n - i - 1), v = a + i * n + i + 1
                    let projection = t[i % nb + i * nb] * (r[i] + cblas_ddot(below, v, 1, r + i + 1, 1))
                    r[i] -= projection
                    cblas_daxpy(below, -projection, v, 1, r + i + 1, 1)
                }
                for i in m..<d { bias += r[i] * r[i] }
            }
            for j in 0..<m {
                for i in 0..<m { h[i + j * m] = tall ? (i <= j ? a[i + j * n] : 0) : (i >= j ? a[j + i * n] : 0) }
            }
            invertTriangular(h, n: m, ld: m, upper: tall)
            var trace = 0.0
            for i in 0..<(m * m) { trace += h[i] * h[i] }
            return bias + sigma * sigma * trace
        }
    }
}
