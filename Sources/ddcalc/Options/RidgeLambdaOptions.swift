import ArgumentParser
import DoubleDescent

/// `--lambda`: the ridge penalty of the estimator w_lambda = (X^T X + lambda I)^-1 X^T y
/// (docs/MATH.md, "Ridge at any lambda"; docs/OUTPUT.md, "Ridge at any lambda"). 0, the default,
/// is the min-norm estimator and prints today's bytes: none of the keys below appear.
struct RidgeLambdaOptions: ParsableArguments {
    @Option(name: .customLong("lambda"), parsing: .unconditional,
            help: ArgumentHelp("Ridge penalty lambda (unnormalised, like scikit-learn's alpha; may be negative down to "
                               + "lambda_min). 0 = the min-norm estimator. Example: --lambda 0.5"))
    var lambda: Double = 0

    func validate() throws {
        guard lambda.isFinite else { throw ValidationError("--lambda: must be a finite number, got \(lambda)") }
    }

    /// True for lambda != 0: the ridge keys appear and the theory keys are null.
    var active: Bool { lambda != 0 }

    /// The ridge deterministic equivalents at every n (nil at lambda = 0); a lambda below lambda_min
    /// at some n is a bad input naming lambda_min.
    func equivalents(_ calculator: ClosedFormCalculator, ns: [Double]) throws -> [RidgeEquivalent]? {
        guard active else { return nil }
        return try ns.map { n in
            do {
                return try calculator.ridgeEquivalent(n: n, lambda: lambda)
            } catch let error as RidgeLambdaError {
                throw InputError("--lambda: \(error)")
            }
        }
    }

    /// The table's extra columns at lambda != 0.
    var tableColumns: [(key: String, title: String)] { active ? Self.columns : [] }

    /// The table's columns at a ridge penalty.
    static let columns: [(key: String, title: String)] = [("ridge_lambda", "ridge lambda"), ("kappa", "kappa"), ("gamma", "gamma")]

    /// The Monte Carlo settings at this lambda.
    func apply(to settings: MonteCarloSettings) -> MonteCarloSettings {
        var settings = settings
        settings.ridgeLambda = lambda
        return settings
    }

    /// Why the Monte Carlo keys are null at a negative lambda (only when some design was asked for).
    func warnings(monteCarlo: Bool) -> [String] {
        lambda < 0 && monteCarlo ? [Self.negativeLambdaWarning(lambda)] : []
    }

    /// The warning of a negative penalty `lambda` (named by `name`), whose Monte Carlo is not computed.
    static func negativeLambdaWarning(_ lambda: Double, name: String = "--lambda") -> String {
        "\(name) \(lambda) < 0: Monte Carlo not computed (mc_* null): for continuous feature laws the expected "
            + "error of the ridge estimator is infinite at any fixed negative lambda (docs/MATH.md, \"Ridge at any lambda\")"
    }
}
