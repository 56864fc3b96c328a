import DDRandom

/// Isotropic Gaussian draws through their singular values alone (docs/MATH.md, "Monte Carlo",
/// "Isotropic Gaussian draws").
///
/// With Sigma = s I and Gaussian features, X = sqrt(s) Z, and the law of Z given its row count K is
/// invariant under Z -> Z Q for every orthogonal Q: for K i.i.d. rows, and for the surrogate design,
/// whose density given K is the Gaussian one times det(Z Z^T) (n < d) or det(Z^T Z) (n >= d). So the
/// row space of Z is uniformly distributed and independent of its singular values, and the
/// noise-averaged error of a draw, with p = min(K, d),
///
///     ||(I - P) w*||^2 + (sigma^2 / s) tr(G^-1),   G = the p x p Gram matrix of Z,
///
/// splits into independent parts with known laws:
/// - ||(I - P) w*||^2 = ||w*||^2 (1 - B) with B ~ Beta(K/2, (d - K)/2) (0 when K >= d);
/// - G ~ Wishart_p(nu) with nu = max(K, d) for i.i.d. rows and max(K, d) + 2 for the surrogate
///   design (its det weighting adds two degrees of freedom, as in `WishartGramDraw`);
/// - tr(G^-1) = tr((B B^T)^-1) for the lower-bidiagonal B of Dumitriu and Edelman ("Matrix models
///   for beta ensembles", J. Math. Phys. 43, 2002): Householder bidiagonalisation of a p x nu
///   Gaussian matrix gives diagonal entries a_i ~ chi(nu - i + 1) and subdiagonal b_i ~ chi(p - i),
///   all independent, with Z = U B V^T, U and V orthogonal.
/// The rows of B^-1 have squared norms c_1 = 1/a_1^2, c_i = (1 + b_(i-1)^2 c_(i-1)) / a_i^2, a sum of
/// positive terms with no cancellation. A draw costs O(p) variates and flops instead of K d normals
/// and a QR: the same law of the per-draw error.
enum IsotropicGaussianDraw {
    /// One draw's error with `rows` = K rows. `degreesOfFreedom` = nu >= min(K, d) as above;
    /// `eigenvalue` = s, `wNormSquared` = ||w*||^2.
    static func error(rows k: Int, d: Int, degreesOfFreedom nu: Int, eigenvalue s: Double, sigma: Double,
                      wNormSquared: Double, using rng: inout RandomStream) -> Double {
        var bias = 0.0
        if k < d {
            // 1 - B = Gamma((d - K)/2) / (Gamma(K/2) + Gamma((d - K)/2)), without the cancellation of 1 - B.
            let kept = k > 0 ? rng.gamma(shape: 0.5 * Double(k)) : 0
            let lost = rng.gamma(shape: 0.5 * Double(d - k))
            bias = wNormSquared * lost / (kept + lost)
        }
        // sigma = 0: no variance term, and nothing to draw (an infinite trace would give 0 * inf).
        guard sigma > 0, k > 0 else { return bias }
        let trace = traceOfInverseWishart(dimension: min(k, d), degreesOfFreedom: nu, using: &rng)
        return bias + sigma * sigma / s * trace
    }

    /// tr(W^-1) for one W ~ Wishart_p(nu, I), nu >= p >= 1, through the bidiagonal model above.
    static func traceOfInverseWishart(dimension p: Int, degreesOfFreedom nu: Int, using rng: inout RandomStream) -> Double {
        precondition(p >= 1 && nu >= p, "a p x p Wishart matrix needs nu >= p >= 1")
        var trace = 0.0
        var row = 0.0  // c_(i-1); c_0 = 0
        for i in 1...p {
            // a_i^2 ~ chi^2(nu - i + 1) and b_(i-1)^2 ~ chi^2(p - i + 1), as 2 Gamma(k/2).
            let subdiagonal = i > 1 ? 2 * rng.gamma(shape: 0.5 * Double(p - i + 1)) : 0
            let diagonal = 2 * rng.gamma(shape: 0.5 * Double(nu - i + 1))
            row = (1 + subdiagonal * row) / diagonal
            trace += row
        }
        return trace
    }
}
