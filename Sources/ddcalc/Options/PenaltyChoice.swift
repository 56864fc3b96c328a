import ArgumentParser
import DoubleDescent

/// The penalties of `gcv` and `sweep --vary lambda`: an explicit `--lambdas` list, or a grid from
/// `--lambda-min` to `--lambda-max` (`PenaltyGrid`: logarithmic when the range is positive, else even).
/// Both commands declare the flags themselves (their defaults and help differ: docs/OUTPUT.md, "gcv"
/// and "The ridge path (`--vary lambda`)") and share this validation and construction.
struct PenaltyChoice {
    var lambdas: String?
    var lambdaMin: Double?
    var lambdaMax: Double?

    /// The checks that need no model: the list parses, the bounds are finite and ordered.
    func validate() throws {
        if let lambdas { _ = try Self.list(lambdas) }
        for (flag, value) in [("--lambda-min", lambdaMin), ("--lambda-max", lambdaMax)] {
            if let value, !value.isFinite { throw ValidationError("\(flag): must be a finite number, got \(value)") }
        }
        if let lambdaMin, let lambdaMax, !(lambdaMin < lambdaMax) {
            throw ValidationError("--lambda-min: must be below --lambda-max, got \(lambdaMin) and \(lambdaMax)")
        }
    }

    /// The flag that gave the penalties, for error lines.
    var flag: String { lambdas != nil ? "--lambdas" : "--lambda-min" }

    /// `--lambdas`, or `count` penalties from `--lambda-min` (default `high / span`) to `--lambda-max`
    /// (default `high`).
    func values(high defaultHigh: Double, span: Double, count: Int) throws -> [Double] {
        if let lambdas { return try Self.list(lambdas) }
        let high = lambdaMax ?? defaultHigh, low = lambdaMin ?? high / span
        guard low < high else { throw InputError("--lambda-min: must be below --lambda-max, got \(low) and \(high)") }
        return PenaltyGrid.values(low: low, high: high, count: count)
    }

    /// The penalties of `--lambdas`, or its one-line error.
    private static func list(_ text: String) throws -> [Double] {
        do { return try NumberParsing.doubleList(text) } catch { throw ValidationError("--lambdas: \(error)") }
    }
}
