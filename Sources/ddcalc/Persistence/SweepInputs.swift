import DoubleDescent

/// Everything that decides the numbers and bytes a sweep prints, and nothing that does not
/// (`--threads`, `--format`, `--out`, the run controls): the flags as canonical `--flag=value`
/// arguments, which `merge` parses again, and a fingerprint that also covers what those flags
/// read (the eigenvalues and w* from any files, the n grid), the version of the output bits and the
/// architecture of the build.
struct SweepInputs: Equatable {
    /// Canonical sweep arguments; `Sweep.parse(arguments)` gives the same sweep back.
    let arguments: [String]
    let fingerprint: UInt64

    /// The version of the output bits: bumped in the same commit as any change that alters a number
    /// for the same arguments (Tests/ddcalcTests/GoldenBitsTests.swift pins the bits of every
    /// sampling path), so that checkpoints and part files of other code are refused.
    /// 1: up to the module split; 2: the Poisson sampler as published (surrogate draws at n >= d);
    /// 3: every printed number from ddcalc's own linear algebra and elementary functions (no BLAS,
    /// LAPACK or libm result reaches an output: the same bytes under every OpenBLAS kernel and libm
    /// variant), each closed-form point from its own n (no warm start), de_mse by its scale-safe form;
    /// 4: Gaussian Monte Carlo trials at a ridge penalty through the tilted Bartlett factor of X^T X,
    /// and `RidgeSolver`'s blocked Cholesky and Gram products (only outputs at lambda != 0 moved).
    static let bitsVersion = 4

    /// The instruction-set family of this build. The package sets no CPU-specific flags, so within a
    /// family every build computes the same bits; across families (x86-64, arm64) they may differ.
    static let architecture: String = {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "arm64"
        #else
        return "other"
        #endif
    }()

    /// `risk` joins the arguments only when it is the prediction risk, and `lambda` only when not 0, so
    /// the estimation and min-norm sweeps keep their arguments and fingerprints.
    init(model: ModelOptions, grid: GridOptions, simulation: SimulationOptions, regression: RegressionModel, ns: [Double],
         risk: Risk = .estimation, ridgeLambda: Double = 0) {
        var arguments: [String] = []
        func add(_ flag: String, _ value: String?) { if let value { arguments.append("--\(flag)=\(value)") } }
        add("d", model.d.map(String.init))
        add("spectrum", model.spectrum.text)
        add("wstar", model.wstar.text)
        add("wnorm", "\(model.wnorm)")
        add("sigma", "\(model.sigma)")
        add("features", model.features.text)
        add("data", model.data)
        add("target", model.target)
        add("n-min", grid.nMin.map { "\($0)" })
        add("n-max", grid.nMax.map { "\($0)" })
        add("points", grid.points.map(String.init))
        add("ns", grid.ns)
        add("trials", String(simulation.trials))
        add("design", simulation.design.rawValue)
        add("seed", String(simulation.seed))
        // Only when not the default, so that the fingerprints of exact-law sweeps are unchanged.
        add("sampler", simulation.sampler == .exactLaw ? nil : simulation.sampler.rawValue)
        add("risk", risk == .prediction ? risk.rawValue : nil)
        // Only when not 0, so that the min-norm sweeps keep their arguments and fingerprints.
        add("lambda", ridgeLambda == 0 ? nil : "\(ridgeLambda)")
        self.arguments = arguments

        var hash = FNV1a()
        hash.add("ddcalc sweep inputs \(Self.bitsVersion) \(Self.architecture)\n")
        for argument in arguments { hash.add(argument + "\n") }
        // A data set's rows too (its eigenvalues alone do not identify it); absent otherwise, so the
        // fingerprints of other sweeps are unchanged.
        let rows = regression.population.map { [$0.eigenRows] } ?? []
        for values in [regression.eigenvalues, regression.wEigen, [regression.sigma], ns] + rows {
            hash.add("\(values.count):")
            for x in values { withUnsafeBytes(of: x.bitPattern.littleEndian) { hash.add($0) } }
        }
        fingerprint = hash.value
    }

    /// The value of `--flag` in `arguments`, if given.
    static func value(of flag: String, in arguments: [String]) -> String? {
        arguments.first { $0.hasPrefix("--\(flag)=") }.map { String($0.dropFirst(flag.count + 3)) }
    }

    /// The flag names in `arguments`.
    static func flags(in arguments: [String]) -> [String] {
        arguments.map { String($0.dropFirst(2).prefix { $0 != "=" }) }
    }
}
