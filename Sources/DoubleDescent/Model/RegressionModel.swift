
/// The linear model y = x^T w* + xi of the paper: Sigma (through its
/// eigen-decomposition), w* in both coordinate systems and the noise level.
public struct RegressionModel {
    public let covariance: CovarianceModel
    /// w_i = v_i^T w*, aligned with `covariance.eigenvalues`.
    public let wEigen: [Double]
    /// w* in the original coordinates.
    public let wOriginal: [Double]
    /// ||w*||^2, summed once.
    public let wNormSquared: Double
    /// Noise standard deviation sigma (not sigma^2).
    public let sigma: Double
    public let wstar: WStarSpec
    public let wnorm: Double
    /// The law of the whitened features z (docs/MATH.md, "Feature laws").
    public let features: FeatureLaw
    /// The data set that is the feature law, or nil for a continuous law.
    public internal(set) var population: FinitePopulation?

    public var d: Int { covariance.d }
    public var eigenvalues: [Double] { covariance.eigenvalues }

    public init(covariance: CovarianceModel, wstar: WStarSpec, wnorm: Double = 1, sigma: Double = 1,
                features: FeatureLaw = .gaussian) throws {
        guard wnorm.isFinite, wnorm >= 0 else { throw ModelError.notFiniteNonNegative(.wnorm, wnorm) }
        guard sigma.isFinite, sigma >= 0 else { throw ModelError.notFiniteNonNegative(.sigma, sigma) }
        self.covariance = covariance
        self.wstar = wstar
        self.wnorm = wnorm
        self.sigma = sigma
        self.features = features
        (wEigen, wOriginal) = try wstar.coordinates(for: covariance, wnorm: wnorm)
        wNormSquared = wEigen.reduce(0) { $0 + $1 * $1 }
    }

    /// The model whose features are uniform on the rows of a data set (docs/MATH.md, "Finite populations").
    public init(population: FinitePopulation, wstar: WStarSpec, wnorm: Double = 1, sigma: Double = 1) throws {
        try self.init(covariance: population.covariance, wstar: wstar, wnorm: wnorm, sigma: sigma)
        self.population = population
    }

    /// A model given directly in Sigma's eigenbasis (V = I, so w* has the same coordinates in both
    /// systems); `wstar` and `wnorm` are only echoed. Used for the truncated models of
    /// `FeatureTruncation`.
    package init(eigenvalues: [Double], wEigen: [Double], sigma: Double, features: FeatureLaw, spec: SpectrumSpec,
         wstar: WStarSpec, wnorm: Double) {
        covariance = CovarianceModel(eigenvalues: eigenvalues, spec: spec)
        self.wEigen = wEigen
        wOriginal = wEigen
        wNormSquared = wEigen.reduce(0) { $0 + $1 * $1 }
        self.sigma = sigma
        self.features = features
        self.wstar = wstar
        self.wnorm = wnorm
    }
}
