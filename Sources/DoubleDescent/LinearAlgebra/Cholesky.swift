/// Solves S x = b for a symmetric positive definite S by a Cholesky factorization S = L L^T, in our
/// own code with a fixed operation order (README.md, "Own kernels, fixed order").
///
/// L column by column (left-looking, LAPACK's dpotf2 for the lower triangle):
/// L_jj = sqrt(S_jj - sum_{k<j} L_jk^2), L_ij = (S_ij - sum_{k<j} L_ik L_jk) / L_jj, each sum a
/// running sum in increasing k subtracted from S one term at a time; then L y = b and L^T x = y by
/// substitution. Only the lower triangle of S is read.
package enum Cholesky {
    /// x = S^-1 b for S given column-major (d x d), or nil when S is not numerically positive
    /// definite: a pivot is not positive (or not finite), or the factor's diagonal falls below
    /// `relativePivotFloor` times its largest entry (rank deficiency up to rounding).
    package static func solve(_ covariance: [Double], _ b: [Double], relativePivotFloor: Double) -> [Double]? {
        let d = b.count
        precondition(covariance.count == d * d, "a d x d matrix and a vector of length d")
        var l = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            var pivot = covariance[j + j * d]
            for k in 0..<j { pivot -= l[j + k * d] * l[j + k * d] }
            guard pivot > 0, pivot.isFinite else { return nil }
            let ljj = pivot.squareRoot()
            l[j + j * d] = ljj
            for i in (j + 1)..<max(j + 1, d) {
                var entry = covariance[i + j * d]
                for k in 0..<j { entry -= l[i + k * d] * l[j + k * d] }
                l[i + j * d] = entry / ljj
            }
        }
        let diagonal = (0..<d).map { l[$0 + $0 * d] }
        guard let top = diagonal.max(), let bottom = diagonal.min(), bottom > relativePivotFloor * top else { return nil }
        var x = b
        for i in 0..<d {
            for k in 0..<i { x[i] -= l[i + k * d] * x[k] }
            x[i] = x[i] / l[i + i * d]
        }
        for i in stride(from: d - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(i + 1, d) { x[i] -= l[k + i * d] * x[k] }
            x[i] = x[i] / l[i + i * d]
        }
        return x
    }
}
