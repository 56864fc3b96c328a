// ddcalc-bench --ridge-cost: the cost per Monte Carlo trial of the ridge estimator at lambda = 1
// (DesignRowsKernel at ridgeLambda: explicit rows, pure-Swift Cholesky) against the min-norm estimator's trial on the
// same model, n, designs and seed, both through explicit rows (`--sampler rows`: MinNormSolver's QR)
// and through the default exact-law shortcuts (issue 23: "a ridge trial must cost at most 1.3x a
// min-norm trial at d = 100"). Same process, one thread, the three alternating within every round; a
// run lasts about 0.15 s (calibrated on the min-norm rows run). The table gives the median
// microseconds per trial and the median (smallest-largest) of the rounds' own ratios.
import DoubleDescent

func runRidgeCost(reps: Int) throws {
    print("one thread; median over \(reps) rounds, each timing min-norm (rows), min-norm (exact law), ridge lambda = 1")
    print("| case | min-norm rows us/trial | min-norm exact-law us/trial | ridge us/trial | ridge / rows | ridge / exact-law |")
    print("|---|---|---|---|---|---|")
    let model = try RegressionModel(covariance: CovarianceModel(spec: .geometric(100), d: 100), wstar: .isotropic)
    let calculator = ClosedFormCalculator(model: model)
    for (label, n) in [("geometric:100 d=100, n=50 (wide)", 50.0), ("geometric:100 d=100, n=150 (tall)", 150.0)] {
        let points = [try calculator.evaluate(n: n)]
        func perTrial(_ sampler: MonteCarloSampler, lambda: Double, trials: Int) throws -> Double {
            var settings = MonteCarloSettings(trials: trials, seed: 1, designs: [.surrogate, .iid], threads: 1, sampler: sampler)
            settings.ridgeLambda = lambda
            let simulator = MonteCarloSimulator(model: model, settings: settings)
            let clock = ContinuousClock()
            var result: [MonteCarloPoint] = []
            let elapsed = try clock.measure { result = try simulator.run(points) }
            precondition(result[0].surrogate?.mean != nil, "the Monte Carlo gave no estimate")
            return seconds(elapsed) / Double(2 * trials)
        }
        let once = try perTrial(.rows, lambda: 0, trials: 20)
        let trials = max(20, Int(0.15 / (2 * once)))
        _ = try perTrial(.rows, lambda: 1, trials: 20)  // warm-up
        var rows: [Double] = [], exact: [Double] = [], ridge: [Double] = []
        for _ in 0..<reps {
            rows.append(try perTrial(.rows, lambda: 0, trials: trials))
            exact.append(try perTrial(.exactLaw, lambda: 0, trials: trials))
            ridge.append(try perTrial(.rows, lambda: 1, trials: trials))
        }
        let toRows = Summary(zip(ridge, rows).map { $0 / $1 }), toExact = Summary(zip(ridge, exact).map { $0 / $1 })
        print("| \(label) | \(format(Summary(rows).median * 1e6, 1)) | \(format(Summary(exact).median * 1e6, 1)) | "
              + "\(format(Summary(ridge).median * 1e6, 1)) | \(format(toRows.median, 2)) (\(format(toRows.min, 2))-\(format(toRows.max, 2))) | "
              + "\(format(toExact.median, 2)) (\(format(toExact.min, 2))-\(format(toExact.max, 2))) |")
    }
}
