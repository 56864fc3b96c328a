import CLapack
import DDLinearAlgebra

/// LAPACK's drivers for the one-off decompositions, kept only as an independent reference for tests
/// and the benchmark (`ddcalc-bench --decompositions`): no output's bits go through them.
/// `SymmetricEigen`, `ThinSVD` and `DenseOps` are the code that runs.
package enum LAPACKDecompositionReference {
    /// dsyevd on a column-major symmetric d x d matrix: eigenvalues descending and the matching
    /// eigenvectors (column-major, LAPACK's signs), or nil if it did not converge.
    package static func symmetricEigen(_ matrix: [Double], dimension d: Int) -> (values: [Double], vectors: [Double])? {
        var a = matrix
        var w = [Double](repeating: 0, count: d)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, LAPACK.option("V"), LAPACK.option("U"), Int32(d), &a, Int32(d), &w)
        guard info == 0 else { return nil }
        var v = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for i in 0..<d { v[j * d + i] = a[(d - 1 - j) * d + i] }
        }
        return (w.reversed(), v)
    }

    /// dgesdd on a column-major tall rows x columns matrix: singular values descending, U (rows x
    /// columns) and W (columns x columns, not W^T), column-major, or nil if it did not converge.
    package static func thinSVD(_ matrix: [Double], rows: Int, columns: Int) -> (values: [Double], left: [Double], right: [Double])? {
        var a = matrix
        var s = [Double](repeating: 0, count: columns)
        var u = [Double](repeating: 0, count: rows * columns)
        var wt = [Double](repeating: 0, count: columns * columns)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, LAPACK.option("S"), Int32(rows), Int32(columns),
                                  &a, Int32(rows), &s, &u, Int32(rows), &wt, Int32(columns))
        guard info == 0 else { return nil }
        var w = [Double](repeating: 0, count: columns * columns)
        for j in 0..<columns {
            for i in 0..<columns { w[j * columns + i] = wt[i * columns + j] }
        }
        return (s, u, w)
    }

    /// dgesdd without vectors: the min(rows, columns) singular values, descending, or nil.
    package static func singularValues(_ matrix: [Double], rows: Int, columns: Int) -> [Double]? {
        var a = matrix
        var s = [Double](repeating: 0, count: min(rows, columns))
        var u = [Double](repeating: 0, count: 1), wt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, LAPACK.option("N"), Int32(rows), Int32(columns),
                                  &a, Int32(rows), &s, &u, 1, &wt, 1)
        return info == 0 ? s : nil
    }

    /// C = A B for column-major g x g matrices (one dgemm): the yardstick the solver is measured
    /// against in bench/ (`ddcalc-bench`); its bits reach no output.
    package static func multiplySquare(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                       into c: UnsafeMutablePointer<Double>, size g: Int) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(g), Int32(g), Int32(g), 1, a, Int32(g),
                    b, Int32(g), 0, c, Int32(g))
    }
}
