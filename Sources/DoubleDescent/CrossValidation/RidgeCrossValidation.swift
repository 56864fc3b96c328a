/// The generalized cross-validation, exact leave-one-out error, training error and degrees of
/// freedom of the ridge fit at one penalty lambda, from a `SpectralRidgeFit` in O(N r) operations
/// (docs/MATH.md, "Cross-validation of ridge"). With w_k = 1 / (s_k^2 + lambda) > 0 (lambda above
/// the floor) and the residual r = y - S_lambda y = y_perp + lambda U (w o z):
///
///     df        = sum_k s_k^2 w_k
///     N - df    = (N - r) + lambda sum_k w_k
///     ||r||^2   = ||y_perp||^2 + lambda^2 sum_k w_k^2 z_k^2            (the two parts are orthogonal)
///     GCV       = N ||r||^2 / (N - df)^2
///     LOO_i     = r_i / (1 - S_ii),  1 - S_ii = (1 - h_i) + lambda sum_k U_ik^2 w_k
///
/// When r = N the factors lambda cancel exactly: GCV = N sum w^2 z^2 / (sum w)^2 and, for every row,
/// LOO_i = (sum_k U_ik w_k z_k) / (sum_k U_ik^2 w_k), which are the lambda -> 0 limits at lambda = 0
/// (the interpolating fit); likewise for a row of leverage one when r < N.
public struct RidgeCrossValidation: Sendable, Equatable {
    public let lambda: Double
    /// N ||y - S y||^2 / (N - tr S)^2.
    public let gcv: Double
    /// (1/N) sum_i (y_i - x_i^T w_lambda^(-i))^2: the exact leave-one-out mean squared error.
    public let loo: Double
    /// (1/N) ||y - S y||^2.
    public let trainMSE: Double
    /// tr S_lambda = sum_k s_k^2 / (s_k^2 + lambda).
    public let df: Double

    /// Throws `CrossValidationError.belowFloor` for lambda <= `fit.lambdaFloor`, `.notFinite` for NaN or infinity.
    public init(_ fit: SpectralRidgeFit, lambda: Double) throws {
        guard lambda.isFinite else { throw CrossValidationError.notFinite(lambda: lambda) }
        guard lambda > fit.lambdaFloor else { throw CrossValidationError.belowFloor(lambda: lambda, floor: fit.lambdaFloor) }
        let n = fit.count, r = fit.rank, s = fit.singularValues, z = fit.coordinates
        let w = s.map { 1 / ($0 * $0 + lambda) }
        var df = 0.0, weightSum = 0.0, shrunk = 0.0
        for k in 0..<r {
            df += s[k] * s[k] * w[k]
            weightSum += w[k]
            shrunk += w[k] * w[k] * z[k] * z[k]
        }
        let outsideNorm = fit.outside.reduce(0) { $0 + $1 * $1 }
        let wz = (0..<r).map { w[$0] * z[$0] }
        // Per row: a_i = sum_k U_ik^2 w_k and b_i = sum_k U_ik w_k z_k, so r_i = y_perp_i + lambda b_i
        // and 1 - S_ii = (1 - h_i) + lambda a_i; a leverage-one row (1 - h_i = 0, y_perp_i = 0) is b_i / a_i.
        var a = [Double](repeating: 0, count: n), b = [Double](repeating: 0, count: n)
        fit.left.withUnsafeBufferPointer { u in
            for k in 0..<r {
                let column = u.baseAddress! + k * n
                for i in 0..<n {
                    a[i] += column[i] * column[i] * w[k]
                    b[i] += column[i] * wz[k]
                }
            }
        }
        var looSum = 0.0
        for i in 0..<n {
            let complement = fit.leverageComplement[i]
            let e = complement == 0 ? b[i] / a[i] : (fit.outside[i] + lambda * b[i]) / (complement + lambda * a[i])
            looSum += e * e
        }
        self.lambda = lambda
        self.df = df
        trainMSE = (outsideNorm + lambda * lambda * shrunk) / Double(n)
        gcv = r == n ? Double(n) * shrunk / (weightSum * weightSum)
            : Double(n) * (outsideNorm + lambda * lambda * shrunk) / ((Double(n - r) + lambda * weightSum) * (Double(n - r) + lambda * weightSum))
        loo = looSum / Double(n)
    }
}
