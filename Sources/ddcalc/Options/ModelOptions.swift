import ArgumentParser
import DoubleDescent

/// The flags that define the model, shared by every command (echoed as in docs/OUTPUT.md, "The model echo").
struct ModelOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: "Dimension d (default: none; required unless a file:/covariance: spectrum implies it).")
    var d: Int?

    @Option(help: ArgumentHelp("Eigenvalues of Sigma: isotropic (all 1), linear:K or geometric:K (from 1 down to 1/K, evenly or geometrically spaced: condition number K >= 1), powerlaw:A (s_i = i^-A, A >= 0), file:PATH (one per line, any order: line i is the variance of coordinate i), covariance:PATH (a d x d matrix) or weights:PATH (the spectrum of W^T W / rows of a weight matrix W, rows x d). Files are text/CSV or NumPy .npy arrays; PATH - is standard input.",
                               valueName: "spec"),
            completion: SpecCompletion.spectrum)
    var spectrum = SpecArgument<SpectrumSpec>(argument: "isotropic")

    @Option(help: ArgumentHelp("True weights: isotropic (equal on every eigen-direction), random[:SEED] (a uniformly random direction), top or bottom (the eigenvector of the largest or smallest eigenvalue), scaled to --wnorm; or file:PATH (d numbers, text or .npy, used as they are; original coordinates: with --spectrum file:, number i goes with line i).",
                               valueName: "spec"),
            completion: SpecCompletion.wstar)
    var wstar = SpecArgument<WStarSpec>(argument: "isotropic")

    @Option(parsing: .unconditional, help: "Norm of w* (ignored for --wstar file:).")
    var wnorm: Double = 1

    @Option(parsing: .unconditional, help: "Noise standard deviation sigma (not sigma^2).")
    var sigma: Double = 1

    @Option(help: ArgumentHelp("Law of the whitened features z (x = V diag(sqrt(s)) z): gaussian, sphere (uniform on the sphere of radius sqrt(d)) or uniform (i.i.d. coordinates on [-sqrt(3), sqrt(3)]).",
                               valueName: "law"))
    var features = SpecArgument<FeatureLaw>(argument: "gaussian")

    @Option(help: ArgumentHelp("A data set as the feature law: numeric CSV (optional header) or a 2-d .npy array, one row per sample (- is standard input); D is uniform on its rows, Sigma = A^T A / N. Replaces --d, --spectrum and --features (default: none).",
                               valueName: "path"),
            completion: .file())
    var data: String?

    @Option(help: ArgumentHelp("With --data: the column (header name or 1-based index) holding the responses; it is then not a feature (default: none).",
                               valueName: "col"))
    var target: String?

    /// Far beyond any feasible run; a larger d would only fail on allocation (a trap).
    static let maxDimension = CovarianceModel.maximumDimension

    func validate() throws {
        if let d, d < 1 { throw ValidationError("--d: the dimension must be a positive integer, got \(d)") }
        if let d, d > Self.maxDimension { throw ValidationError("--d: at most \(Self.maxDimension), got \(d)") }
        guard wnorm.isFinite, wnorm >= 0 else { throw ValidationError("--wnorm: must be finite and non-negative, got \(wnorm)") }
        guard sigma.isFinite, sigma >= 0 else { throw ValidationError("--sigma: must be finite and non-negative, got \(sigma)") }
        _ = try validating { try features.value() }
        if data != nil {
            guard d == nil, spectrum.text == "isotropic", features.text == "gaussian" else {
                throw ValidationError("--data: replaces --d, --spectrum and --features; give only one of them")
            }
        } else if target != nil {
            throw ValidationError("--target: needs --data (the column of a data set)")
        }
        _ = try validating { try spectrum.value() }
        _ = try validating { try wstar.value() }
    }

    /// The files the model reads (a `file:` or `covariance:` spectrum, a `file:` w*, a data set).
    func declareInputs(_ files: inout RunFiles) {
        switch try? spectrum.value() {
        case .file(let path)?: files.input("--spectrum file:", path)
        case .covariance(let path)?: files.input("--spectrum covariance:", path)
        case .weights(let path)?: files.input("--spectrum weights:", path)
        default: break
        }
        if case .file(let path)? = try? wstar.value() { files.input("--wstar file:", path) }
        files.input("--data", data)
    }

    /// Reads any files and builds the model; the library's errors become `InputError`s naming the
    /// flag or file (`LibraryErrorMessage`).
    func makeModel() throws -> RegressionModel {
        try LibraryErrorMessage.mapping {
            if let data {
                let population = try FinitePopulation(DataSetFile(path: data, target: target))
                return try RegressionModel(population: population, wstar: wstar.value(), wnorm: wnorm, sigma: sigma)
            }
            let covariance = try CovarianceModel(spec: spectrum.value(), d: d)
            return try RegressionModel(covariance: covariance, wstar: wstar.value(), wnorm: wnorm, sigma: sigma,
                                       features: features.value())
        }
    }

    /// The model's inputs, echoed at the top of every output.
    func echo(_ model: RegressionModel) -> Record {
        if let population = model.population {
            return Record([
                ("d", .integer(model.d)),
                ("spectrum", .text("data")),
                ("wstar", .text(wstar.text)),
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
            ("spectrum", .text(spectrum.text)),
            ("wstar", .text(wstar.text)),
            ("wnorm", .number(wnorm)),
            ("sigma", .number(sigma)),
            ("features", .text(features.text)),
        ])
    }
}
