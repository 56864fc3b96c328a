import ArgumentParser
import DoubleDescent

/// The flags that define the model, shared by every command (echoed as in docs/OUTPUT.md, "The model echo").
struct ModelOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: "Dimension d (default: none; required unless a file:/covariance: spectrum implies it).")
    var d: Int?

    @Option(help: ArgumentHelp("Eigenvalues of Sigma: isotropic, linear:K, geometric:K, powerlaw:A, file:PATH (one per line, any order: line i is the variance of coordinate i), covariance:PATH (a d x d matrix) or weights:PATH (the spectrum of W^T W / rows of a weight matrix W, rows x d). Files are text/CSV or NumPy .npy arrays.",
                               valueName: "spec"),
            completion: SpecCompletion.spectrum)
    var spectrum: String = "isotropic"

    @Option(help: ArgumentHelp("True weights: isotropic, random[:SEED], top, bottom or file:PATH (text or .npy; original coordinates: with --spectrum file:, number i goes with line i).",
                               valueName: "spec"),
            completion: SpecCompletion.wstar)
    var wstar: String = "isotropic"

    @Option(parsing: .unconditional, help: "Norm of w* (ignored for --wstar file:).")
    var wnorm: Double = 1

    @Option(parsing: .unconditional, help: "Noise standard deviation sigma (not sigma^2).")
    var sigma: Double = 1

    @Option(help: ArgumentHelp("Law of the whitened features z (x = V diag(sqrt(s)) z): gaussian, sphere (uniform on the sphere of radius sqrt(d)) or uniform (i.i.d. coordinates on [-sqrt(3), sqrt(3)]).",
                               valueName: "law"))
    var features: String = "gaussian"

    @Option(help: ArgumentHelp("A data set as the feature law: numeric CSV (optional header) or a 2-d .npy array, one row per sample; D is uniform on its rows, Sigma = A^T A / N. Replaces --d, --spectrum and --features (default: none).",
                               valueName: "path"),
            completion: .file())
    var data: String?

    @Option(help: ArgumentHelp("With --data: the column (header name or 1-based index) holding the responses; it is then not a feature (default: none).",
                               valueName: "col"))
    var target: String?

    /// Far beyond any feasible run; a larger d would only fail on allocation (a trap).
    static let maxDimension = 10_000_000

    func validate() throws {
        if let d, d < 1 { throw ValidationError("--d: the dimension must be a positive integer, got \(d)") }
        if let d, d > Self.maxDimension { throw ValidationError("--d: at most \(Self.maxDimension), got \(d)") }
        guard wnorm.isFinite, wnorm >= 0 else { throw ValidationError("--wnorm: must be finite and non-negative, got \(wnorm)") }
        guard sigma.isFinite, sigma >= 0 else { throw ValidationError("--sigma: must be finite and non-negative, got \(sigma)") }
        guard FeatureLaw(rawValue: features) != nil else {
            let supported = FeatureLaw.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--features: unknown law '\(Excerpt.of(features))' (supported: \(supported))")
        }
        if data != nil {
            guard d == nil, spectrum == "isotropic", features == "gaussian" else {
                throw ValidationError("--data: replaces --d, --spectrum and --features; give only one of them")
            }
        } else if target != nil {
            throw ValidationError("--target: needs --data (the column of a data set)")
        }
        _ = try validating { try SpectrumSpec(parsing: spectrum) }
        _ = try validating { try WStarSpec(parsing: wstar) }
    }

    /// The files the model reads (a `file:` or `covariance:` spectrum, a `file:` w*, a data set).
    func declareInputs(_ files: inout RunFiles) {
        switch try? SpectrumSpec(parsing: spectrum) {
        case .file(let path)?: files.input("--spectrum file:", path)
        case .covariance(let path)?: files.input("--spectrum covariance:", path)
        case .weights(let path)?: files.input("--spectrum weights:", path)
        default: break
        }
        if case .file(let path)? = try? WStarSpec(parsing: wstar) { files.input("--wstar file:", path) }
        files.input("--data", data)
    }

    /// Reads any files and builds the model; bad files throw `InputError`.
    func makeModel() throws -> RegressionModel {
        if let data {
            let population = try FinitePopulation(DataSetFile(path: data, target: target))
            return try RegressionModel(population: population, wstar: WStarSpec(parsing: wstar), wnorm: wnorm, sigma: sigma)
        }
        let covariance = try CovarianceModel(spec: SpectrumSpec(parsing: spectrum), d: d)
        guard let law = FeatureLaw(rawValue: features) else { throw InputError("--features: unknown law '\(Excerpt.of(features))'") }
        return try RegressionModel(covariance: covariance, wstar: WStarSpec(parsing: wstar), wnorm: wnorm, sigma: sigma,
                                   features: law)
    }

    /// The model's inputs, echoed at the top of every output.
    func echo(_ model: RegressionModel) -> Record {
        if let population = model.population {
            return Record([
                ("d", .integer(model.d)),
                ("spectrum", .text("data")),
                ("wstar", .text(wstar)),
                ("wnorm", .number(wnorm)),
                ("sigma", .number(sigma)),
                ("features", .text("data")),
                ("data", .text(data ?? "")),
                ("rows", .integer(population.count)),
                ("target", .text(target ?? "none")),
            ])
        }
        return Record([
            ("d", .integer(model.d)),
            ("spectrum", .text(spectrum)),
            ("wstar", .text(wstar)),
            ("wnorm", .number(wnorm)),
            ("sigma", .number(sigma)),
            ("features", .text(features)),
        ])
    }
}
