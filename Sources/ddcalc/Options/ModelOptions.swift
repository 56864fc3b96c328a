import ArgumentParser
import DoubleDescent

/// The flags that define the model, shared by every command (CLI contract, "The model").
struct ModelOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: "Dimension d (default: none; required unless a file:/covariance: spectrum implies it).")
    var d: Int?

    @Option(help: ArgumentHelp("Eigenvalues of Sigma: isotropic, linear:K, geometric:K, powerlaw:A, file:PATH or covariance:PATH.",
                               valueName: "spec"))
    var spectrum: String = "isotropic"

    @Option(help: ArgumentHelp("True weights: isotropic, random[:SEED], top, bottom or file:PATH (original coordinates).",
                               valueName: "spec"))
    var wstar: String = "isotropic"

    @Option(parsing: .unconditional, help: "Norm of w* (ignored for --wstar file:).")
    var wnorm: Double = 1

    @Option(parsing: .unconditional, help: "Noise standard deviation sigma (not sigma^2).")
    var sigma: Double = 1

    @Option(help: ArgumentHelp("Law of the whitened features z (x = V diag(sqrt(s)) z): gaussian, sphere (uniform on the sphere of radius sqrt(d)) or uniform (i.i.d. coordinates on [-sqrt(3), sqrt(3)]).",
                               valueName: "law"))
    var features: String = "gaussian"

    /// Far beyond any feasible run; a larger d would only fail on allocation (a trap).
    static let maxDimension = 10_000_000

    func validate() throws {
        if let d, d < 1 { throw ValidationError("--d: the dimension must be a positive integer, got \(d)") }
        if let d, d > Self.maxDimension { throw ValidationError("--d: at most \(Self.maxDimension), got \(d)") }
        guard wnorm.isFinite, wnorm >= 0 else { throw ValidationError("--wnorm: must be finite and non-negative, got \(wnorm)") }
        guard sigma.isFinite, sigma >= 0 else { throw ValidationError("--sigma: must be finite and non-negative, got \(sigma)") }
        guard FeatureLaw(rawValue: features) != nil else {
            let supported = FeatureLaw.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--features: unknown law '\(features)' (supported: \(supported))")
        }
        _ = try validating { try SpectrumSpec(parsing: spectrum) }
        _ = try validating { try WStarSpec(parsing: wstar) }
    }

    /// Reads any files and builds the model; bad files throw `InputError`.
    func makeModel() throws -> RegressionModel {
        let covariance = try CovarianceModel(spec: SpectrumSpec(parsing: spectrum), d: d)
        guard let law = FeatureLaw(rawValue: features) else { throw InputError("--features: unknown law '\(features)'") }
        return try RegressionModel(covariance: covariance, wstar: WStarSpec(parsing: wstar), wnorm: wnorm, sigma: sigma,
                                   features: law)
    }

    /// The model's inputs, echoed at the top of every output.
    func echo(_ model: RegressionModel) -> Record {
        Record([
            ("d", .integer(model.d)),
            ("spectrum", .text(spectrum)),
            ("wstar", .text(wstar)),
            ("wnorm", .number(wnorm)),
            ("sigma", .number(sigma)),
            ("features", .text(features)),
        ])
    }
}
