/// A starting point for the lambda_n solver that depends on the model and n alone (docs/MATH.md,
/// "The regularization level lambda_n"), so that the root, and every closed form built on it, is
/// the same bits whatever grid or command asks for that n.
///
/// The root for a spectrum of `size` eigenvalues, one from the middle of each of `size` equal
/// blocks of the sorted spectrum, at the same fraction n/d, follows lambda_n up to a factor close
/// to 1 (within about 1e-3 for geometric:1e12 at d = 10^6), at a tiny fraction of a pass's cost.
struct CoarseSpectrum {
    static let size = 256
    let solver: LambdaSolver
    let fraction: Double

    /// nil when d is too small for the coarse root to be cheap.
    init?(_ eigenvalues: [Double]) {
        let d = eigenvalues.count
        guard d > 4 * Self.size else { return nil }
        solver = LambdaSolver(eigenvalues: (0..<Self.size).map { eigenvalues[(2 * $0 + 1) * d / (2 * Self.size)] })
        fraction = Double(Self.size) / Double(d)
    }

    /// The coarse root at n, for 0 < n < d (on the scale of the eigenvalues given).
    func lambda(n: Double) -> Double { solver.solve(n: n * fraction) }
}
