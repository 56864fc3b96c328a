import DDLinearAlgebra
import DDRandom

/// Tall Gaussian draws through their Gram matrix (docs/MATH.md, "Monte Carlo").
///
/// With K >= d Gaussian rows the design has full rank almost surely, so w_hat - w* = X^+ xi and the
/// noise-averaged error of the draw is sigma^2 tr((X^T X)^-1): a function of X^T X alone, as the
/// Rao-Blackwellised error always is. Here X^T X = D^(1/2) W D^(1/2), D = diag(s), W = Z^T Z
/// ~ Wishart_d(nu, I) with nu = K for K i.i.d. rows and nu = K + 2 for the surrogate design, whose
/// det(X^T X) weighting adds two degrees of freedom (the same law its determinantal block and extra
/// rows give, "Exact sampling"). W is drawn by Bartlett's decomposition W = L L^T: L lower
/// triangular with L_jj ~ chi(nu - j + 1) (j = 1..d) and L_ij ~ N(0, 1) below the diagonal, all
/// independent. A draw then costs d(d+1)/2 variates and one triangular inverse, instead of K d
/// variates and a K x d QR, with exactly the same law of the error:
/// tr((X^T X)^-1) = sum_j ||L^-1 e_j||^2 / s_j.
///
/// Used by the Monte Carlo for the draws with K >= d rows of Gaussian features with a non-isotropic
/// Sigma. Of the other Gaussian draws, those with 0 < K < d rows go through `WideGaussianDraw`, an
/// empty one (K = 0) has error ||w*||^2, and with Sigma = s I every draw goes through
/// `IsotropicGaussianDraw`. Other feature laws, data sets and the ridge check draw the rows and run
/// `MinNormSolver`.
enum WishartGramDraw {
    /// sigma^2 tr((X^T X)^-1) for one draw with `degreesOfFreedom` >= d; `factor` holds d x d doubles.
    /// With `prediction`, the prediction risk sigma^2 tr(Sigma (X^T X)^-1) = sigma^2 tr(W^-1) of the
    /// same draw: the sum without the division by s_j, at the same cost (docs/MATH.md, "Prediction risk").
    static func error(degreesOfFreedom nu: Int, sigma: Double, eigenvalues s: UnsafeBufferPointer<Double>,
                      factor l: UnsafeMutablePointer<Double>, prediction: Bool = false,
                      using rng: inout RandomStream) -> Double {
        let d = s.count
        precondition(nu >= d, "a Wishart draw needs at least d degrees of freedom")
        for j in 0..<d {
            let column = l + j * d
            column.update(repeating: 0, count: j)
            column[j] = rng.chi(degreesOfFreedom: Double(nu - j))
            rng.fillNormal(UnsafeMutableBufferPointer(start: column + j + 1, count: d - j - 1))
        }
        TriangularInverse.invert(l, n: d, ld: d, upper: false)
        var trace = 0.0
        if prediction {
            for j in 0..<d { trace += SquaredNorm.of(l + j * d + j, count: d - j) }
        } else {
            for j in 0..<d {
                trace += SquaredNorm.of(l + j * d + j, count: d - j) / s[j]
            }
        }
        return sigma * sigma * trace
    }
}
