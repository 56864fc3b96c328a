/// Solves for the regularisation level lambda_n of the surrogate design: the
/// unique lambda > 0 with sum_i s_i / (s_i + lambda) = n, for 0 < n < d
/// (docs/MATH.md, "The regularization level lambda_n").
///
/// Safeguarded Newton inside a bracket that is valid from the start:
/// - lower: d (d - n) / (n tr Sigma^-1), by Jensen's inequality on the convex
///   map u -> 1/(1+u) (exact for isotropic Sigma);
/// - upper: min(tr Sigma / n, s_1 (d - n) / n).
/// To keep full relative accuracy at both ends the residual is written so that
/// it never cancels: for n <= d/2, H(lambda) = 1/df1 - 1/n (almost linear for
/// large lambda); for n > d/2, G(lambda) = sum lambda/(s_i + lambda) - (d - n),
/// where d - n is exact and every term is positive. Both sums are compensated
/// (SpectralSums.newton), since near n = d the root can be far more sensitive
/// to the residual than to the data.
/// A Newton step that leaves the bracket is replaced by a geometric bisection.
public struct LambdaSolver {
    public let eigenvalues: [Double]
    /// tr Sigma^-1 = sum 1/s_i.
    public let traceInverse: Double
    /// tr Sigma = sum s_i.
    public let trace: Double

    public var d: Int { eigenvalues.count }

    public init(eigenvalues: [Double]) {
        self.eigenvalues = eigenvalues
        (trace, traceInverse) = eigenvalues.withUnsafeBufferPointer { SpectralSums.traces($0) }
    }

    /// The bracket [lower, upper] that contains lambda_n.
    public func bracket(n: Double) -> (lower: Double, upper: Double) {
        let d = Double(self.d), deficit = d - n
        let lower = d * deficit / (n * traceInverse)
        let upper = min(trace / n, eigenvalues[0] * deficit / n)
        return (lower, max(upper, lower))
    }

    /// lambda_n for 0 < n < d. `guess` (for example the root at a neighbouring
    /// n along a sweep) only affects the number of iterations.
    public func solve(n: Double, guess: Double? = nil) -> Double {
        eigenvalues.withUnsafeBufferPointer { root(n: n, guess: guess, s: $0, w: nil).lambda }
    }

    /// lambda_n together with the closed forms' sums at lambda_n for the weights `w` (w* in
    /// Sigma's eigenbasis). A pass that is likely to be the last is fused (SpectralSums.fused);
    /// when the root lies within `Full.maxRelativeStep` of such a last pass, the sums are its
    /// values stepped to the root, otherwise one more pass computes them.
    /// `expansion`, if given, must be built for these eigenvalues and weights.
    func solve(n: Double, guess: Double?, weights w: UnsafeBufferPointer<Double>,
               expansion: BlockExpansion? = nil) -> (lambda: Double, sums: SpectralSums.Full) {
        eigenvalues.withUnsafeBufferPointer { s in
            let (lambda, last) = root(n: n, guess: guess, s: s, w: w, expansion: expansion)
            return (lambda, last?.full(at: lambda) ?? SpectralSums.full(s, w: w, lambda: lambda, expansion: expansion))
        }
    }

    /// The root and, with weights, the last fused pass.
    ///
    /// Stops when a Newton step changes lambda by at most 2 ulps, or when
    /// Newton's error law e_next ~ |f''/(2 f')| step^2, with the curvature
    /// from the same pass, puts the stepped value within a tenth of an ulp
    /// of the root: that saves one pass over the spectrum per root.
    func root(n: Double, guess: Double?, s: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>?,
              expansion: BlockExpansion? = nil) -> (lambda: Double, last: SpectralSums.Fused?) {
        precondition(n > 0 && n < Double(d), "lambda_n is defined for 0 < n < d")
        var (lower, upper) = bracket(n: n)
        let deficit = Double(d) - n
        let useDeficit = n > 0.5 * Double(d)
        var x = min(max(guess ?? lower, lower), upper)
        // Fuse a pass only when it is likely to be the last: a fused pass costs more than a plain
        // one, but less than the separate pass it saves.
        var likelyLast = guess != nil
        for _ in 0..<200 {
            let last = likelyLast ? w.map { SpectralSums.fused(s, w: $0, lambda: x, deficit: useDeficit, expansion: expansion) } : nil
            let sums = last?.newton ?? SpectralSums.newton(s, lambda: x, deficit: useDeficit, expansion: expansion)
            // Residual sign: negative when x lies left of the root.
            // Residual, step and Newton's contraction constant |f''/(2 f')|.
            let residual: Double, step: Double, contraction: Double
            if useDeficit {
                // G' = sr2, G'' = -2 sr3.
                residual = sums.level - deficit
                step = -residual / sums.sr2
                contraction = sums.sr3 / sums.sr2
            } else {
                // H = 1/F - 1/n with F = df1: H' = sr2/F^2, H'' = 2 (sr2^2/F - sr3)/F^2.
                let f = sums.level
                residual = n - f
                step = -residual * f / (n * sums.sr2)
                contraction = abs(sums.sr2 * sums.sr2 / f - sums.sr3) / sums.sr2
            }
            if residual == 0 { return (x, last) }
            if residual < 0 { lower = x } else { upper = x }
            var next = x + step
            let bisected = !(next > lower && next < upper)
            if bisected { next = lower.squareRoot() * upper.squareRoot() }
            let tolerance = 2 * Double.ulpOfOne * x
            if abs(next - x) <= tolerance || upper - lower <= 2 * Double.ulpOfOne * upper { return (next, last) }
            if !bisected, abs(step) < 1e-3 * x, contraction * step * step <= 0.05 * tolerance {
                return (next, last)
            }
            // By the same law the next step will be about contraction * step^2.
            let nextStep = contraction * step * step
            likelyLast = !bisected && contraction * nextStep * nextStep <= 0.05 * tolerance
            x = next
        }
        return (x, nil)
    }
}
