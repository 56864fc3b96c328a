import ArgumentParser
import DoubleDescent

/// `ddcalc sample`: designs drawn from the surrogate or the i.i.d. law, with their responses, as CSV
/// or JSON (docs/OUTPUT.md, "sample").
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw designs (surrogate or i.i.d.) with their responses and print them, one row per sample.",
        discussion: """
            Columns x1..xd are the features in the original coordinates; y = x^T w* + noise is the response, \
            y_clean = x^T w* the same without noise; draw and row number the draws and their rows from 1. \
            With --data the rows are rows of the file, and with --target y_clean is that column. \
            Draw k is a function of --seed and k alone. --format json also gives w* (key wstar). \
            With --lambda L > 0 the surrogate is the regularized surrogate design of the ridge estimator at L \
            (docs/MATH.md, "Ridge at any lambda"): K ~ Poisson(gamma) rows reweighted by det(L I + X^T X), E[K] = n.
            Example: ddcalc sample --d 5 --n 3.5 --design surrogate --seed 7 --draws 3
            """
    )

    @OptionGroup var model: ModelOptions

    @Option(parsing: .unconditional, help: "Expected sample size n > 0 (the surrogate's row count is random with mean n).")
    var n: Double

    @Option(help: "The design to draw: surrogate or iid (iid needs an integer n).")
    var design: DesignKind = .surrogate

    @Option(parsing: .unconditional, help: "Number of independent draws, each with its own draw index.")
    var draws: Int = 1

    @Option(help: "Output format: csv (one row per sample) or json (w* and the rows).")
    var format: SampleFormat = .csv

    @OptionGroup var ridgeLambda: RidgeLambdaOptions

    @OptionGroup var seedOptions: SeedOptions

    @OptionGroup var output: OutFileOptions

    @OptionGroup var memory: MemoryLimitOptions

    func validate() throws {
        guard n > 0, n.isFinite else { throw ValidationError("--n: must be a positive finite number, got \(n)") }
        try validating { try SampleSizeLimit.check(n) }
        if design == .iid, n != n.rounded() {
            throw ValidationError("--n: an i.i.d. design needs an integer n, got \(n)")
        }
        if ridgeLambda.lambda < 0 {
            throw ValidationError("--lambda: the regularized surrogate design exists only for lambda >= 0, got \(ridgeLambda.lambda)")
        }
        guard (1...Self.maxDraws).contains(draws) else {
            throw ValidationError("--draws: must be between 1 and \(Self.maxDraws), got \(draws)")
        }
    }

    /// Far more draws than any output could hold (`--max-memory` bounds the real ones).
    static let maxDraws = 1 << 40

    func run() throws {
        var files = RunFiles(model: model)
        output.declareOutputs(&files)
        try files.checkDistinct()
        try memory.checkInputs(files.inputPaths)
        let regression = try model.makeModel()
        let lambda = try ClosedFormCalculator(model: regression).evaluate(n: n).lambda
        let equivalent = try ridgeLambda.equivalents(ClosedFormCalculator(model: regression), ns: [n])?.first
        let regularized = equivalent.map { (kappa: $0.kappa, gamma: $0.gamma) }
        // What the output holds: the sampling inputs, and at a ridge penalty its keys (docs/OUTPUT.md, "sample").
        let inputs = Record([("n", .number(n)), ("design", .text(design.rawValue)), ("seed", .unsigned(seedOptions.seed)),
                             ("draws", .integer(draws))]) + (equivalent?.record ?? Record([]))
        var text = SampleText(format: format, d: regression.d, echo: model.echo(regression) + inputs)
        // The provenance every CSV row repeats, spread over the row's d + 4 numbers.
        let keyBytes = format.keyBytes + Double(text.provenance.utf8.count) / Double(regression.d + 4)
        let estimate = MemoryBound(sampleOf: regression, design: design, n: n, draws: draws, keyBytes: keyBytes)
        try memory.check(estimate, what: "d = \(regression.d), up to \(estimate.maximumRows) rows printed",
                         advice: draws > 1 ? "use a smaller --draws, --n or --d" : "use a smaller --n or --d")
        if format == .json {
            // With a data set's own response column no w* generates y_clean: null.
            let wstar = regression.population?.responses == nil ? regression.wOriginal : nil
            text.begin(model: model.echo(regression), inputs: inputs, wstar: wstar)
        }
        text.reserve(rows: estimate.maximumRows, draws: draws)
        for index in 0..<draws {
            let draw = try DesignDraw(model: regression, design: design, n: n, lambda: lambda, seed: seedOptions.seed,
                                      draw: UInt64(index), regularized: design == .surrogate ? regularized : nil)
            text.append(draw, number: index + 1)
        }
        try OutputSink.write(text.finished(), to: output.out)
    }
}

extension DesignKind: ExpressibleByArgument {}
