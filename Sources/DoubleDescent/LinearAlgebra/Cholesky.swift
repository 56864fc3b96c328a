import CLapack

/// Solves S x = b for a symmetric positive definite S by LAPACK's Cholesky factorization
/// (dpotrf, dpotrs).
package enum Cholesky {
    /// x = S^-1 b for S given column-major (d x d), or nil when S is not numerically positive
    /// definite: the factorization fails, or the factor's diagonal falls below
    /// `relativePivotFloor` times its largest entry (rank deficiency up to rounding).
    package static func solve(_ covariance: [Double], _ b: [Double], relativePivotFloor: Double) -> [Double]? {
        let d = b.count
        precondition(covariance.count == d * d, "a d x d matrix and a vector of length d")
        var factor = covariance, solution = b
        let upper = LAPACK.option("U")
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, upper, Int32(d), &factor, Int32(d)) == 0 else { return nil }
        let diagonal = (0..<d).map { factor[$0 + $0 * d] }
        guard let top = diagonal.max(), let bottom = diagonal.min(), bottom > relativePivotFloor * top else { return nil }
        guard LAPACKE_dpotrs(LAPACK_COL_MAJOR, upper, Int32(d), 1, factor, Int32(d), &solution, Int32(d)) == 0 else {
            return nil
        }
        return solution
    }
}
