import DDElementary

/// The response of the ridge check: y = f(x^T w*) + xi with xi ~ N(0, sigma^2) and
/// f the identity (`linear`) or tanh (docs/MATH.md, "Theorem 2").
public enum RidgeResponse: String, CaseIterable, Sendable {
    case linear
    case tanh

    /// f(u).
    @inlinable public func link(_ u: Double) -> Double {
        switch self {
        case .linear: return u
        case .tanh: return Elementary.tanh(u)
        }
    }

    /// E[f'(g)] for g ~ N(0, tau^2), tau = ||w*||_Sigma = sqrt(w*^T Sigma w*). By Stein's lemma
    /// E[x y] = Sigma w* E[f'(g)] for Gaussian x (docs/MATH.md, "Theorem 2").
    /// linear: 1. tanh: E[1 - tanh(g)^2] by adaptive Gauss-Hermite quadrature to 1e-12
    /// (docs/MATH.md, "Gauss-Hermite quadrature"); nil if it does not converge (tau too large
    /// for the rule to resolve sech^2 on the scale of the Gaussian).
    public func steinFactor(tau: Double) -> Double? {
        switch self {
        case .linear:
            return 1
        case .tanh:
            if tau == 0 { return 1 }
            return GaussHermite.adaptiveExpectation(tolerance: 1e-12) { z in
                let t = Elementary.tanh(tau * z)
                return 1 - t * t
            }?.value
        }
    }
}
