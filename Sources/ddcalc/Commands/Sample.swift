import ArgumentParser
import DoubleDescent

/// `ddcalc sample`: one design drawn from the surrogate or the i.i.d. law, printed as CSV.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw one design (surrogate or i.i.d.) and print it as CSV, one row per sample.",
        discussion: """
            Columns x1..xd are the features in the original coordinates; y = x^T w* + noise is the response. \
            With --data the rows are rows of the file, and with --target y is that column plus noise.
            Example: ddcalc sample --d 5 --n 3.5 --design surrogate --seed 7
            """
    )

    @OptionGroup var model: ModelOptions

    @Option(parsing: .unconditional, help: "Expected sample size n > 0 (the surrogate's row count is random with mean n).")
    var n: Double

    @Option(help: "The design to draw: surrogate or iid (iid needs an integer n).")
    var design: DesignKind = .surrogate

    @OptionGroup var seedOptions: SeedOptions

    @OptionGroup var output: OutFileOptions

    @OptionGroup var memory: MemoryLimitOptions

    func validate() throws {
        guard n > 0, n.isFinite else { throw ValidationError("--n: must be a positive finite number, got \(n)") }
        try validating { try SampleSizeLimit.check(n) }
        if design == .iid, n != n.rounded() {
            throw ValidationError("--n: an i.i.d. design needs an integer n, got \(n)")
        }
    }

    func run() throws {
        var files = RunFiles(model: model)
        output.declareOutputs(&files)
        try files.checkDistinct()
        let regression = try model.makeModel()
        let lambda = try ClosedFormCalculator(model: regression).evaluate(n: n).lambda
        let estimate = MemoryEstimate(sampleOf: regression, design: design, n: n)
        try memory.check(estimate, what: "d = \(regression.d), up to \(estimate.maximumRows) rows printed",
                         advice: "use a smaller --n or --d")
        let draw = try DesignDraw(model: regression, design: design, n: n, lambda: lambda, seed: seedOptions.seed)
        let header = (1...regression.d).map { "x\($0)" } + ["y"]
        let lines = zip(draw.rows, draw.responses).map { row, y in
            (row + [y]).map { "\($0)" }.joined(separator: ",")
        }
        try OutputSink.write(([header.joined(separator: ",")] + lines).joined(separator: "\n") + "\n", to: output.out)
    }
}

extension DesignKind: ExpressibleByArgument {}
