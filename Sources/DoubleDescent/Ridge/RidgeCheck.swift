import DDModel
import DDSampling
import DDSimulation
import DDTheory
import Foundation

/// The implicit-regularization check of Theorem 2 at one n (docs/MATH.md, "Theorem 2"): the Monte
/// Carlo mean of w_hat = X^+ y against the ridge target, with a test of equality.
///
/// For the surrogate design the two agree exactly (for n < d with lambda = lambda_n, for n >= d with
/// lambda = 0), so the test should pass at any number of trials. For the i.i.d. design at n < d the
/// correspondence is only approximate: rel_error and the p-value then measure how far it is.
public struct RidgeCheck: Sendable {
    /// The level below which the mean is declared inconsistent with the target.
    public static let significance = 0.001

    public let n: Double
    public let design: DesignKind
    public let response: RidgeResponse
    public let trials: Int
    public let target: RidgeTarget
    /// The Monte Carlo mean of w_hat in original coordinates.
    public let mean: [Double]
    /// Standard errors of `mean`, coordinate by coordinate (original coordinates).
    public let standardErrors: [Double]
    /// Mean number of rows of the drawn designs.
    public let meanRows: Double
    /// ||mean - target|| / ||target|| (nil when the target is 0).
    public let relativeError: Double?
    /// The test of mean = target; nil when Cov(w_hat) is infinite (no valid test exists) or with
    /// fewer than two trials.
    public let test: MeanTest?
    public let heavyTail: Bool
    public let infiniteCovariance: Bool

    public var pValue: Double? { test?.pValue }
    /// p-value >= 0.001; nil when there is no test.
    public var consistent: Bool? { pValue.map { $0 >= Self.significance } }

    /// Compares a finished Monte Carlo with `target` (normally the one at lambda_n; the power
    /// check passes a deliberately wrong one).
    package init(n: Double, monteCarlo: RidgeMonteCarlo, result: RidgeMonteCarlo.Result, target: RidgeTarget) {
        self.n = n
        design = monteCarlo.design
        response = monteCarlo.response
        trials = result.moments.count
        self.target = target
        let model = monteCarlo.model
        mean = model.covariance.toOriginal(result.moments.mean)
        meanRows = result.meanRows
        standardErrors = Self.originalVariances(result.moments.covariance, model.covariance)
            .map { ($0 / Double(result.moments.count)).squareRoot() }
        let errorNorm = zip(mean, target.original).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let targetNorm = target.original.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        relativeError = targetNorm > 0 ? errorNorm / targetNorm : nil
        heavyTail = result.heavyTail
        infiniteCovariance = result.infiniteCovariance
        // Hotelling's T^2 is invariant under the rotation V: test in eigen coordinates.
        test = result.infiniteCovariance || result.moments.count < 2 ? nil
            : MeanTest(mean: result.moments.mean, covariance: result.moments.covariance,
                       count: result.moments.count, hypothesis: target.eigen)
    }

    /// diag(V C V^T): the variances of the original coordinates from a covariance in the eigenbasis.
    static func originalVariances(_ c: [Double], _ covariance: CovarianceModel) -> [Double] {
        let d = covariance.d
        guard let v = covariance.eigenvectors else { return covariance.toOriginal((0..<d).map { c[$0 + $0 * d] }) }
        return (0..<d).map { i in
            var sum = 0.0
            for b in 0..<d {
                var row = 0.0
                for a in 0..<d { row += v[i + a * d] * c[a + b * d] }
                sum += row * v[i + b * d]
            }
            return max(sum, 0)
        }
    }

    /// Runs the Monte Carlo at n and compares it with the target at lambda_n (lambda = 0 for n >= d).
    /// `lambda` may pass a precomputed lambda_n. Throws `ModelError` for an n no design can be drawn at
    /// (the i.i.d. design needs an integer n) or a bad lambda, `SimulationError` for fewer than one trial.
    ///
    /// `ridgeLambda` > 0 checks Theorem 2 at that ridge penalty (docs/MATH.md, "Ridge at any lambda"):
    /// the mean of w_lambda under the regularized surrogate design against (Sigma + kappa I)^-1 E[x y]
    /// (the exact finite-population target for a data set); `RidgeLambdaError` for a negative one.
    public static func run(model: RegressionModel, response: RidgeResponse, design: DesignKind, n: Double,
                           lambda: Double? = nil, trials: Int, seed: UInt64, threads: Int,
                           progress: ((Int, Int) -> Void)? = nil, cancellation: Cancellation? = nil,
                           ridgeLambda: Double = 0) throws -> RidgeCheck {
        try MonteCarloSimulator.check(trials: trials, minimum: 1)
        try SampleSizeLimit.check(n)
        if design == .iid && n != n.rounded() { throw ModelError.nonIntegerSampleSize(n) }
        guard ridgeLambda >= 0 else {
            throw RidgeLambdaError.belowMinimum(lambda: ridgeLambda, lambdaMin: 0, n: n)
        }
        let ridge = ridgeLambda == 0 ? nil : try ClosedFormCalculator(model: model).ridgeEquivalent(n: n, lambda: ridgeLambda)
        let target = try ridge.map { try RidgeTarget(model: model, response: response, ridge: $0.kappa) }
            ?? RidgeTarget(model: model, response: response, n: n, lambda: lambda)
        let monteCarlo = RidgeMonteCarlo(model: model, response: response, design: design, seed: seed, threads: threads)
        let result = try monteCarlo.run(n: n, lambda: ridge == nil ? target.lambda : nil, trials: trials, progress: progress,
                                        cancellation: cancellation, ridge: ridge)
        return RidgeCheck(n: n, monteCarlo: monteCarlo, result: result, target: target)
    }

    /// `sweep --check-ridge`: the check (linear response, surrogate design) at every point with n < d;
    /// nil elsewhere. Each point's check depends only on the model, the point, trials and seed, so a
    /// resumed sweep passes the points it already has as `skipping` (they are nil here) and gets the
    /// others, each handed to `finished(index, check)` as soon as it is done.
    /// `progress(done, total)` counts trials over the points checked by this call.
    public static func sweep(model: RegressionModel, points: [ClosedForms], trials: Int, seed: UInt64, threads: Int,
                             skipping: Set<Int> = [], finished: ((Int, RidgeCheck) -> Void)? = nil,
                             progress: ((Int, Int) -> Void)? = nil,
                             cancellation: Cancellation? = nil) throws -> [RidgeCheck?] {
        try MonteCarloSimulator.check(trials: trials, minimum: 0)
        try MonteCarloSimulator.check(points.filter { $0.lambda != nil }, d: model.d)
        let checked = points.indices.filter { points[$0].lambda != nil && !skipping.contains($0) }.count
        var done = 0
        return try points.indices.map { index in
            let point = points[index]
            guard let lambda = point.lambda, trials >= 2, !skipping.contains(index) else { return nil }
            let check = try run(model: model, response: .linear, design: .surrogate, n: point.n, lambda: lambda,
                                trials: trials, seed: seed, threads: threads,
                                progress: { current, _ in progress?(done + current, checked * trials) }, cancellation: cancellation)
            done += trials
            finished?(index, check)
            return check
        }
    }
}
