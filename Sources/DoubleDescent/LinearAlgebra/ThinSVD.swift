import CLapack

/// The thin singular value decomposition A = U diag(sv) W^T of a tall N x d matrix (N >= d), with
/// LAPACK's divide and conquer solver `dgesdd`.
package struct ThinSVD {
    /// Singular values in descending order, length d.
    public let values: [Double]
    /// Column-major N x d with orthonormal columns: column j pairs with `values[j]`.
    public let left: [Double]
    /// Column-major d x d orthogonal W: column j pairs with `values[j]`.
    public let right: [Double]

    /// - Parameter matrix: column-major `rows` x `columns`, rows >= columns >= 1.
    public init(columnMajor matrix: [Double], rows: Int, columns: Int) throws {
        precondition(rows >= columns && columns >= 1 && matrix.count == rows * columns)
        var a = matrix
        var s = [Double](repeating: 0, count: columns)
        var u = [Double](repeating: 0, count: rows * columns)
        var wt = [Double](repeating: 0, count: columns * columns)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(rows), Int32(columns),
                                  &a, Int32(rows), &s, &u, Int32(rows), &wt, Int32(columns))
        guard info == 0 else {
            throw NumericalError(routine: "dgesdd", reason: "the singular value decomposition did not converge (info \(info))")
        }
        values = s
        left = u
        // dgesdd returns W^T; store W column-major (column j = row j of W^T).
        var w = [Double](repeating: 0, count: columns * columns)
        for j in 0..<columns {
            for i in 0..<columns { w[j * columns + i] = wt[i * columns + j] }
        }
        right = w
    }
}

extension ThinSVD {
    /// The singular values alone, in descending order (min(rows, columns) of them), of a column-major
    /// `rows` x `columns` matrix of any shape, with `dgesdd` computing no singular vectors.
    package static func singularValues(columnMajor matrix: [Double], rows: Int, columns: Int) throws -> [Double] {
        precondition(rows >= 1 && columns >= 1 && matrix.count == rows * columns)
        var a = matrix
        var s = [Double](repeating: 0, count: min(rows, columns))
        // U and W^T are not referenced with jobz "N".
        var u = [Double](repeating: 0, count: 1), wt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(rows), Int32(columns),
                                  &a, Int32(rows), &s, &u, 1, &wt, 1)
        guard info == 0 else {
            throw NumericalError(routine: "dgesdd", reason: "the singular values did not converge (info \(info))")
        }
        return s
    }
}
