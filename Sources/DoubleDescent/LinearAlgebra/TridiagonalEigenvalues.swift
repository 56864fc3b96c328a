import CLapack

/// The eigenvalues of a real symmetric tridiagonal matrix, by LAPACK's dstev (values only).
package enum TridiagonalEigenvalues {
    /// The eigenvalues (ascending) of the matrix with this diagonal and off-diagonal
    /// (`offDiagonal.count == diagonal.count - 1`), or nil if the QL/QR iteration did not converge.
    package static func of(diagonal: [Double], offDiagonal: [Double]) -> [Double]? {
        precondition(offDiagonal.count + 1 == diagonal.count, "n diagonal and n - 1 off-diagonal entries")
        var values = diagonal, off = offDiagonal + [0]
        var unused = 0.0
        let info = LAPACKE_dstev(LAPACK_COL_MAJOR, LAPACK.option("N"), Int32(values.count), &values, &off, &unused, 1)
        return info == 0 ? values : nil
    }
}
