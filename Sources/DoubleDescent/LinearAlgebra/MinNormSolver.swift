/// Reusable workspace for the min-norm estimator on designs with d columns and up to maxRows rows.
/// All buffers are allocated once in init (and grown only if a larger K arrives); no allocation per solve.
///
/// The estimator is w_hat = X^+ y for y = X w* + xi, with E xi = 0 and
/// Cov xi = sigma^2 I (Derezinski, Liang, Mahoney, NeurIPS 2020). Coordinates
/// are those of the eigenbasis of Sigma = diag(s). Not thread-safe: use one
/// solver per worker.
package final class MinNormSolver {
    /// The noise-averaged errors of w_hat for one design X.
    package struct ConditionalError: Sendable {
        /// E_xi ||w_hat - w*||^2.
        package var parameterError: Double
        /// E_xi (w_hat - w*)^T Sigma (w_hat - w*); nil when not requested.
        package var predictionRisk: Double?
        /// Numerical rank of X (min(K, d) almost surely for continuous designs).
        package var rank: Int
    }

    /// Number of columns of every design.
    let d: Int
    private let pseudoInverse: PseudoInverseFactorization
    /// (I - P) w*, length d.
    private let residual: ScratchBuffer<Double>

    package init(d: Int, maxRows: Int) {
        self.d = d
        pseudoInverse = PseudoInverseFactorization(d: d, maxRows: maxRows)
        residual = ScratchBuffer(capacity: d, zero: 0.0)
    }

    /// The Rao-Blackwellised errors of w_hat: the exact average over the noise
    /// with X fixed,
    ///
    ///     E_xi ||w_hat - w*||^2                 = ||(I - P) w*||^2 + sigma^2 tr((X^T X)^+),
    ///     E_xi (w_hat - w*)^T Sigma (w_hat - w*) = ||Sigma^{1/2} (I - P) w*||^2 + sigma^2 tr(Sigma X^+ X^{+T}),
    ///
    /// with P = X^+ X the projection on the row space of X (P = 0 when K = 0).
    ///
    /// design: column-major K x d (leading dimension K), NOT modified (copy into workspace).
    /// `wstar` and `s` have length d; entries must be finite. Without `withPredictionRisk` the
    /// weighted trace, whose Q-lifting dominates the cost when K < d, is not computed.
    package func conditionalError(design: UnsafePointer<Double>, rows K: Int, wstar: UnsafePointer<Double>,
                                 eigenvalues s: UnsafePointer<Double>, sigma: Double,
                                 withPredictionRisk: Bool = true) -> ConditionalError {
        precondition(K >= 0, "the number of rows must be non-negative")
        let bias = residual.pointer
        bias.update(from: wstar, count: d)
        var variance = (plain: 0.0, weighted: 0.0)
        var rank = 0
        if K > 0 {
            pseudoInverse.factor(design: design, rows: K)
            pseudoInverse.projectOntoNullSpace(bias)
            let gram = pseudoInverse.pseudoInverseGramFactor(lift: withPredictionRisk)
            variance = squaredNorms(gram.matrix, rows: gram.rows, columns: gram.columns, shape: gram.shape, weights: s)
            rank = pseudoInverse.rank
        }
        let biasNorms = squaredNorms(bias, rows: d, columns: 1, shape: .full, weights: s)
        let noise = sigma * sigma
        return ConditionalError(parameterError: biasNorms.plain + noise * variance.plain,
                                predictionRisk: withPredictionRisk ? biasNorms.weighted + noise * variance.weighted : nil,
                                rank: rank)
    }

    /// w_hat = X^+ y for one response vector y of length K, written into `solution` (length d).
    /// K = 0 gives w_hat = 0.
    package func solve(design: UnsafePointer<Double>, rows K: Int, response y: UnsafePointer<Double>,
                      solution: UnsafeMutablePointer<Double>) {
        precondition(K >= 0, "the number of rows must be non-negative")
        guard K > 0 else {
            solution.update(repeating: 0, count: d)
            return
        }
        pseudoInverse.factor(design: design, rows: K)
        pseudoInverse.multiplyByPseudoInverse(y, into: solution)
    }

    /// (||M||_F^2, ||diag(s)^{1/2} M||_F^2) for a `rows` x `columns` matrix M (leading dimension
    /// `rows`, rows <= d; the weighted norm is meaningful only for rows = d). For a triangular M only
    /// the triangle is read: the skipped entries are exactly 0 and would add +0 to each sum, so the
    /// result is bit for bit that of the full loop.
    private func squaredNorms(_ matrix: UnsafePointer<Double>, rows: Int, columns: Int, shape: MatrixShape,
                              weights s: UnsafePointer<Double>) -> (plain: Double, weighted: Double) {
        var plain = 0.0, weighted = 0.0
        for j in 0..<columns {
            let range: Range<Int>
            switch shape {
            case .full: range = 0..<rows
            case .upperTriangular: range = 0..<min(j + 1, rows)
            case .lowerTriangular: range = min(j, rows)..<rows
            }
            for i in range {
                let square = matrix[i + j * rows] * matrix[i + j * rows]
                plain += square
                weighted += s[i] * square
            }
        }
        return (plain, weighted)
    }
}
