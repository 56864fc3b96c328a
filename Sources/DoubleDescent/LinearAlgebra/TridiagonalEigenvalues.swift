/// The eigenvalues of a real symmetric tridiagonal matrix by the implicit QL iteration with
/// Wilkinson shifts (values only; Bowdler, Martin, Reinsch and Wilkinson, "The QR and QL algorithms
/// for symmetric matrices", Numer. Math. 11, 1968): `SymmetricEigen.diagonalize` without vectors, our
/// own code with a fixed operation order (README.md, "Own kernels, fixed order").
package enum TridiagonalEigenvalues {
    /// The eigenvalues (ascending) of the matrix with this diagonal and off-diagonal
    /// (`offDiagonal.count == diagonal.count - 1`), or nil if the QL iteration did not converge.
    package static func of(diagonal: [Double], offDiagonal: [Double]) -> [Double]? {
        precondition(offDiagonal.count + 1 == diagonal.count, "n diagonal and n - 1 off-diagonal entries")
        var d = diagonal, e = [0] + offDiagonal
        guard (try? SymmetricEigen.diagonalize(vectors: nil, n: d.count, d: &d, e: &e)) != nil else { return nil }
        return d.sorted()
    }
}
