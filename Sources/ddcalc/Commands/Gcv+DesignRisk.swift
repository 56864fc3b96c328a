import DoubleDescent

/// `gcv --n N`: next to the data's own criteria, what ddcalc's design-based risk says at each penalty
/// (docs/MATH.md, "The design-based risk of a data set's ridge fits"; docs/OUTPUT.md, "gcv"). The data
/// set is the population (w* its least-squares fit, sigma^2 its residual mean square); the full-data
/// penalty lambda is kappa = lambda / N, and the fits on n expected rows use the subsample penalty
/// lambda' = kappa (n - df1(kappa)), whose expected fit under the regularized surrogate design is
/// exactly the full-data ridge fit at lambda. The numbers are those of `sweep --vary lambda --data F
/// --n N --wstar file:(w*) --sigma (sigma) --lambdas (lambda')`: the same library calls, the Monte Carlo
/// of every penalty drawing the streams of n.
struct GcvDesignRisk {
    var rows: [Record]
    var echo: [(String, Value)]
    var top: [(String, Value)]
    var warnings: [String]

    /// The table's columns of the design-based keys.
    static func tableColumns(monteCarlo: Bool) -> [(key: String, title: String)] {
        [("subsample_lambda", "n-row lambda"), ("de_mse", "DE MSE")]
            + (monteCarlo ? [("mc_surrogate_mse", "MC surrogate"), ("mc_surrogate_stderr", "+-"), ("mc_iid_mse", "MC iid"),
                             ("mc_iid_stderr", "+-")] : [])
    }

    init(_ options: GcvDesignOptions, n: Double, file: DataSetFile, lambdas: [Double], format: OutputFormat) throws {
        let population = try LibraryErrorMessage.mapping { () throws -> FinitePopulation in
            try file.checkGeneralPosition()
            return try FinitePopulation(file)
        }
        let model = RegressionModel(population: population, leastSquaresOf: file.target!)
        let calculator = options.risk.calculator(model)
        if options.trials > 0 { try LibraryErrorMessage.mapping { try SampleSizeLimit.check(n) } }
        let point = try LibraryErrorMessage.mapping { try calculator.evaluate(n: n) }
        let equivalents = try lambdas.map { lambda -> RidgeEquivalent? in
            guard let subsample = try LibraryErrorMessage.mapping({ try calculator.subsampleLambda(n: n, fullDataLambda: lambda) })
            else { return nil }
            return try? calculator.ridgeEquivalent(n: n, lambda: subsample)
        }
        let cancellation = Interrupts.install()
        let progress = options.progressOptions.bar()
        let simulated = try Interrupts.run(progress: progress) {
            try equivalents.map { equivalent -> MonteCarloPoint? in
                guard let equivalent else { return nil }
                return try LibraryErrorMessage.mapping {
                    try MonteCarloSimulator(model: model, settings: options.settings(lambda: equivalent.ridgeLambda))
                        .run([point], progress: progress.update, cancellation: cancellation)[0]
                }
            }
        }
        rows = zip(equivalents, simulated).map { equivalent, result in
            Record([("subsample_lambda", .number(equivalent?.ridgeLambda)), ("kappa", .number(equivalent?.kappa)),
                    ("gamma", .number(equivalent?.gamma)), ("lambda_min", .number(equivalent?.lambdaMin)),
                    ("de_mse", .number(equivalent?.deMSE))]) + result.record
        }
        echo = options.echo(model, format: format)
        top = [("de_best_lambda", .number(GridMinimum.argmin(lambdas, equivalents.map { $0?.deMSE ?? .infinity })))]
        let monteCarlo = !options.simulatedDesigns.isEmpty
        warnings = ValidatedRange.warnings(model: model, points: [point], monteCarlo: monteCarlo, sampler: options.samplerOptions.sampler)
        if let warning = SweepReport.fractionalSizeWarning(ns: [n], designs: options.simulatedDesigns) { warnings.append(warning) }
        if let lambda = zip(lambdas, equivalents).first(where: { $0.1 == nil })?.0 {
            warnings.append("--n \(n): the design-based keys are null at lambda = \(lambda) (and wherever lambda / N is below kappa* "
                + "of n, where df2(kappa*) = n): no subsample penalty at n has the full-data fit there as its expected fit "
                + "(docs/MATH.md, \"The design-based risk of a data set's ridge fits\")")
        }
        if monteCarlo, let negative = equivalents.compactMap({ $0?.ridgeLambda }).first(where: { $0 < 0 }) {
            warnings.append(RidgeLambdaOptions.negativeLambdaWarning(negative, name: "subsample_lambda"))
        }
    }
}
