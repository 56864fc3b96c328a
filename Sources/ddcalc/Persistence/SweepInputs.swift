import DoubleDescent

/// Everything that decides the numbers and bytes a sweep prints, and nothing that does not
/// (`--threads`, `--format`, `--out`, the run controls): the flags as canonical `--flag=value`
/// arguments, which `merge` parses again, and a fingerprint that also covers what those flags
/// read (the eigenvalues and w* from any files, the n grid) and the file format version.
struct SweepInputs: Equatable {
    /// Canonical sweep arguments; `Sweep.parse(arguments)` gives the same sweep back.
    let arguments: [String]
    let fingerprint: UInt64

    /// Bumped whenever a change could alter any number for the same arguments.
    static let version = 1

    init(model: ModelOptions, grid: GridOptions, simulation: SimulationOptions, regression: RegressionModel, ns: [Double]) {
        var arguments: [String] = []
        func add(_ flag: String, _ value: String?) { if let value { arguments.append("--\(flag)=\(value)") } }
        add("d", model.d.map(String.init))
        add("spectrum", model.spectrum)
        add("wstar", model.wstar)
        add("wnorm", "\(model.wnorm)")
        add("sigma", "\(model.sigma)")
        add("features", model.features)
        add("n-min", grid.nMin.map { "\($0)" })
        add("n-max", grid.nMax.map { "\($0)" })
        add("points", grid.points.map(String.init))
        add("ns", grid.ns)
        add("trials", String(simulation.trials))
        add("design", simulation.design.rawValue)
        add("seed", String(simulation.seed))
        self.arguments = arguments

        var hash = FNV1a()
        hash.add("ddcalc sweep inputs \(Self.version)\n")
        for argument in arguments { hash.add(argument + "\n") }
        for values in [regression.eigenvalues, regression.wEigen, [regression.sigma], ns] {
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
