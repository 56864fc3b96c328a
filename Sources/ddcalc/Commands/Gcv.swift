import ArgumentParser
import DoubleDescent

/// `ddcalc gcv`: generalized cross-validation and the exact leave-one-out error of ridge regression
/// on a data set, at every penalty of a grid, zero and negative ones down to the floor included
/// (docs/MATH.md, "Cross-validation of ridge"; docs/OUTPUT.md, "gcv").
struct Gcv: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "GCV and exact leave-one-out error of ridge on a data set, at any lambda above -s_min^2.",
        discussion: """
            Fits w = (X^T X + lambda I)^-1 X^T y on the data set's rows (no intercept; the columns as \
            given, neither centred nor scaled) at each penalty, from one SVD of X, and prints per lambda: \
            gcv, loo (the exact leave-one-out mean squared error), train_mse and df = tr S_lambda. \
            Penalties may be zero (the least-squares or, for N <= rank, the interpolating fit, as the \
            limit lambda -> 0) or negative down to lambda_floor, minus the smallest nonzero eigenvalue \
            of X^T X (exclusive). gcv_best_lambda and loo_best_lambda are the minima over the grid.
            With --n n, each row also holds ddcalc's design-based risk of ridge fits on n expected rows drawn \
            from the data set (w* = its least-squares fit, sigma^2 = the residual mean square): de_mse (the \
            deterministic equivalent) and, with --trials, the Monte Carlo, at the subsample penalty \
            subsample_lambda = kappa (n - df1(kappa)), kappa = lambda / rows, whose expected fit under the \
            regularized surrogate design is exactly the full-data fit at lambda. lambda (ridge_lambda) is \
            always the penalty of the full-data fit.
            Example: ddcalc gcv --data data.csv --target y --lambdas 0,0.1,1,10
            """
    )

    @OptionGroup(title: "Data") var data: GcvDataOptions
    @OptionGroup(title: "Penalties") var penalties: GcvPenaltyOptions
    @OptionGroup(title: "Design-based risk") var design: GcvDesignOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.refuseGnuplot(command: "gcv")
    }

    func run() throws {
        var files = RunFiles()
        files.input("--data", data.data)
        output.declareOutputs(&files)
        try files.checkDistinct()
        let file = try LibraryErrorMessage.mapping { try DataSetFile.anyRows(path: data.data, target: data.target) }
        let fit = try LibraryErrorMessage.mapping {
            do {
                return try SpectralRidgeFit(rows: file.features, response: file.target!)
            } catch let error as CrossValidationError {
                throw InputError("--data \(data.data): \(error)")
            }
        }
        let lambdas = try penalties.values(largestEigenvalue: fit.singularValues[0] * fit.singularValues[0])
        let points = try lambdas.map { lambda in
            do {
                return try RidgeCrossValidation(fit, lambda: lambda)
            } catch let error as CrossValidationError {
                throw InputError("\(penalties.flag): \(error)")
            }
        }
        let risk = try design.n.map { n in try GcvDesignRisk(design, n: n, file: file, lambdas: lambdas, format: output.format) }
        let rows = points.indices.map { i in
            let point = points[i]
            return Record([("ridge_lambda", .number(point.lambda)), ("gcv", .number(point.gcv)), ("loo", .number(point.loo)),
                           ("train_mse", .number(point.trainMSE)), ("df", .number(point.df))]) + (risk?.rows[i] ?? Record([]))
        }
        let top = Record([("gcv_best_lambda", .number(GridMinimum.argmin(lambdas, points.map(\.gcv)))),
                          ("loo_best_lambda", .number(GridMinimum.argmin(lambdas, points.map(\.loo)))),
                          ("lambda_floor", .number(fit.lambdaFloor))] + (risk?.top ?? []))
        var echo = Record([("data", .text(data.data)), ("target", .text(file.targetName ?? data.target)),
                           ("rows", .integer(fit.count)), ("columns", .integer(fit.d)), ("rank", .integer(fit.rank)),
                           ("intercept", .text("none"))] + (risk?.echo ?? []))
        if output.format != .json { echo = echo + top }
        var table = ResultTable(title: "ddcalc gcv: cross-validation of ridge on the data (no intercept)"
                                    + (risk == nil ? "" : "; de = deterministic equivalent, mc = Monte Carlo on n rows"),
                                model: echo, rows: rows, warnings: risk?.warnings ?? [])
        if output.format == .json { table.topLevel = top }
        try output.write(table, tableColumns: [("ridge_lambda", "lambda"), ("gcv", "GCV"), ("loo", "LOO"),
                                               ("train_mse", "train MSE"), ("df", "df")]
                                    + (risk == nil ? [] : GcvDesignRisk.tableColumns(monteCarlo: !design.simulatedDesigns.isEmpty)))
    }
}

/// `gcv`'s data set: the file and its response column.
struct GcvDataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The data set: numeric CSV (optional header) or a 2-d .npy array, one row per sample (- is standard input). "
                               + "Every column but the target is a feature, used as given (no intercept, no centring or scaling).",
                               valueName: "path"),
            completion: .file())
    var data: String

    @Option(help: ArgumentHelp("The column (header name or 1-based index) holding the responses y.", valueName: "col"))
    var target: String
}

/// `gcv`'s penalties: an explicit list, or a grid (logarithmic when it is positive, else even).
struct GcvPenaltyOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Explicit comma-separated penalties, each above lambda_floor (default: none, the grid below).", valueName: "list"))
    var lambdas: String?

    @Option(name: .customLong("lambda-min"), parsing: .unconditional,
            help: "Smallest penalty of the grid (default: lambda-max / 10^6); logarithmic spacing when it is positive, else even; above lambda_floor.")
    var lambdaMin: Double?

    @Option(name: .customLong("lambda-max"), parsing: .unconditional,
            help: "Largest penalty of the grid (default: s_1^2, the largest eigenvalue of X^T X).")
    var lambdaMax: Double?

    @Option(parsing: .unconditional, help: "Number of grid penalties (default: 50; at most 100000).")
    var points: Int?

    static let maxPoints = 100_000

    func validate() throws {
        if lambdas != nil {
            for (flag, given) in [("--lambda-min", lambdaMin != nil), ("--lambda-max", lambdaMax != nil), ("--points", points != nil)] where given {
                throw ValidationError("\(flag): not with --lambdas (an explicit list)")
            }
        }
        try choice.validate()
        if let points, !(1...Self.maxPoints).contains(points) {
            throw ValidationError("--points: must be from 1 to \(Self.maxPoints), got \(points)")
        }
    }

    private var choice: PenaltyChoice { PenaltyChoice(lambdas: lambdas, lambdaMin: lambdaMin, lambdaMax: lambdaMax) }

    /// The flag that gave the penalties, for error lines.
    var flag: String { choice.flag }

    /// The penalties: `--lambdas`, or `--points` from `--lambda-min` (default s_1^2 / 10^6) to `--lambda-max` (default s_1^2).
    func values(largestEigenvalue: Double) throws -> [Double] {
        try choice.values(high: largestEigenvalue, span: 1e6, count: points ?? 50)
    }
}
