import Foundation

/// The fixed point of the ridge estimator at penalty lambda (docs/MATH.md, "Ridge at any lambda"):
/// the root kappa of f(kappa) = kappa (n - df1(kappa)) = lambda on the increasing branch
/// kappa >= kappa*, where df2(kappa*) = n, and the smallest admissible penalty
/// lambda_min = f(kappa*).
///
/// f is convex on kappa > -s_d with f' = n - df2, so Newton started right of the root decreases
/// monotonically to it; a step that leaves the bracket becomes a bisection (as in `LambdaSolver`).
/// The same holds for df2 - n (convex, decreasing) started left of kappa*.
package struct RidgeKappaSolver {
    /// s_1 >= ... >= s_d > 0.
    let eigenvalues: [Double]
    let trace: Double

    package init(eigenvalues: [Double]) {
        self.eigenvalues = eigenvalues
        trace = eigenvalues.withUnsafeBufferPointer { SpectralSums.traces($0).trace }
    }

    /// The sums at kappa (kappa > -s_d): gamma = n - df1 and n - df2, compensated and, when n > d/2,
    /// in the deficit forms sum kappa r_i - (d - n) and sum kappa (2 s_i + kappa) r_i^2 - (d - n)
    /// (1 - s r = kappa r, 1 - (s r)^2 = kappa (2 s + kappa) r^2), t = sum s r^2, df2 = sum (s r)^2, and with weights
    /// wr2 = sum w^2 r^2 and swr2 = sum s w^2 r^2, where r_i = 1/(s_i + kappa).
    struct Sums {
        var gap: Double
        /// n - df2.
        var gap2: Double
        var t: Double
        var df2: Double
        var wr2 = 0.0
        var swr2 = 0.0
        /// sum s^2 r^3: -1/2 the derivative of df2.
        var s2r3: Double
    }

    func sums(n: Double, kappa: Double, weights: [Double]? = nil) -> Sums {
        let d = Double(eigenvalues.count), deficitForm = n > 0.5 * d
        var gap = SpectralSums.NeumaierSum(), gap2 = SpectralSums.NeumaierSum()
        gap.add(deficitForm ? n - d : n)
        gap2.add(deficitForm ? n - d : n)
        var t = 0.0, df2 = 0.0, wr2 = 0.0, swr2 = 0.0, s2r3 = 0.0
        for i in eigenvalues.indices {
            let s = eigenvalues[i], r = 1 / (s + kappa), sr = s * r
            gap.add(deficitForm ? kappa * r : -sr)
            gap2.add(deficitForm ? kappa * (s + s + kappa) * r * r : -sr * sr)
            t += sr * r
            df2 += sr * sr
            s2r3 += sr * sr * r
            if let weights {
                let w2r2 = weights[i] * weights[i] * r * r
                wr2 += w2r2
                swr2 += s * w2r2
            }
        }
        return Sums(gap: gap.total, gap2: gap2.total, t: t, df2: df2, wr2: wr2, swr2: swr2, s2r3: s2r3)
    }

    /// kappa*, the minimiser of f: df2(kappa*) = n (0 at n = d; negative above d).
    package func kappaStar(n: Double) -> Double {
        let d = Double(eigenvalues.count)
        if n == d { return 0 }
        let smallest = eigenvalues[eigenvalues.count - 1]
        // df2 >= the last term, which is n at kappa = -s_d (1 - 1/sqrt n); df2 <= tr(Sigma^2)/kappa^2.
        var lower = n > d ? -smallest * (1 - 1 / n.squareRoot()) : 0
        var upper = n > d ? 0 : (eigenvalues.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        var x = lower
        for _ in 0..<400 {
            let sums = sums(n: n, kappa: x)
            let residual = -sums.gap2
            if residual == 0 { return x }
            if residual > 0 { lower = x } else { upper = x }
            var next = x + residual / (2 * sums.s2r3)
            if !(next > lower && next < upper) { next = 0.5 * (lower + upper) }
            if abs(next - x) <= 2 * Double.ulpOfOne * abs(x) || upper - lower <= 2 * Double.ulpOfOne * max(abs(lower), abs(upper)) {
                return next
            }
            x = next
        }
        return x
    }

    /// lambda_min = kappa* (n - df1(kappa*)) <= 0, and kappa*.
    package func lambdaMin(n: Double) -> (lambdaMin: Double, kappaStar: Double) {
        let kappaStar = kappaStar(n: n)
        return (kappaStar == 0 ? 0 : kappaStar * sums(n: n, kappa: kappaStar).gap, kappaStar)
    }

    /// The root kappa of f(kappa) = lambda for lambda != 0 and lambda >= lambda_min; `start` is the
    /// root at lambda = 0 (lambda_n below d, 0 from d on).
    package func kappa(n: Double, lambda: Double, kappaAtZero start: Double, kappaStar: Double) -> Double {
        var lower: Double, upper: Double
        if lambda > 0 {
            // 0 <= kappa df1 <= tr Sigma puts the root in [lambda/n, (lambda + tr Sigma)/n].
            lower = max(lambda / n, start)
            upper = (lambda + trace) / n
        } else {
            lower = kappaStar
            upper = start
        }
        var x = upper
        for _ in 0..<400 {
            let sums = sums(n: n, kappa: x)
            let residual = x * sums.gap - lambda
            if residual == 0 { return x }
            if residual > 0 { upper = x } else { lower = x }
            let slope = sums.gap + x * sums.t
            var next = x - residual / slope
            if !(next > lower && next < upper) { next = 0.5 * (lower + upper) }
            if abs(next - x) <= 2 * Double.ulpOfOne * abs(x) || upper - lower <= 2 * Double.ulpOfOne * max(abs(lower), abs(upper)) {
                return next
            }
            x = next
        }
        return x
    }
}
