import DDSampling

/// What the Monte Carlo says about one design at one n.
public struct MonteCarloEstimate: Equatable, Sendable {
    public var trials: Int
    /// Mean over the draws of E_xi ||w_hat - w*||^2 (the noise averaged exactly, per draw); nil where
    /// the true MSE is infinite, since no sample mean estimates it.
    public var mse: Double?
    /// Standard error of `mse` (sample standard deviation / sqrt(trials)).
    public var standardError: Double?
    /// Mean number of rows of the drawn designs.
    public var meanRows: Double?
    /// True when the per-draw error has, or shows, infinite variance (see `HeavyTail`).
    public var heavyTail: Bool

    public init(trials: Int, mse: Double? = nil, standardError: Double? = nil, meanRows: Double? = nil, heavyTail: Bool) {
        self.trials = trials
        self.mse = mse
        self.standardError = standardError
        self.meanRows = meanRows
        self.heavyTail = heavyTail
    }
}

/// The Monte Carlo at one point: one estimate per simulated design (nil when it was not simulated).
public struct MonteCarloPoint: Equatable, Sendable {
    public var surrogate: MonteCarloEstimate?
    public var iid: MonteCarloEstimate?

    public init(surrogate: MonteCarloEstimate? = nil, iid: MonteCarloEstimate? = nil) {
        self.surrogate = surrogate
        self.iid = iid
    }

    /// True if either design's error is heavy tailed here.
    public var heavyTail: Bool { (surrogate?.heavyTail ?? false) || (iid?.heavyTail ?? false) }

    public func estimate(_ design: DesignKind) -> MonteCarloEstimate? {
        design == .surrogate ? surrogate : iid
    }
}
