// ddcalc-bench --risk-cost: the cost per Monte Carlo trial of the prediction risk against the
// estimation error (issue 16: "prediction risk must cost the same as estimation risk per trial").
//
// For each case it builds two simulators on the same model, one per risk, and times their runs in
// the same process, one thread, alternating estimation and prediction within every round, so that
// both see the same state of the machine. A run has enough trials to last about 0.15 s (calibrated
// on the estimation run); the closed forms are computed once, outside the timing. The table gives
// the median microseconds per trial of each risk over R rounds and the median, smallest and largest
// of the rounds' own ratios prediction / estimation. Run from the repository root (the data-set
// case reads data/diabetes/diabetes.csv).
import DoubleDescent

struct RiskCostCase {
    let label: String
    let kernel: String
    let model: RegressionModel
    let ns: [Double]
    let designs: [DesignKind]
}

func riskCostCases() throws -> [RiskCostCase] {
    func gaussian(_ spec: SpectrumSpec, d: Int, features: FeatureLaw = .gaussian) throws -> RegressionModel {
        try RegressionModel(covariance: CovarianceModel(spec: spec, d: d), wstar: .isotropic, features: features)
    }
    let diabetes = try RegressionModel(population: FinitePopulation(DataSetFile(path: "data/diabetes/diabetes.csv",
                                                                                target: "progression")),
                                       wstar: .isotropic)
    return [
        RiskCostCase(label: "isotropic d=100, n=50,150, both designs", kernel: "IsotropicGaussianKernel",
                     model: try gaussian(.isotropic, d: 100), ns: [50, 150], designs: [.surrogate, .iid]),
        RiskCostCase(label: "geometric:100 d=100, n=150, both designs (tall)", kernel: "GaussianKernel: WishartGramDraw",
                     model: try gaussian(.geometric(100), d: 100), ns: [150], designs: [.surrogate, .iid]),
        RiskCostCase(label: "geometric:100 d=100, n=50, both designs (wide)", kernel: "GaussianKernel: WideGaussianDraw",
                     model: try gaussian(.geometric(100), d: 100), ns: [50], designs: [.surrogate, .iid]),
        RiskCostCase(label: "geometric:100 d=100, n=70, both designs (wide)", kernel: "GaussianKernel: WideGaussianDraw",
                     model: try gaussian(.geometric(100), d: 100), ns: [70], designs: [.surrogate, .iid]),
        RiskCostCase(label: "geometric:100 d=100, n=90, surrogate (wide, K near d)", kernel: "GaussianKernel: WideGaussianDraw",
                     model: try gaussian(.geometric(100), d: 100), ns: [90], designs: [.surrogate]),
        RiskCostCase(label: "uniform geometric:10 d=20, n=10,30, both designs", kernel: "DesignRowsKernel (rejection sampler)",
                     model: try gaussian(.geometric(10), d: 20, features: .uniform), ns: [10, 30], designs: [.surrogate, .iid]),
        RiskCostCase(label: "diabetes data set, n=5,15, both designs", kernel: "DesignRowsKernel (finite population)",
                     model: diabetes, ns: [5, 15], designs: [.surrogate, .iid]),
    ]
}

/// Seconds per trial of one run of `trials` trials at `points`, one thread.
func secondsPerTrial(_ model: RegressionModel, _ points: [ClosedForms], designs: [DesignKind], risk: Risk,
                     trials: Int) throws -> Double {
    var settings = MonteCarloSettings(trials: trials, seed: 1, designs: designs, threads: 1)
    settings.risk = risk
    let simulator = MonteCarloSimulator(model: model, settings: settings)
    let clock = ContinuousClock()
    var result: [MonteCarloPoint] = []
    let elapsed = try clock.measure { result = try simulator.run(points) }
    precondition(result.count == points.count, "the Monte Carlo gave no estimate")
    return seconds(elapsed) / Double(trials * points.count * designs.count)
}

func runRiskCost(reps: Int) throws {
    print("one thread; median over \(reps) rounds, each timing estimation then prediction")
    print("| case | kernel | estimation us/trial | prediction us/trial | ratio (median of rounds) | ratio range |")
    print("|---|---|---|---|---|---|")
    for item in try riskCostCases() {
        let calculator = ClosedFormCalculator(model: item.model)
        let points = try item.ns.map { try calculator.evaluate(n: $0) }
        let once = try secondsPerTrial(item.model, points, designs: item.designs, risk: .estimation, trials: 50)
        let trials = max(50, Int(0.15 / (once * Double(points.count * item.designs.count))))
        _ = try secondsPerTrial(item.model, points, designs: item.designs, risk: .prediction, trials: 50)  // warm-up
        var estimation: [Double] = [], prediction: [Double] = []
        for _ in 0..<reps {
            estimation.append(try secondsPerTrial(item.model, points, designs: item.designs, risk: .estimation, trials: trials))
            prediction.append(try secondsPerTrial(item.model, points, designs: item.designs, risk: .prediction, trials: trials))
        }
        let ratios = Summary(zip(prediction, estimation).map { $0 / $1 })
        print("| \(item.label) | \(item.kernel) | \(format(Summary(estimation).median * 1e6, 2)) | "
              + "\(format(Summary(prediction).median * 1e6, 2)) | \(format(ratios.median, 2)) | "
              + "\(format(ratios.min, 2))-\(format(ratios.max, 2)) |")
    }
}
