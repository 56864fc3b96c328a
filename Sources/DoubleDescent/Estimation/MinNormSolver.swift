/// Reusable workspace for the min-norm estimator on designs with d columns and up to maxRows rows.
/// All buffers are allocated once in init (and grown only if a larger K arrives); no allocation per solve.
///
/// The estimator is w_hat = X^+ y for y = X w* + xi, with E xi = 0 and
/// Cov xi = sigma^2 I (Derezinski, Liang, Mahoney, NeurIPS 2020). Coordinates
/// are those of the eigenbasis of Sigma = diag(s). Not thread-safe: use one
/// solver per worker, after `BLASThreads.useSingleThread()`.
public final class MinNormSolver {
    /// The noise-averaged errors of w_hat for one design X.
    public struct ConditionalError: Sendable {
        /// E_xi ||w_hat - w*||^2.
        public var parameterError: Double
        /// E_xi (w_hat - w*)^T Sigma (w_hat - w*).
        public var predictionRisk: Double
        /// Numerical rank of X (min(K, d) almost surely for continuous designs).
        public var rank: Int
    }

    /// Number of columns of every design.
    let d: Int
    private let pseudoInverse: PseudoInverseFactorization
    /// (I - P) w*, length d.
    private let residual: ScratchBuffer<Double>

    public init(d: Int, maxRows: Int) {
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
    /// `wstar` and `s` have length d; entries must be finite.
    public func conditionalError(design: UnsafePointer<Double>, rows K: Int, wstar: UnsafePointer<Double>,
                                 eigenvalues s: UnsafePointer<Double>, sigma: Double) -> ConditionalError {
        precondition(K >= 0, "the number of rows must be non-negative")
        let bias = residual.pointer
        bias.update(from: wstar, count: d)
        var variance = (plain: 0.0, weighted: 0.0)
        var rank = 0
        if K > 0 {
            pseudoInverse.factor(design: design, rows: K)
            pseudoInverse.projectOntoNullSpace(bias)
            let gram = pseudoInverse.pseudoInverseGramFactor()
            variance = squaredNorms(gram.matrix, columns: gram.columns, weights: s)
            rank = pseudoInverse.rank
        }
        let biasNorms = squaredNorms(bias, columns: 1, weights: s)
        let noise = sigma * sigma
        return ConditionalError(parameterError: biasNorms.plain + noise * variance.plain,
                                predictionRisk: biasNorms.weighted + noise * variance.weighted,
                                rank: rank)
    }

    /// w_hat = X^+ y for one response vector y of length K, written into `solution` (length d).
    /// K = 0 gives w_hat = 0.
    public func solve(design: UnsafePointer<Double>, rows K: Int, response y: UnsafePointer<Double>,
                      solution: UnsafeMutablePointer<Double>) {
        precondition(K >= 0, "the number of rows must be non-negative")
        guard K > 0 else {
            solution.update(repeating: 0, count: d)
            return
        }
        pseudoInverse.factor(design: design, rows: K)
        pseudoInverse.multiplyByPseudoInverse(y, into: solution)
    }

    /// (||M||_F^2, ||diag(s)^{1/2} M||_F^2) for a d x `columns` matrix M with leading dimension d.
    private func squaredNorms(_ matrix: UnsafePointer<Double>, columns: Int,
                              weights s: UnsafePointer<Double>) -> (plain: Double, weighted: Double) {
        var plain = 0.0, weighted = 0.0
        for j in 0..<columns {
            for i in 0..<d {
                let square = matrix[i + j * d] * matrix[i + j * d]
                plain += square
                weighted += s[i] * square
            }
        }
        return (plain, weighted)
    }
}
