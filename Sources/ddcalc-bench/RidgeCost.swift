// ddcalc-bench --ridge-cost: the cost per Monte Carlo trial of the ridge estimator at lambda = 1
// against the min-norm estimator's trial on the same model, n, designs and seed, each under both
// samplers: explicit rows (`--sampler rows`: the sampler's rows, then MinNormSolver's QR or
// RidgeSolver's Cholesky) and the default exact-law shortcuts (min-norm: WishartGramDraw and
// WideGaussianDraw; ridge: RidgeGaussianKernel's tilted Bartlett factor, then RidgeSolver). Issue 23:
// "a ridge trial must cost at most 1.3x a min-norm trial at d = 100". Same process, one thread, the
// four alternating within every round; a run lasts about 0.15 s (calibrated on the min-norm rows
// run). The table gives the median microseconds per trial and the median (smallest-largest) of the
// rounds' own ratios.
import DoubleDescent

func runRidgeCost(reps: Int) throws {
    print("one thread; median over \(reps) rounds, each timing min-norm and ridge lambda = 1, rows and exact law")
    print("| case | min-norm rows us/trial | ridge rows us/trial | min-norm exact-law us/trial | ridge exact-law us/trial "
          + "| ridge / min-norm, rows | ridge / min-norm, exact law |")
    print("|---|---|---|---|---|---|---|")
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
        _ = try perTrial(.exactLaw, lambda: 1, trials: 20)
        var rows: [Double] = [], ridgeRows: [Double] = [], exact: [Double] = [], ridgeExact: [Double] = []
        for _ in 0..<reps {
            rows.append(try perTrial(.rows, lambda: 0, trials: trials))
            ridgeRows.append(try perTrial(.rows, lambda: 1, trials: trials))
            exact.append(try perTrial(.exactLaw, lambda: 0, trials: trials))
            ridgeExact.append(try perTrial(.exactLaw, lambda: 1, trials: trials))
        }
        let onRows = Summary(zip(ridgeRows, rows).map { $0 / $1 }), onExact = Summary(zip(ridgeExact, exact).map { $0 / $1 })
        let cells = [rows, ridgeRows, exact, ridgeExact].map { format(Summary($0).median * 1e6, 1) }
        print("| \(label) | " + cells.joined(separator: " | ")
              + " | \(format(onRows.median, 2)) (\(format(onRows.min, 2))-\(format(onRows.max, 2))) | "
              + "\(format(onExact.median, 2)) (\(format(onExact.min, 2))-\(format(onExact.max, 2))) |")
    }
}
