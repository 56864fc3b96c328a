import ArgumentParser
import DoubleDescent

/// `sweep --vary lambda --n N`: the ridge path at fixed n (docs/OUTPUT.md, "The ridge path (`--vary
/// lambda`)"; docs/MATH.md, "Ridge at any lambda"). Every row is the point at n with the penalty of its
/// row: at lambda = 0 the plain row, else the ridge row; the ridge keys follow on every row. The Monte
/// Carlo of every penalty draws the streams of n (common random numbers along the path).
extension Sweep {
    func validateRidgePath() throws {
        for (flag, given) in [("--lambda", ridgeLambda.active), ("--shard", control.shard != nil),
                              ("--checkpoint", control.checkpoint != nil), ("--check-ridge", ridgeCheck.enabled)] where given {
            throw ValidationError("\(flag): not available with --vary lambda")
        }
    }

    func runRidgePath(_ regression: RegressionModel) throws {
        let n = grid.n!, penalties = try grid.penalties(d: regression.d)
        if simulation.trials > 0 { try LibraryErrorMessage.mapping { try SampleSizeLimit.check(n) } }
        let calculator = riskOptions.calculator(regression)
        let point = try LibraryErrorMessage.mapping { try calculator.evaluate(n: n) }
        let ridge = try penalties.map { lambda in
            do {
                return try calculator.ridgeEquivalent(n: n, lambda: lambda)
            } catch let error as RidgeLambdaError {
                throw InputError("--lambdas: \(error)")
            }
        }
        let cancellation = Interrupts.install()
        let simulator = MonteCarloSimulator(model: regression, settings: settings())
        try control.check(MemoryBound(work: simulator.plan([point]), selected: nil, simulator: simulator,
                                      threads: simulation.threads, keepsCopies: false, records: penalties.count),
                          d: regression.d)
        let progress = progressOptions.bar()
        let simulated = try Interrupts.run(progress: progress) {
            try penalties.map { lambda -> MonteCarloPoint in
                var settings = settings()
                settings.ridgeLambda = lambda
                return try MonteCarloSimulator(model: regression, settings: settings)
                    .run([point], progress: progress.update, cancellation: cancellation)[0]
            }
        }
        let rows = zip(ridge, simulated).map { equivalent, result in
            (equivalent.ridgeLambda == 0 ? point.record : point.record(ridge: equivalent)) + Optional(result).record
                + point.dataSetRecord(regression.population != nil, ridgeLambda: equivalent.ridgeLambda) + equivalent.record
                + Optional(result).heavyTailRecord
        }
        let optimum = try calculator.deOptimalLambda(n: n)
        let top = Record([("de_optimal_lambda", .number(optimum)), ("bayes_lambda", .number(calculator.bayesLambda))])
        let echo = model.echo(regression).appending(grid.echo).appending(simulation.echo)
            .appending(riskOptions.echo(format: output.format))
        let negative = penalties.first { $0 < 0 }
        let warnings = ValidatedRange.warnings(model: regression, points: [point], monteCarlo: !simulatedDesigns.isEmpty,
                                               sampler: simulation.sampler)
            + (simulatedDesigns.isEmpty ? [] : negative.map { [RidgeLambdaOptions.negativeLambdaWarning($0)] } ?? [])
            + [SweepReport.fractionalSizeWarning(ns: [n], designs: simulatedDesigns)].compactMap { $0 }
        try output.write(RidgePathReport.table(risk: riskOptions.risk, model: echo, rows: rows, top: top, warnings: warnings, format: output.format),
                         tableColumns: RidgePathReport.tableColumns(rows: rows))
    }
}
