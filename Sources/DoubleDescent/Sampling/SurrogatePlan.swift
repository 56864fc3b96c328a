import DDRandom
import Foundation

/// How a draw of the surrogate design S_n chooses its rows (docs/MATH.md, "Exact sampling").
///
/// For n < d, eigen-direction i is kept independently with probability p_i = s_i / (s_i + lambda_n),
/// so the row count K is Poisson-binomial with mean sum p_i = n. For n >= d every direction is kept
/// and K - d ~ Poisson(n - d) further i.i.d. rows are appended.
package enum SurrogatePlan: Sendable {
    case spectral(probabilities: [Double])
    case volumePlusPoisson(extraMean: Double)
    /// The regularized surrogate design at (n, lambda) (docs/MATH.md, "Ridge at any lambda", "The
    /// factorisation"): the spectral selection at level kappa, p_i = s_i / (s_i + kappa), then
    /// Poisson(gamma) i.i.d. rows.
    case spectralPlusPoisson(probabilities: [Double], extraMean: Double)

    /// The regularized surrogate plan at kappa > 0 and gamma >= 0.
    public init(kappa: Double, gamma: Double, eigenvalues s: [Double]) {
        self = .spectralPlusPoisson(probabilities: s.map { $0 / ($0 + kappa) }, extraMean: gamma)
    }

    /// The plan at expected size n; `lambda` is lambda_n, required when n < d.
    package init(n: Double, lambda: Double?, eigenvalues s: [Double]) {
        if n < Double(s.count) {
            guard let lambda else { preconditionFailure("a surrogate draw with n < d needs lambda_n") }
            self = .spectral(probabilities: s.map { $0 / ($0 + lambda) })
        } else {
            self = .volumePlusPoisson(extraMean: n - Double(s.count))
        }
    }

    /// The largest row count a draw is likely to need: the buffers are sized for it up front and grow
    /// only in the rare draws above it. Saturates at 2^62 (far beyond memory) instead of trapping for a
    /// huge n, so that the memory estimate can refuse such a run.
    package func typicalMaximumRows(d: Int) -> Int {
        switch self {
        case .spectral: return d
        case .volumePlusPoisson(let m), .spectralPlusPoisson(_, let m): return d + Int(min(m + 8 * m.squareRoot() + 16, 0x1p62))
        }
    }

    /// Step 1 of "Exact sampling", shared by every feature law: writes the kept eigen-directions S
    /// into `selected` in increasing order and returns k = |S| and the number of i.i.d. rows that
    /// follow the k determinantal ones. n < d: one Bernoulli(p_i) per direction; n >= d: all d
    /// directions and K - d ~ Poisson(n - d) (no draw at n = d).
    package func select(into selected: UnsafeMutablePointer<Int>, d: Int,
                using rng: inout RandomStream) -> (kept: Int, extraRows: Int) {
        switch self {
        case .spectral(let p):
            var k = 0
            for i in 0..<d where rng.bernoulli(p[i]) {
                selected[k] = i
                k += 1
            }
            return (k, 0)
        case .spectralPlusPoisson(let p, let m):
            var k = 0
            for i in 0..<d where rng.bernoulli(p[i]) {
                selected[k] = i
                k += 1
            }
            return (k, m > 0 ? rng.poisson(mean: m) : 0)
        case .volumePlusPoisson(let m):
            for i in 0..<d { selected[i] = i }
            return (d, m > 0 ? rng.poisson(mean: m) : 0)
        }
    }
}
