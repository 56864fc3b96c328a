import CLapack

/// Eigen-decomposition of a real symmetric matrix with LAPACK's divide and
/// conquer solver `dsyevd`.
package struct SymmetricEigen {
    /// Eigenvalues in descending order.
    public let values: [Double]
    /// Orthonormal eigenvectors, column-major d x d: column j pairs with `values[j]`.
    public let vectors: [Double]

    /// - Parameter matrix: column-major (equivalently row-major: it is symmetric) d x d.
    public init(symmetric matrix: [Double], dimension d: Int) throws {
        precondition(matrix.count == d * d)
        var a = matrix
        var w = [Double](repeating: 0, count: d)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                                  Int32(d), &a, Int32(d), &w)
        guard info == 0 else {
            throw NumericalError(routine: "dsyevd", reason: "the symmetric eigensolver did not converge (info \(info))")
        }
        // dsyevd returns ascending order: reverse both values and columns.
        values = w.reversed()
        var v = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            let source = (d - 1 - j) * d
            for i in 0..<d { v[j * d + i] = a[source + i] }
        }
        vectors = v
    }
}
