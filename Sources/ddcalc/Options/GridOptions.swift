import ArgumentParser
import DoubleDescent
import Foundation

/// What a sweep varies (`--vary`): the expected sample size n at fixed d, or the model dimension d
/// at fixed n (docs/MATH.md, "Model-wise double descent").
enum SweepAxis: String, ExpressibleByArgument, CaseIterable {
    case n, d, lambda
}

/// The grid of a sweep: n values at fixed d, or model dimensions at fixed n (docs/OUTPUT.md, "Sweep rows" and "Model-wise sweeps (`--vary d`)").
struct GridOptions: ParsableArguments {
    @Option(help: "What to vary: n (sample-wise, at fixed --d), d (model-wise, at fixed --n, over the first d eigen-directions) or lambda (the ridge path at fixed --n).")
    var vary: SweepAxis = .n

    @Option(parsing: .unconditional, help: "(--vary d or lambda) The fixed expected sample size n > 0 (default: none; required there).")
    var n: Double?

    @Option(name: .customLong("d-min"), parsing: .unconditional, help: "(--vary d) Smallest model dimension (default: 1).")
    var dMin: Int?

    @Option(name: .customLong("d-max"), parsing: .unconditional, help: "(--vary d) Largest model dimension, at most --d (default: --d).")
    var dMax: Int?

    @Option(name: .customLong("n-min"), parsing: .unconditional, help: "Smallest n of an evenly spaced grid (default: n-max / points).")
    var nMin: Double?

    @Option(name: .customLong("n-max"), parsing: .unconditional, help: "Largest n of an evenly spaced grid (default: 2d).")
    var nMax: Double?

    @Option(parsing: .unconditional, help: "Number of grid points (default: 2d when 2d <= 400, else 200; with --vary d, every d of the range when it holds at most 400, else 200).")
    var points: Int?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Explicit comma-separated n values; real numbers allowed (default: none, the grid above).", valueName: "list"))
    var ns: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("(--vary lambda) Explicit comma-separated ridge penalties (default: none, the grid below).", valueName: "list"))
    var lambdas: String?

    @Option(name: .customLong("lambda-min"), parsing: .unconditional,
            help: "(--vary lambda) Smallest penalty of the grid (default: lambda-max / 10^4); logarithmic spacing when it is positive, else even.")
    var lambdaMin: Double?

    @Option(name: .customLong("lambda-max"), parsing: .unconditional, help: "(--vary lambda) Largest penalty of the grid (default: 10 d).")
    var lambdaMax: Double?

    /// Far beyond any useful curve; more would only fail on allocation (a trap).
    static let maxPoints = 1_000_000

    func validate() throws {
        if let ns { _ = try validating { try NumberParsing.doubleList(ns) } }
        // Checked here, by name: SweepGrid derives a default --n-min from --n-max, so a bad
        // --n-max would otherwise be reported as a bad --n-min.
        for (flag, value) in [("--n-min", nMin), ("--n-max", nMax)] {
            if let value, !(value > 0 && value.isFinite) {
                throw ValidationError("\(flag): n must be a positive finite number, got \(value)")
            }
        }
        if let points, points < 1 { throw ValidationError("--points: must be at least 1, got \(points)") }
        if let points, points > Self.maxPoints { throw ValidationError("--points: at most \(Self.maxPoints), got \(points)") }
        if vary != .lambda {
            for (flag, given) in [("--lambdas", lambdas != nil), ("--lambda-min", lambdaMin != nil), ("--lambda-max", lambdaMax != nil)]
            where given {
                throw ValidationError("\(flag): only with --vary lambda")
            }
        }
        switch vary {
        case .lambda:
            guard let n else { throw ValidationError("--vary lambda: needs --n, the fixed expected sample size") }
            guard n > 0, n.isFinite else { throw ValidationError("--n: must be a positive finite number, got \(n)") }
            for (flag, given) in [("--ns", ns != nil), ("--n-min", nMin != nil), ("--n-max", nMax != nil),
                                  ("--d-min", dMin != nil), ("--d-max", dMax != nil)] where given {
                throw ValidationError("\(flag): cannot be combined with --vary lambda (n is fixed by --n)")
            }
            try penaltyChoice.validate()
        case .n:
            for (flag, given) in [("--n", n != nil), ("--d-min", dMin != nil), ("--d-max", dMax != nil)] where given {
                throw ValidationError("\(flag): only with --vary d (a sample-wise sweep takes --ns or --n-min/--n-max)")
            }
        case .d:
            guard let n else { throw ValidationError("--vary d: needs --n, the fixed expected sample size") }
            guard n > 0, n.isFinite else { throw ValidationError("--n: must be a positive finite number, got \(n)") }
            for (flag, given) in [("--ns", ns != nil), ("--n-min", nMin != nil), ("--n-max", nMax != nil)] where given {
                throw ValidationError("\(flag): cannot be combined with --vary d (n is fixed by --n)")
            }
            for (flag, value) in [("--d-min", dMin), ("--d-max", dMax)] {
                if let value, value < 1 { throw ValidationError("\(flag): must be at least 1, got \(value)") }
            }
        }
    }

    func values(d: Int) throws -> [Double] {
        try LibraryErrorMessage.mapping {
            try SweepGrid.values(d: d, nMin: nMin, nMax: nMax, points: points, list: ns.map { try NumberParsing.doubleList($0) })
        }
    }

    /// The model dimensions of a `--vary d` sweep of a model with `total` eigen-directions.
    func dimensions(total: Int) throws -> [Int] {
        try LibraryErrorMessage.mapping { try DimensionGrid.values(total: total, dMin: dMin, dMax: dMax, points: points) }
    }

    /// The penalties of a `--vary lambda` sweep of a d-dimensional model: `--lambdas`, or `--points`
    /// (default 50) from `--lambda-min` to `--lambda-max`, logarithmically spaced when the range is
    /// positive, else evenly.
    func penalties(d: Int) throws -> [Double] {
        try penaltyChoice.values(high: 10 * Double(d), span: 1e4, count: points ?? 50)
    }

    private var penaltyChoice: PenaltyChoice { PenaltyChoice(lambdas: lambdas, lambdaMin: lambdaMin, lambdaMax: lambdaMax) }

    /// What a `--vary d` or `--vary lambda` sweep echoes next to the model: the axis and the fixed n.
    var echo: [(String, Value)] {
        guard vary != .n, let n else { return [] }
        return [("vary", .text(vary.rawValue)), ("n", .number(n))]
    }
}
