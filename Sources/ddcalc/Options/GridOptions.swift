import ArgumentParser
import DoubleDescent

/// The n grid of a sweep (CLI contract, "The sweep grid").
struct GridOptions: ParsableArguments {
    @Option(name: .customLong("n-min"), parsing: .unconditional, help: "Smallest n of an evenly spaced grid (default: n-max / points).")
    var nMin: Double?

    @Option(name: .customLong("n-max"), parsing: .unconditional, help: "Largest n of an evenly spaced grid (default: 2d).")
    var nMax: Double?

    @Option(parsing: .unconditional, help: "Number of grid points (default: 2d when 2d <= 400, else 200).")
    var points: Int?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Explicit comma-separated n values; real numbers allowed (default: none, the grid above).", valueName: "list"))
    var ns: String?

    /// Far beyond any useful curve; more would only fail on allocation (a trap).
    static let maxPoints = 1_000_000

    func validate() throws {
        if let ns { _ = try validating { try NumberParsing.doubleList(ns, context: "--ns") } }
        // Checked here, by name: SweepGrid derives a default --n-min from --n-max, so a bad
        // --n-max would otherwise be reported as a bad --n-min.
        for (flag, value) in [("--n-min", nMin), ("--n-max", nMax)] {
            if let value, !(value > 0 && value.isFinite) {
                throw ValidationError("\(flag): n must be a positive finite number, got \(value)")
            }
        }
        if let points, points < 1 { throw ValidationError("--points: must be at least 1, got \(points)") }
        if let points, points > Self.maxPoints { throw ValidationError("--points: at most \(Self.maxPoints), got \(points)") }
    }

    func values(d: Int) throws -> [Double] {
        try SweepGrid.values(d: d, nMin: nMin, nMax: nMax, points: points,
                             list: ns.map { try NumberParsing.doubleList($0, context: "--ns") })
    }
}
