import CLapack

/// Small dense kernels on column-major matrices, through CBLAS.
package enum DenseOps {
    /// y = A x for a column-major rows x columns matrix A.
    public static func multiply(columnMajor a: [Double], rows: Int, columns: Int, vector x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: rows)
        cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, a, Int32(rows), x, 1, 0, &y, 1)
        return y
    }

    /// y = A^T x for a column-major rows x columns matrix A.
    public static func multiplyTransposed(columnMajor a: [Double], rows: Int, columns: Int, vector x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: columns)
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(rows), Int32(columns), 1, a, Int32(rows), x, 1, 0, &y, 1)
        return y
    }

    /// A B^T for column-major A (rows x inner) and B (columns x inner): the rows of A mapped by B.
    public static func multiplyByTransposed(columnMajor a: [Double], rows: Int, inner: Int,
                                            _ b: [Double], columns: Int) -> [Double] {
        var c = [Double](repeating: 0, count: rows * columns)
        guard rows > 0, columns > 0 else { return c }
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(inner),
                    1, a, Int32(rows), b, Int32(columns), 0, &c, Int32(rows))
        return c
    }

    /// C = A B for column-major g x g matrices (one dgemm): the yardstick the solver is measured
    /// against in bench/ (`ddcalc-bench`).
    public static func multiplySquare(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                      into c: UnsafeMutablePointer<Double>, size g: Int) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(g), Int32(g), Int32(g), 1, a, Int32(g),
                    b, Int32(g), 0, c, Int32(g))
    }
}
