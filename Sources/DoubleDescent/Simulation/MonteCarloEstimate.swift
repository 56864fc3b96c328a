import DDSampling

/// What the Monte Carlo says about one design at one n.
public struct MonteCarloEstimate: Equatable, Sendable {
    public var trials: Int
    /// Mean over the draws of the error the run's `Risk` names, E_xi ||w_hat - w*||^2 by default (the
    /// noise averaged exactly, per draw); nil where the true error is infinite, since no sample mean
    /// estimates it.
    public var mean: Double?
    /// Standard error of `mean` (sample standard deviation / sqrt(trials)).
    public var standardError: Double?
    /// Mean number of rows of the drawn designs.
    public var meanRows: Double?
    /// True when the per-draw error has, or shows, infinite variance (see `HeavyTail`).
    public var heavyTail: Bool

    public init(trials: Int, mean: Double? = nil, standardError: Double? = nil, meanRows: Double? = nil, heavyTail: Bool) {
        self.trials = trials
        self.mean = mean
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
