import CLapack

/// In-place inverse of a non-singular triangular matrix by recursive halving:
///
///     [A B; 0 C]^-1 = [A^-1, -A^-1 B C^-1; 0, C^-1]      (upper)
///     [A 0; B C]^-1 = [A^-1, 0; -C^-1 B A^-1, C^-1]      (lower)
///
/// The off-diagonal block costs two dtrmm, so almost all the work is Level 3. LAPACK's dtrtri does
/// the same with a fixed block of 64 and the matrix-vector dtrti2 below it, which at the Monte Carlo's
/// sizes (m around 100) ran nearly all of the inversion through Level 2 and took a tenth of a draw.
package enum TriangularInverse {
    /// Below this size the block goes to LAPACK's dtrtri.
    static let leafSize = 16

    /// Overwrites the n x n triangular `a` (column-major, leading dimension `ld`) with its inverse.
    package static func invert(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int, upper: Bool) {
        guard n > leafSize else {
            let info = LAPACKE_dtrtri_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: upper ? "U" : "L")),
                                           CChar(UInt8(ascii: "N")), Int32(n), a, Int32(ld))
            precondition(info == 0, "dtrtri failed with info \(info): the triangular factor is singular")
            return
        }
        let n1 = n / 2, n2 = n - n1
        let a11 = a, a22 = a + n1 * ld + n1
        invert(a11, n: n1, ld: ld, upper: upper)
        invert(a22, n: n2, ld: ld, upper: upper)
        let uplo = upper ? CblasUpper : CblasLower
        // The off-diagonal block: B (n1 x n2, right of A) when upper, B (n2 x n1, below A) when lower.
        let (b, rows, columns, left, right) = upper ? (a + n1 * ld, n1, n2, a11, a22) : (a + n1, n2, n1, a22, a11)
        cblas_dtrmm(CblasColMajor, CblasLeft, uplo, CblasNoTrans, CblasNonUnit, Int32(rows), Int32(columns),
                    -1, left, Int32(ld), b, Int32(ld))
        cblas_dtrmm(CblasColMajor, CblasRight, uplo, CblasNoTrans, CblasNonUnit, Int32(rows), Int32(columns),
                    1, right, Int32(ld), b, Int32(ld))
    }
}
