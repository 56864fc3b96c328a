import ArgumentParser
import DoubleDescent

/// The n grid of a sweep (CLI contract, "The sweep grid").
struct GridOptions: ParsableArguments {
    @Option(name: .customLong("n-min"), help: "Smallest n of an evenly spaced grid (default: n-max / points).")
    var nMin: Double?

    @Option(name: .customLong("n-max"), help: "Largest n of an evenly spaced grid (default: 2d).")
    var nMax: Double?

    @Option(help: "Number of grid points (default: 2d when 2d <= 400, else 200).")
    var points: Int?

    @Option(help: ArgumentHelp("Explicit comma-separated n values; real numbers allowed.", valueName: "list"))
    var ns: String?

    func validate() throws {
        if let ns { _ = try validating { try NumberParsing.doubleList(ns, context: "--ns") } }
        if let points, points < 1 { throw ValidationError("--points: must be at least 1, got \(points)") }
    }

    func values(d: Int) throws -> [Double] {
        try SweepGrid.values(d: d, nMin: nMin, nMax: nMax, points: points,
                             list: ns.map { try NumberParsing.doubleList($0, context: "--ns") })
    }
}
