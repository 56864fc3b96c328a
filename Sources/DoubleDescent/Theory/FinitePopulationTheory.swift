/// The exact variance term for n < d when D is uniform on N data rows (docs/MATH.md,
/// "Finite populations"): variance = sigma^2 gamma_n [ (1 - alpha_n) - (n - d alpha_n) / N ].
/// The bias term is Theorem 1's, unchanged.
enum FinitePopulationTheory {
    /// The bracket (1 - alpha_n) - (n - d alpha_n) / N, or Theorem 1's 1 - alpha_n when
    /// `populationSize` is nil (a continuous law).
    ///
    /// Written as (1 - alpha_n)(1 - d/N) + (d - n)/N: both terms are non-negative for N >= d, so
    /// nothing cancels, and 1 - alpha_n keeps its own accurate evaluation (`Alpha`).
    static func varianceFactor(n: Double, d: Int, alpha: Double, oneMinusAlpha: Double, populationSize: Int?) -> Double {
        guard let populationSize else { return oneMinusAlpha }
        let size = Double(populationSize), dimension = Double(d)
        return oneMinusAlpha * (1 - dimension / size) + (dimension - n) / size
    }
}
