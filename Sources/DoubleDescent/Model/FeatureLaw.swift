/// The law of the whitened feature vector z, with x = V diag(sqrt(s)) z (docs/MATH.md, "Feature laws").
///
/// Every law here is continuous with identity second moment, E[z z^T] = I, so Sigma = E[x x^T] and
/// Theorem 1 holds exactly for each of them. Only the Gaussian law has the exact i.i.d. formulas of
/// "I.i.d. Gaussian design".
public enum FeatureLaw: String, CaseIterable, Sendable {
    /// z ~ N(0, I).
    case gaussian
    /// z uniform on the sphere of radius sqrt(d): ||z||^2 = d exactly.
    case sphere
    /// z with i.i.d. coordinates uniform on [-sqrt(3), sqrt(3)] (variance 1).
    case uniform

    /// True when the coordinates of z are independent, so that any set of eigen-directions of x is
    /// independent of the others (needed by "Model-wise double descent").
    public var hasIndependentCoordinates: Bool { self != .sphere }
}
