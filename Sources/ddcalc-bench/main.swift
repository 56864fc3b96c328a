// ddcalc-bench: throughput of the min-norm solver next to dgemm, on one thread (issue 7).
//
//     swift build -c release --product ddcalc-bench
//     .build/release/ddcalc-bench [--reps R] [--sizes DxN,DxN,...] [--gemm G] [--csv]
//     .build/release/ddcalc-bench --risk-cost [--reps R]     (RiskCost.swift)
//     .build/release/ddcalc-bench --elementary [--reps R]    (ElementaryCost.swift: DDElementary against glibc)
//     .build/release/ddcalc-bench --decompositions [--reps R] (Decompositions.swift)
//     .build/release/ddcalc-bench --own-kernels [--reps R]   (OwnKernels.swift)
//     .build/release/ddcalc-bench --ridge-cost [--reps R]    (RidgeCost.swift)
//
// For each d x n case it draws one i.i.d. N(0, 1) design with n rows and d columns (fixed seed) and
// times MinNormSolver.conditionalError on it; in the same run, interleaved with the solves, it times
// cblas_dgemm on G x G x G (2 G^3 flops). OpenBLAS is pinned to one thread first (as in the Monte
// Carlo). Each timed sample repeats the call enough times to last about 50 ms; the figure reported
// is the median over R samples, with min and max.
//
// Flops of one conditionalError, m = min(n, d), N = max(n, d) (X is factored when tall, X^T when
// wide; only the m x m triangle is inverted):
//   Householder QR                       2 N m^2 - 2 m^3 / 3
//   triangular inverse of the m x m R    m^3 / 3
//   Frobenius norms of R^{-1}            4 m^2   (plain and Sigma-weighted: 2 mul + 2 add per entry)
// Copies (of X and R), the rank test and the bias vector are data movement and O(N m) at most; the
// panels' T factors (about 4 N m more flops) are not counted either, as in LAPACK's own operation
// counts. The call is made with withPredictionRisk: false, as the Monte
// Carlo makes it (for tall designs that changes nothing; for wide ones it skips the Q lifting).
//
// The Monte Carlo itself no longer calls conditionalError for tall Gaussian draws: it draws the Gram
// matrix by Bartlett's decomposition and inverts its d x d triangle (WishartGramDraw). So for each
// --mc DxN case (default 1000x1500) it also times whole i.i.d. trials of a sweep point,
// MonteCarloSimulator.run with `--mc-trials` trials on one thread and a geometric:100 spectrum, and
// counts only the triangular inverse, d^3 / 3 flops per trial: the drawing of d(d+1)/2 variates and
// the norms are in the time but not in the count, so the rate is a lower bound.
//
// Not part of the ddcalc command-line tool; like it, it imports only DoubleDescent (no C), except
// ElementaryCost.swift, which imports Glibc as the baseline it measures.
import DoubleDescent

struct Case {
    var d: Int
    var n: Int
    var flops: Double {
        let m = Double(min(n, d)), big = Double(max(n, d))
        return 2 * big * m * m - 2 * m * m * m / 3 + m * m * m / 3 + 4 * m * m
    }
}

struct Summary {
    var median: Double, min: Double, max: Double
    init(_ values: [Double]) {
        let sorted = values.sorted()
        let c = sorted.count
        median = c % 2 == 1 ? sorted[c / 2] : (sorted[c / 2 - 1] + sorted[c / 2]) / 2
        min = sorted[0]
        max = sorted[c - 1]
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Seconds per call of `body`, timed over enough calls to last about `target` seconds.
func sample(calls: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure { for _ in 0..<calls { body() } }
    return seconds(elapsed) / Double(calls)
}

func callsFor(_ body: () -> Void, target: Double = 0.05) -> Int {
    let once = sample(calls: 1, body)  // also the warm-up
    return max(1, Int((target / once).rounded(.up)))
}

func format(_ x: Double, _ digits: Int = 3) -> String {
    // Fixed-point text without Foundation.
    let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
    let scaled = (x * scale).rounded()
    let whole = Int(scaled / scale), fraction = Int(abs(scaled).truncatingRemainder(dividingBy: scale))
    let text = String(fraction)
    return (x < 0 && whole == 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: digits - text.count) + text
}

/// Seconds per trial of the Monte Carlo at one i.i.d. point (d, n): `trials` trials per run, one thread.
func monteCarloTrial(d: Int, n: Int, trials: Int) -> () -> Double {
    let model = try! RegressionModel(covariance: CovarianceModel(spec: .geometric(100), d: d), wstar: .isotropic)
    let point = try! ClosedFormCalculator(model: model).evaluate(n: Double(n))
    let simulator = MonteCarloSimulator(model: model, settings: MonteCarloSettings(trials: trials, seed: 1, designs: [.iid],
                                                                                  threads: 1))
    return {
        let clock = ContinuousClock()
        var result: [MonteCarloPoint] = []
        let elapsed = clock.measure { result = try! simulator.run([point]) }
        precondition(result[0].iid?.mean?.isFinite == true, "the Monte Carlo gave no finite estimate")
        return seconds(elapsed) / Double(trials)
    }
}

func parseSizes(_ text: String) -> [Case] {
    text.split(separator: ",").map { spec in
        let parts = spec.split(separator: "x").map { Int($0)! }
        precondition(parts.count == 2, "sizes: DxN,DxN,...")
        return Case(d: parts[0], n: parts[1])
    }
}

func main() {
    var reps = 7
    var cases = [Case(d: 1000, n: 1500), Case(d: 100, n: 150)]
    var monteCarloCases = [Case(d: 1000, n: 1500)]
    var monteCarloTrials = 20
    var gemmSize = 1000
    var csv = false
    var riskCost = false
    var elementary = false
    var decompositions = false
    var ownKernels = false
    var ridgeCost = false
    var arguments = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String {
        guard let v = arguments.popFirst() else { fatalError("\(flag) needs a value") }
        return v
    }
    while let flag = arguments.popFirst() {
        switch flag {
        case "--reps": reps = Int(value(flag))!
        case "--gemm": gemmSize = Int(value(flag))!
        case "--csv": csv = true
        case "--sizes": cases = parseSizes(value(flag))
        case "--mc": monteCarloCases = parseSizes(value(flag))
        case "--mc-trials": monteCarloTrials = Int(value(flag))!
        case "--risk-cost": riskCost = true
        case "--elementary": elementary = true
        case "--decompositions": decompositions = true
        case "--own-kernels": ownKernels = true
        case "--ridge-cost": ridgeCost = true
        case "-h", "--help":
            print("usage: ddcalc-bench [--reps R] [--sizes DxN,DxN,...] [--mc DxN,...] [--mc-trials T] [--gemm G] [--csv]\n"
                  + "       ddcalc-bench --risk-cost [--reps R]   (prediction risk against estimation error, per trial)\n"
                  + "       ddcalc-bench --decompositions [--reps R]   (own eigen/SVD against LAPACK, once per model)\n"
                  + "       ddcalc-bench --own-kernels [--reps R] (our per-trial kernels against LAPACK's)\n"
                  + "       ddcalc-bench --ridge-cost [--reps R]  (a ridge trial against a min-norm trial, d = 100)\n"
                  + "       ddcalc-bench --elementary [--reps R]  (DDElementary against glibc's libm, ns per call)")
            return
        default: fatalError("unknown option \(flag); see --help")
        }
    }
    precondition(reps >= 1 && gemmSize >= 1 && !cases.isEmpty)
    if elementary {
        runElementaryCost(reps: reps)
        return
    }
    BLASThreads.useSingleThread()
    if ridgeCost {
        do { try runRidgeCost(reps: reps) } catch { print("ddcalc-bench: \(error)") }
        return
    }
    if riskCost {
        do { try runRiskCost(reps: reps) } catch { print("ddcalc-bench: \(error)") }
        return
    }
    if decompositions {
        do { try runDecompositions(reps: reps) } catch { print("ddcalc-bench: \(error)") }
        return
    }
    if ownKernels {
        runOwnKernels(reps: reps)
        return
    }

    // dgemm operands: C = A B, G x G, entries uniform in [-1, 1).
    var rng = RandomStream(seed: 7)
    let g = gemmSize
    let a = (0..<g * g).map { _ in 2 * rng.uniform() - 1 }
    let b = (0..<g * g).map { _ in 2 * rng.uniform() - 1 }
    var c = [Double](repeating: 0, count: g * g)
    let gemm = {
        LAPACKDecompositionReference.multiplySquare(a, b, into: &c, size: g)
    }

    // One design per case: n x d column-major, i.i.d. N(0, 1); Sigma = I, w* = 1/sqrt(d), sigma = 1.
    struct Problem {
        let solver: MinNormSolver
        let design: [Double], wstar: [Double], s: [Double]
    }
    let problems = cases.map { k -> Problem in
        var stream = RandomStream(seed: 1, keys: [UInt64(k.d), UInt64(k.n)])
        var x = [Double](repeating: 0, count: k.n * k.d)
        x.withUnsafeMutableBufferPointer { stream.fillNormal($0) }
        return Problem(solver: MinNormSolver(d: k.d, maxRows: k.n), design: x,
                       wstar: [Double](repeating: 1 / Double(k.d).squareRoot(), count: k.d),
                       s: [Double](repeating: 1, count: k.d))
    }
    var checksum = 0.0
    let solves = zip(cases, problems).map { k, p in
        {
            let e = p.solver.conditionalError(design: p.design, rows: k.n, wstar: p.wstar, eigenvalues: p.s,
                                              sigma: 1, withPredictionRisk: false)
            checksum += e.parameterError
        }
    }

    // Calibrate (and warm up), then interleave: dgemm, every solve, dgemm, every solve, ...
    let gemmCalls = callsFor(gemm)
    let solveCalls = solves.map { callsFor($0) }
    let trialRuns = monteCarloCases.map { monteCarloTrial(d: $0.d, n: $0.n, trials: monteCarloTrials) }
    for run in trialRuns { _ = run() }  // warm-up
    var gemmTimes: [Double] = []
    var solveTimes = [[Double]](repeating: [], count: cases.count)
    var trialTimes = [[Double]](repeating: [], count: monteCarloCases.count)
    for _ in 0..<reps {
        gemmTimes.append(sample(calls: gemmCalls, gemm))
        for (i, solve) in solves.enumerated() { solveTimes[i].append(sample(calls: solveCalls[i], solve)) }
        for (i, run) in trialRuns.enumerated() { trialTimes[i].append(run()) }
    }

    let gemmFlops = 2 * Double(g) * Double(g) * Double(g)
    let gemmTime = Summary(gemmTimes)
    let gemmRate = gemmFlops / gemmTime.median / 1e9
    if csv {
        print("kernel,d,n,flops,calls_per_sample,reps,median_s,min_s,max_s,gflops,ratio_to_dgemm")
        print("dgemm,\(g),\(g),\(gemmFlops),\(gemmCalls),\(reps),\(gemmTime.median),\(gemmTime.min),\(gemmTime.max),\(gemmRate),1")
        for (i, k) in cases.enumerated() {
            let t = Summary(solveTimes[i]), rate = k.flops / t.median / 1e9
            print("conditionalError,\(k.d),\(k.n),\(k.flops),\(solveCalls[i]),\(reps),\(t.median),\(t.min),\(t.max),\(rate),\(rate / gemmRate)")
        }
        for (i, k) in monteCarloCases.enumerated() {
            let t = Summary(trialTimes[i]), flops = Double(k.d) * Double(k.d) * Double(k.d) / 3, rate = flops / t.median / 1e9
            print("monteCarloTrial,\(k.d),\(k.n),\(flops),\(monteCarloTrials),\(reps),\(t.median),\(t.min),\(t.max),\(rate),\(rate / gemmRate)")
        }
    } else {
        print("one thread; median (min-max) of \(reps) samples")
        print("dgemm \(g)^3: \(format(gemmTime.median * 1e3)) ms (\(format(gemmTime.min * 1e3))-\(format(gemmTime.max * 1e3))), "
              + "\(format(gemmRate, 2)) GFLOP/s")
        for (i, k) in cases.enumerated() {
            let t = Summary(solveTimes[i]), rate = k.flops / t.median / 1e9
            print("conditionalError d=\(k.d) n=\(k.n): \(format(t.median * 1e3)) ms (\(format(t.min * 1e3))-\(format(t.max * 1e3))), "
                  + "\(format(k.flops / 1e9, 4)) GFLOP, \(format(rate, 2)) GFLOP/s = \(format(rate / gemmRate)) x dgemm")
        }
        for (i, k) in monteCarloCases.enumerated() {
            let t = Summary(trialTimes[i]), flops = Double(k.d) * Double(k.d) * Double(k.d) / 3, rate = flops / t.median / 1e9
            print("Monte Carlo trial d=\(k.d) n=\(k.n) (iid, geometric:100): \(format(t.median * 1e3)) ms "
                  + "(\(format(t.min * 1e3))-\(format(t.max * 1e3))), inverse \(format(flops / 1e9, 4)) GFLOP, "
                  + "\(format(rate, 2)) GFLOP/s = \(format(rate / gemmRate)) x dgemm")
        }
    }
    if !checksum.isFinite { print("non-finite error") }
}

main()
