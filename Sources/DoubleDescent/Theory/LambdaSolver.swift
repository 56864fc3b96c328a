import DDElementary

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
///
/// Both residuals lose their accuracy when the spectrum has a wide gap around the root: a term
/// s_i/(s_i + lambda) within 1e-16 of 1 (or of 0 in the deficit form) keeps none of its distance
/// from it, which is all that moves the root. When the last pass shows that (`needsPolish`), the
/// root is finished on the split residual (`polished`), whose error is a few ulps of lambda for
/// every spectrum (docs/MATH.md, "The regularization level lambda_n", "Spectra with gaps").
package struct LambdaSolver {
    package let eigenvalues: [Double]
    /// tr Sigma^-1 = sum 1/s_i.
    package let traceInverse: Double
    /// tr Sigma = sum s_i.
    package let trace: Double

    package var d: Int { eigenvalues.count }

    package init(eigenvalues: [Double]) {
        self.eigenvalues = eigenvalues
        (trace, traceInverse) = eigenvalues.withUnsafeBufferPointer { SpectralSums.traces($0) }
    }

    /// The bracket [lower, upper] that contains lambda_n.
    package func bracket(n: Double) -> (lower: Double, upper: Double) {
        let d = Double(self.d), deficit = d - n
        let lower = d * deficit / (n * traceInverse)
        let upper = min(trace / n, eigenvalues[0] * deficit / n)
        return (lower, max(upper, lower))
    }

    /// lambda_n for 0 < n < d. `guess` (for example the root at a neighbouring
    /// n along a sweep) only affects the number of iterations.
    package func solve(n: Double, guess: Double? = nil) -> Double {
        eigenvalues.withUnsafeBufferPointer { s in
            let found = root(n: n, guess: guess, s: s, w: nil)
            return found.polish ? Self.polished(s, n: n, lambda: found.lambda) : found.lambda
        }
    }

    /// lambda_n together with the closed forms' sums at lambda_n for the weights `w` (w* in
    /// Sigma's eigenbasis). A pass that is likely to be the last is fused (SpectralSums.fused);
    /// when the root lies within `Full.maxRelativeStep` of such a last pass, the sums are its
    /// values stepped to the root, otherwise one more pass computes them.
    /// `expansion`, if given, must be built for these eigenvalues and weights.
    func solve(n: Double, guess: Double?, weights w: UnsafeBufferPointer<Double>,
               expansion: BlockExpansion? = nil) -> (lambda: Double, sums: SpectralSums.Full) {
        eigenvalues.withUnsafeBufferPointer { s in
            let (lambda, last, polish) = root(n: n, guess: guess, s: s, w: w, expansion: expansion)
            if polish {
                let polished = Self.polished(s, n: n, lambda: lambda)
                return (polished, SpectralSums.full(s, w: w, lambda: polished, expansion: expansion))
            }
            return (lambda, last?.full(at: lambda) ?? SpectralSums.full(s, w: w, lambda: lambda, expansion: expansion))
        }
    }

    /// The root, with weights the last fused pass, and whether the root must be `polished`: when the
    /// residual's rounding error, about 2 eps times its level sum, can move lambda by more than about
    /// 3e-14 relative (level / (lambda sr2) > `polishRatio`); that needs a gap in the spectrum, and
    /// never happens for spectra without one up to condition numbers far beyond 1e12.
    ///
    /// Stops when a Newton step changes lambda by at most 2 ulps, or when
    /// Newton's error law e_next ~ |f''/(2 f')| step^2, with the curvature
    /// from the same pass, puts the stepped value within a tenth of an ulp
    /// of the root: that saves one pass over the spectrum per root.
    func root(n: Double, guess: Double?, s: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>?,
              expansion: BlockExpansion? = nil) -> (lambda: Double, last: SpectralSums.Fused?, polish: Bool) {
        precondition(n > 0 && n < Double(d), "lambda_n is defined for 0 < n < d")
        var (lower, upper) = bracket(n: n)
        let deficit = Double(d) - n
        let useDeficit = n > 0.5 * Double(d)
        var x = min(max(guess ?? lower, lower), upper)
        // Fuse a pass only when it is likely to be the last: a fused pass costs more than a plain
        // one, but less than the separate pass it saves. A first pass is not (the coarse root that
        // `ClosedFormCalculator` passes as the guess is about 1e-3 off).
        var likelyLast = false
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
            let polish = sums.level > Self.polishRatio * x * sums.sr2
            if residual == 0 { return (x, last, polish) }
            if residual < 0 { lower = x } else { upper = x }
            var next = x + step
            let bisected = !(next > lower && next < upper)
            if bisected { next = lower.squareRoot() * upper.squareRoot() }
            let tolerance = 2 * Double.ulpOfOne * x
            if abs(next - x) <= tolerance || upper - lower <= 2 * Double.ulpOfOne * upper { return (next, last, polish) }
            if !bisected, abs(step) < 1e-3 * x, contraction * step * step <= 0.05 * tolerance {
                return (next, last, polish)
            }
            // By the same law the next step will be about contraction * step^2.
            let nextStep = contraction * step * step
            likelyLast = !bisected && contraction * nextStep * nextStep <= 0.05 * tolerance
            x = next
        }
        return (x, nil, true)
    }

    /// Above this ratio of the level sum to lambda sr2 the root is `polished`.
    static let polishRatio = 64.0

    /// The root finished on the split residual. With m = #{s_i > lambda} at the start,
    ///
    ///     df1 - n = A - B,   A = sum_{i > m} s_i/(s_i + lambda) + max(m - n, 0),
    ///                        B = sum_{i <= m} lambda/(s_i + lambda) + max(n - m, 0),
    ///
    /// for every lambda, with every term of A and B the smaller of p_i and 1 - p_i near the root: each
    /// keeps its relative accuracy, and both are positive. Newton on log A - log B in u = log lambda
    /// (nearly linear across a gap, where A and B are close to powers of lambda) with
    /// d log A/du = -lambda sum_{i > m} s_i r_i^2 / A and d log B/du = lambda sum_{i <= m} s_i r_i^2 / B;
    /// it stops when a step moves lambda by at most 2 ulps. The rounding error of A - B is then below
    /// 4 eps lambda sr2 (p (1 - p) >= min(p, 1 - p) / 2): a few ulps of lambda for every spectrum.
    static func polished(_ s: UnsafeBufferPointer<Double>, n: Double, lambda start: Double) -> Double {
        // m: the eigenvalues (descending) above the start.
        var m = 0, end = s.count
        while m < end {
            let middle = (m + end) / 2
            if s[middle] > start { m = middle + 1 } else { end = middle }
        }
        let excess = Double(m) - n
        var lambda = start
        for _ in 0..<100 {
            var a = SpectralSums.NeumaierSum(), b = SpectralSums.NeumaierSum()
            var slopeA = 0.0, slopeB = 0.0
            for i in 0..<s.count {
                let r = 1 / (s[i] + lambda)
                if i < m {
                    b.add(lambda * r)
                    slopeB += s[i] * r * r
                } else {
                    a.add(s[i] * r)
                    slopeA += s[i] * r * r
                }
            }
            let sumA = a.total + max(excess, 0), sumB = b.total + max(-excess, 0)
            let g = Elementary.log(sumA / sumB)
            let slope = -lambda * (slopeA / sumA + slopeB / sumB)
            let step = -g / slope
            guard step.isFinite, sumA > 0, sumB > 0 else { return lambda }
            lambda *= Elementary.exp(step)
            if abs(step) <= 2 * Double.ulpOfOne { break }
        }
        return lambda
    }
}
