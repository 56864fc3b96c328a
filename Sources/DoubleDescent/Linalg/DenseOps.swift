import CLapack

/// Small dense kernels on column-major matrices, through CBLAS.
public enum DenseOps {
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
}
