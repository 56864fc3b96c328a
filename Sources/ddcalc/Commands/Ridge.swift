import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc ridge`: the implicit-regularization check of Theorem 2 at one n (docs/MATH.md,
/// "Theorem 2"). The Monte Carlo mean of the min-norm estimate against the ridge solution
/// (Sigma + lambda_n I)^-1 E[x y] (n < d) or Sigma^-1 E[x y] (n >= d), with a test of equality.
struct Ridge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check Theorem 2: the mean min-norm estimate equals the ridge solution at lambda_n.",
        discussion: """
            Draws --trials designs (with responses y = f(x^T w*) + noise, row by row), averages \
            w_hat = X^+ y and tests the mean against the ridge solution: Hotelling's T^2 when \
            trials >= 5 d, else per-coordinate t tests with a Bonferroni correction. The surrogate \
            design agrees exactly; the i.i.d. design (--design iid) only approximately, and the output \
            says how far, next to the surrogate at the same seed.
            With --data the features are a data set's rows and the check is exact for any response: \
            --target COL uses the data's own column (plus --sigma noise), otherwise y = f(x^T w*) + noise; \
            the ridge solution is then (Sigma + lambda_n I)^-1 A^T y / N.
            Every draw is explicit rows solved by QR (w_hat needs the rows), so ridge has no --sampler.
            With --lambda L > 0: Theorem 2 at L, the mean of the ridge estimate w_L = (X^T X + L I)^-1 X^T y \
            under the regularized surrogate design against (Sigma + kappa I)^-1 E[x y], L = kappa (n - df1(kappa)) \
            (docs/MATH.md, "Ridge at any lambda"); the key lambda then holds kappa.
            Example: ddcalc ridge --d 10 --n 5 --spectrum geometric:10 --response tanh --trials 4000
            """
    )

    @OptionGroup var model: ModelOptions

    @Option(help: "Expected sample size n > 0 (any real number; an integer for --design iid).")
    var n: Double

    @Option(help: "Response y = f(x^T w*) + noise: linear (f = identity) or tanh (Gaussian features only).")
    var response: RidgeResponse = .linear

    @Option(help: "Monte Carlo draws (at least 2; Hotelling's test needs at least 5 d).")
    var trials: Int = 1000

    @Option(help: "Design: surrogate (exact correspondence) or iid (approximate, compared with the surrogate).")
    var design: DesignKind = .surrogate

    @OptionGroup var ridgeLambda: RidgeLambdaOptions
    @OptionGroup var seedOptions: SeedOptions
    @OptionGroup var threadOptions: ThreadOptions

    var seed: UInt64 { seedOptions.seed }
    var threads: Int { threadOptions.threads }

    @OptionGroup var output: OutputOptions
    @OptionGroup var memory: MemoryLimitOptions
    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        guard n > 0, n.isFinite else { throw ValidationError("--n: must be a positive finite number, got \(n)") }
        try validating { try SampleSizeLimit.check(n) }
        guard trials >= 2 else { throw ValidationError("--trials: must be at least 2, got \(trials)") }
        try output.refuseGnuplot(command: "ridge")
        guard trials <= 100_000_000 else { throw ValidationError("--trials: at most 100000000, got \(trials)") }
        if response == .tanh && model.features.text != "gaussian" {
            throw ValidationError("--response tanh: needs --features gaussian (E[x y] comes from Stein's lemma), got '\(Excerpt.of(model.features.text))'")
        }
        if model.target != nil && response != .linear {
            throw ValidationError("--response \(response.rawValue): with --target the responses are the data's column COL; leave --response at linear")
        }
        if ridgeLambda.lambda < 0 {
            throw ValidationError("--lambda: the check needs lambda >= 0 (the regularized surrogate design), got \(ridgeLambda.lambda)")
        }
        if design == .iid && (n != n.rounded() || n < 1) {
            throw ValidationError("--design iid: needs an integer --n >= 1, got \(n)")
        }
    }

    func run() throws {
        var files = RunFiles(model: model)
        output.declareOutputs(&files)
        try files.checkDistinct()
        try memory.checkInputs(files.inputPaths)
        let regression = try model.makeModel()
        // The i.i.d. check also runs the surrogate at the same n, after it.
        let estimates = [design, .surrogate].map {
            MemoryBound(ridgeOf: regression, design: $0, n: n, trials: trials, threads: threads)
        }
        let estimate = estimates[0].bytes >= estimates[1].bytes ? estimates[0] : estimates[1]
        try memory.check(estimate, what: "d = \(regression.d), up to \(estimate.maximumRows) rows per draw, \(estimate.threads) threads",
                         advice: "use a smaller --n or fewer --threads")
        let cancellation = Interrupts.install()
        let progress = progressOptions.bar()
        let (check, reference) = try Interrupts.run(progress: progress) {
            let check = try RidgeCheck.run(model: regression, response: response, design: design, n: n,
                                           trials: trials, seed: seed, threads: threads,
                                           progress: progress.update, cancellation: cancellation, ridgeLambda: ridgeLambda.lambda)
            // The i.i.d. result is read against the exact (surrogate) one at the same seed and trials.
            guard design == .iid else { return (check, nil as RidgeCheck?) }
            progress.begin("simulating the surrogate design")
            let reference = try RidgeCheck.run(model: regression, response: response, design: .surrogate, n: n,
                                               trials: trials, seed: seed, threads: threads,
                                               progress: progress.update, cancellation: cancellation,
                                               ridgeLambda: ridgeLambda.lambda)
            return (check, reference)
        }
        var report = RidgeReport(model: model.echo(regression), seed: seed, check: check, surrogate: reference)
        if let target = model.target { report.responseLabel = "data:\(target)" }
        report.ridgeLambda = ridgeLambda.lambda
        report.warnings = [ValidatedRange.ridgeWarning(model: regression, keys: "mc_mean, mc_stderr, rel_error and p_value")]
            .compactMap { $0 }
        let text: String
        switch output.format {
        case .json: text = report.json
        case .csv: text = report.csv
        case .table: text = report.table
        case .gnuplot: throw InputError("--format gnuplot: only sweep writes gnuplot exports")
        }
        try OutputSink.write(text, to: output.out)
        if output.format != .json { OutputOptions.warn(report.warnings) }
    }
}

/// `--response`.
extension RidgeResponse: ExpressibleByArgument {}
