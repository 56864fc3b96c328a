import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc sweep`: the main job. Closed forms and Monte Carlo along a grid of n; optionally one
/// shard of the Monte Carlo (`--shard`, combined by `merge`), resumable (`--checkpoint`), under a
/// memory limit (`--max-memory`).
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sweep the expected sample size n at fixed d (or, with --vary d, the model dimension at fixed n): closed forms and Monte Carlo side by side.",
        discussion: """
            Example: ddcalc sweep --d 100 --spectrum geometric:100 --trials 2000 --format csv --out sweep.csv
            Resumable: ddcalc sweep --d 100 --trials 100000 --checkpoint sweep.ckpt (run it again after an \
            interruption; the checkpoint file is removed when the sweep succeeds).
            Model-wise: ddcalc sweep --vary d --n 40 --d 100 --spectrum powerlaw:1 --sigma 0.1
            Ridge path: ddcalc sweep --vary lambda --n 50 --d 100 --lambda-min 0.01 --lambda-max 100 --points 30
            """
    )

    @OptionGroup(title: "Model (Sigma, w*, noise, features)") var model: ModelOptions
    @OptionGroup(title: "Grid (which n, or which d with --vary d)") var grid: GridOptions
    @OptionGroup(title: "Monte Carlo") var simulation: SimulationOptions
    @OptionGroup(title: "Quantity") var riskOptions: RiskOptions
    @OptionGroup(title: "Ridge penalty") var ridgeLambda: RidgeLambdaOptions
    @OptionGroup(title: "Long runs (shards, checkpoints, memory)") var control: RunControlOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Theorem 2 check") var ridgeCheck: RidgeCheckOptions
    @OptionGroup(title: "Progress") var progressOptions: ProgressOptions

    func validate() throws {
        try output.validateGnuplot()
        if control.shard != nil, output.out == nil {
            throw ValidationError("--shard: needs --out FILE for the partial-results file")
        }
        if control.shard != nil, ridgeCheck.enabled {
            throw ValidationError("--check-ridge: not available with --shard (run it unsharded)")
        }
        if grid.vary == .lambda { try validateRidgePath() }
        if ridgeLambda.active, ridgeCheck.enabled {
            throw ValidationError("--check-ridge: not available with --lambda (use ddcalc ridge --lambda)")
        }
        if grid.vary == .d {
            if ridgeLambda.active { throw ValidationError("--lambda: not available with --vary d") }
            if model.data != nil {
                throw ValidationError("--vary d: not available with --data (omitted features of a data set are not independent noise)")
            }
            if let law = try? model.features.value(), !law.hasIndependentCoordinates {
                throw ValidationError("--features \(law.rawValue): --vary d needs independent feature coordinates (gaussian or uniform)")
            }
            for (flag, given) in [("--shard", control.shard != nil), ("--checkpoint", control.checkpoint != nil),
                                  ("--check-ridge", ridgeCheck.enabled)] where given {
                throw ValidationError("\(flag): not available with --vary d")
            }
        }
    }

    func run() throws {
        var files = RunFiles(model: model)
        files.output("--checkpoint", control.checkpoint)
        output.declareOutputs(&files)
        try files.checkDistinct()
        try control.memory.checkInputs(files.inputPaths)
        let regression = try model.makeModel()
        if grid.vary == .d { return try runModelWise(regression) }
        if grid.vary == .lambda { return try runRidgePath(regression) }
        let ns = try grid.values(d: regression.d)
        try refuseFractionalOnly(ns)
        // The grid's records alone, checked against the machine before the closed forms allocate them
        // (the full estimate, against --max-memory too, follows).
        try control.memory.checkMachine(MemoryBound(bytes: Double(ns.count) * MemoryBound.recordBytes(keys: 20), maximumRows: 0, threads: 1),
                                        what: "\(ns.count) grid points", advice: "use fewer --points")
        // What identifies the sweep in a checkpoint or a shard's part; it hashes the spectrum, so it is
        // made only for those.
        let inputs = { SweepInputs(model: model, grid: grid, simulation: simulation, regression: regression, ns: ns,
                                   risk: riskOptions.risk, ridgeLambda: ridgeLambda.lambda) }
        let shard = try control.shardSpec()
        let cancellation = Interrupts.install()
        if simulation.trials > 0, let largest = ns.max() {
            try LibraryErrorMessage.mapping(sampleSize: "--n-max/--ns") { try SampleSizeLimit.check(largest) }
        }
        let points = try ClosedFormSweep.evaluate(riskOptions.calculator(regression), ns: ns, threads: simulation.threads)
        let ridge = try ridgeLambda.equivalents(riskOptions.calculator(regression), ns: ns)
        let simulator = MonteCarloSimulator(model: regression, settings: settings())
        let work = simulator.plan(points)
        let selected = shard.map { ShardPartition.jobs(of: work, shard: $0.index - 1, count: $0.count, d: regression.d) }
        let estimate = MemoryBound(work: work, selected: selected, simulator: simulator, threads: simulation.threads,
                                   keepsCopies: control.checkpoint != nil, records: points.count)
        let checks = ridgeCheck.memoryEstimate(model: regression, points: points, simulation: simulation)
        try control.check(checks.map { $0.bytes > estimate.bytes ? $0 : estimate } ?? estimate, d: regression.d)
        let keeper = try control.checkpoint.map {
            try CheckpointKeeper(path: $0, fingerprint: Checkpoint.fingerprint(inputs: inputs(), shard: shard), work: work,
                                 selected: selected, interval: control.checkpointInterval, cancellation: cancellation)
        }
        let progress = progressOptions.bar()
        if let keeper, !keeper.resumed.finished.isEmpty || !keeper.resumed.units.isEmpty || !keeper.resumedRidge.isEmpty {
            progress.note("resuming from '\(keeper.path)': \(keeper.resumed.finished.count) of \(selected?.count ?? work.jobs.count) "
                + "Monte Carlo jobs done" + (ridgeCheck.enabled ? ", \(keeper.resumedRidge.count) ridge checks done" : ""))
        }
        let (estimates, ridgeRecords) = try Interrupts.run(progress: progress, onInterrupt: {
            if let failure = keeper?.failure { throw failure }
            guard let keeper else { return "nothing written" }
            try keeper.save()
            return "progress saved to '\(keeper.path)', run the same command again to resume"
        }) {
            let estimates = try simulator.run(work, selected: selected, resume: keeper?.resumed ?? MonteCarloState(),
                                              observer: keeper, progress: progress.update, cancellation: cancellation)
            if ridgeCheck.enabled { progress.begin("checking Theorem 2") }
            let ridge = try ridgeCheck.records(model: regression, points: points, simulation: simulation,
                                               saved: keeper?.resumedRidge ?? [:],
                                               finished: { keeper?.ridgeFinished(point: $0, columns: $1) },
                                               progress: progress.update, cancellation: cancellation)
            if let failure = keeper?.failure { throw failure }
            return (estimates, ridge)
        }
        if let shard, let out = output.out {
            let identity = inputs()
            let part = PartialResults(fingerprint: identity.fingerprint, arguments: identity.arguments, shard: shard,
                                      jobCount: work.jobs.count, trials: work.trials, estimates: estimates)
            try AtomicFile.write(part.encoded(), to: out, flag: "--out")
        } else {
            let dataSet = regression.population != nil
            var table = SweepReport.table(points: points, simulated: work.assemble(estimates), model: echo(regression, format: output.format),
                                          extra: ridgeRecords, risk: riskOptions.risk, dataSet: dataSet, ridge: ridge)
            table.warnings = ValidatedRange.warnings(model: regression, points: points, monteCarlo: !simulatedDesigns.isEmpty,
                                                     sampler: simulation.sampler)
                + ridgeLambda.warnings(monteCarlo: !simulatedDesigns.isEmpty)
            if let warning = SweepReport.fractionalSizeWarning(ns: ns, designs: simulatedDesigns) { table.warnings.append(warning) }
            if ridgeCheck.enabled,
               let warning = ValidatedRange.ridgeWarning(model: regression, keys: "ridge_rel_error and ridge_p_value") {
                table.warnings.append(warning)
            }
            try output.write(table, tableColumns: SweepReport.tableColumns(of: table))
        }
        keeper?.finish()
    }

    /// `--vary d`: at fixed n, the first d eigen-directions of the model for each d of the grid, the
    /// omitted ones as extra noise (docs/MATH.md, "Model-wise double descent"); each row's `d` comes
    /// after the plain sweep's keys (docs/OUTPUT.md, "Column order"), the table shows it first.
    /// `--design iid` on a grid without an integer n would print empty Monte Carlo columns only:
    /// refused, as `sample` and `ridge` refuse a fractional n for the i.i.d. design.
    private func refuseFractionalOnly(_ ns: [Double]) throws {
        guard simulatedDesigns == [.iid], let first = ns.first, ns.allSatisfy({ $0 != $0.rounded() }) else { return }
        throw InputError("--design iid: needs an integer n (an i.i.d. design has exactly n rows); "
            + "no n of the grid is one (first n = \(first))")
    }

    private func runModelWise(_ regression: RegressionModel) throws {
        try refuseFractionalOnly([grid.n!])
        let truncations = try ModelWiseSweep.truncations(regression, dimensions: grid.dimensions(total: regression.d))
        if simulation.trials > 0 { try LibraryErrorMessage.mapping { try SampleSizeLimit.check(grid.n!) } }
        let cancellation = Interrupts.install()
        let points = try ModelWiseSweep.closedForms(truncations, n: grid.n!, threads: simulation.threads, risk: riskOptions.risk)
        // The truncations are simulated one after another; the largest needs the most.
        if let last = truncations.indices.last {
            let simulator = MonteCarloSimulator(model: truncations[last].model, settings: settings())
            try control.check(MemoryBound(work: simulator.plan([points[last]]), selected: nil, simulator: simulator,
                                          threads: simulation.threads, keepsCopies: false, records: points.count),
                              d: truncations[last].model.d)
        }
        let progress = progressOptions.bar()
        let simulated = try Interrupts.run(progress: progress) {
            try ModelWiseSweep.simulate(truncations, points: points, settings: settings(),
                                        progress: progress.update, cancellation: cancellation)
        }
        let rows = zip(truncations, zip(points, simulated)).map { truncation, result in
            let total = truncation.total(result.0)
            return total.record + Optional(result.1).record + Record([("d", .integer(truncation.dimension))])
                + DesignGap(closedForms: total, monteCarlo: result.1).record
        }
        var table = ResultTable(title: SweepReport.title(risk: riskOptions.risk), model: model.echo(regression).appending(grid.echo).appending(simulation.echo)
                                    .appending(riskOptions.echo(format: output.format)),
                                rows: rows,
                                warnings: ValidatedRange.warnings(model: regression, points: points, monteCarlo: !simulatedDesigns.isEmpty,
                                                     sampler: simulation.sampler))
        if let warning = SweepReport.fractionalSizeWarning(ns: [grid.n!], designs: simulatedDesigns) { table.warnings.append(warning) }
        try output.write(table, tableColumns: SweepReport.tableColumns(of: table))
    }

    /// The inputs echoed at the top of the output in `format`.
    func echo(_ regression: RegressionModel, format: OutputFormat) -> Record {
        model.echo(regression).appending(simulation.echo).appending(riskOptions.echo(format: format))
    }

    /// The Monte Carlo settings, with the risk each trial reports and the ridge penalty.
    func settings() -> MonteCarloSettings {
        var settings = simulation.settings()
        settings.risk = riskOptions.risk
        return ridgeLambda.apply(to: settings)
    }

    /// The designs the Monte Carlo draws (none without trials).
    var simulatedDesigns: [DesignKind] { simulation.trials > 0 ? simulation.design.designs : [] }
}
