import DoubleDescent

/// What the figure of one export draws (`GnuplotExport.script`), read from the export itself: against
/// n/d for a sweep over n or d (the paper's figure), or against the ridge penalty lambda for a ridge
/// path (`sweep --vary lambda`, issue 23) and for cross-validation (`gcv`, issue 24): its axes, its
/// curves in legend order, and vertical lines at the penalties the export names (the optimum).
struct GnuplotFigure {
    /// How one curve is drawn.
    enum Style {
        case line(width: Double)
        case dashed
        /// Points with the column `errorKey` as error bars (none when it has no value), rows flagged
        /// in `heavyKey` set apart (`GnuplotFrame.monteCarloLayers`).
        case points(errorKey: String?, heavyKey: String?, pointType: Int, size: Double)
    }

    /// One plotted column of the data file.
    struct Curve {
        var key: String
        var title: String
        var color: String
        var style: Style
    }

    /// A vertical line at one penalty, with its legend entry.
    struct Mark {
        var value: Double
        var title: String
        var color: String
        var dash: Int
    }

    /// The column on the x axis, its label, and whether it is logarithmic.
    var x: String
    var xLabel: String
    var logX: Bool
    var title: String
    var yLabel: String
    var curves: [Curve]
    var marks: [Mark]
    /// The command that wrote the export, for the script's first comment line.
    var command: String

    static let ratioLabel = "n/d (samples per parameter)"
    static let lambdaLabel = "λ (ridge penalty, unnormalised)"

    /// The figure of `export`: against lambda when it is a ridge path (`vary` = lambda) or holds
    /// cross-validation (`gcv` column), else against n/d.
    static func of(_ export: SweepExport) -> GnuplotFigure {
        if export.columns.contains("gcv") { return crossValidation(export) }
        if export.varied == SweepAxis.lambda.rawValue { return ridgePath(export) }
        return sampleSize(export)
    }

    // MARK: - Against n/d

    /// The sweep's curves (`sweep`, `merge`): Theorem 1 as lines, the i.i.d. closed forms dashed, both
    /// Monte Carlo designs as points with their standard errors and heavy-tail flags. On a data set
    /// (`--data`, a `data` key in the echo) the theory line is the exact finite-population form below
    /// n = d and Theorem 1's continuous approximation above (docs/MATH.md, "Finite populations").
    private static func sampleSize(_ export: SweepExport) -> GnuplotFigure {
        let theory = export.echo("data") == nil ? "theory MSE (Theorem 1, surrogate design)"
            : "theory MSE (exact finite population for n < d; Theorem 1 approximation for n ≥ d)"
        let curves = [
            Curve(key: "theory_mse", title: theory, color: "#1f4e9c", style: .line(width: 2.5)),
            Curve(key: "theory_bias", title: "theory bias", color: "#5b9bd5", style: .line(width: 1.5)),
            Curve(key: "theory_variance", title: "theory variance", color: "#9467bd", style: .line(width: 1.5)),
            Curve(key: "iid_exact_mse", title: "exact MSE, i.i.d. Gaussian design", color: "#2ca02c", style: .dashed),
            Curve(key: "de_mse", title: "deterministic equivalent, i.i.d. design", color: "#555555", style: .dashed),
        ] + monteCarlo(export, surrogate: "Monte Carlo, surrogate design (± stderr)", iid: "Monte Carlo, i.i.d. design (± stderr)")
        return GnuplotFigure(x: "ratio", xLabel: ratioLabel, logX: false,
                             title: GnuplotFrame.title(export.risk),
                             yLabel: RiskLabel.yAxis(export.risk), curves: curves, marks: [], command: "ddcalc sweep")
    }

    /// Both designs' Monte Carlo, each with its own heavy-tail flag (`heavy_tail`, for both, in
    /// exports written before the per-design flags).
    static func monteCarlo(_ export: SweepExport, surrogate: String, iid: String) -> [Curve] {
        [Curve(key: "mc_surrogate_mse", title: surrogate, color: "#d62728",
               style: .points(errorKey: "mc_surrogate_stderr", heavyKey: export.heavyTailKey(design: "mc_surrogate"), pointType: 7, size: 0.55)),
         Curve(key: "mc_iid_mse", title: iid, color: "#ff7f0e",
               style: .points(errorKey: "mc_iid_stderr", heavyKey: export.heavyTailKey(design: "mc_iid"), pointType: 6, size: 0.7))]
    }

    // MARK: - Against lambda

    /// The ridge path at fixed n: the deterministic equivalent as the curve, the exact i.i.d. risk
    /// dashed where the output has it (isotropic Gaussian models), the Monte Carlo of both designs as
    /// points, Theorem 1 at lambda = 0 (exact) as one point; lines at `de_optimal_lambda`
    /// and `bayes_lambda` (docs/OUTPUT.md, "The ridge path").
    private static func ridgePath(_ export: SweepExport) -> GnuplotFigure {
        let curves = [
            Curve(key: "de_mse", title: "deterministic equivalent (ridge)", color: "#1f4e9c", style: .line(width: 2.5)),
            Curve(key: "theory_mse", title: "Theorem 1 at λ = 0 (exact, surrogate design)", color: "#2ca02c",
                  style: .points(errorKey: nil, heavyKey: nil, pointType: 5, size: 0.9)),
            Curve(key: "iid_exact_mse", title: "exact, i.i.d. Gaussian design (isotropic Σ)", color: "#2ca02c", style: .dashed),
        ] + monteCarlo(export, surrogate: "Monte Carlo, regularized surrogate design (± stderr)", iid: "Monte Carlo, i.i.d. design (± stderr)")
        let marks = lambdaMarks(export, [
            ("de_optimal_lambda", "λ minimizing the deterministic equivalent", "#1f4e9c", 2),
            ("bayes_lambda", "Bayes-optimal λ = σ² d / ‖w*‖²", "#8c564b", 4),
        ])
        let n = export.echo("n").map { " at n = \($0)" } ?? ""
        return GnuplotFigure(x: "ridge_lambda", xLabel: lambdaLabel, logX: positivePenalties(export),
                             title: "Ridge\(n): \(RiskLabel.quantity(export.risk)) vs penalty λ",
                             yLabel: RiskLabel.yAxis(export.risk), curves: curves, marks: marks, command: "ddcalc sweep")
    }

    /// `gcv`: GCV and leave-one-out error as curves, the training error dashed, lines at their minima;
    /// and the design-based risk on n rows when the output holds it (`gcv --n`: `de_mse` and both
    /// designs' Monte Carlo, found by name; the line at `de_best_lambda`), all against the full-data
    /// penalty `ridge_lambda`.
    private static func crossValidation(_ export: SweepExport) -> GnuplotFigure {
        let n = export.echo("n").map { " on n = \($0) rows" } ?? ""
        let curves = [
            Curve(key: "gcv", title: "GCV", color: "#1f4e9c", style: .line(width: 2.5)),
            Curve(key: "loo", title: "exact leave-one-out error", color: "#2ca02c", style: .line(width: 1.5)),
            Curve(key: "train_mse", title: "training error", color: "#555555", style: .dashed),
            Curve(key: "de_mse", title: "design-based risk\(n), det. equivalent", color: "#9467bd", style: .dashed),
        ] + monteCarlo(export, surrogate: "design-based Monte Carlo, surrogate design (± stderr)",
                       iid: "design-based Monte Carlo, i.i.d. rows (± stderr)")
        let marks = lambdaMarks(export, [
            ("gcv_best_lambda", "GCV minimum λ", "#1f4e9c", 2),
            ("loo_best_lambda", "leave-one-out minimum λ", "#2ca02c", 4),
            ("de_best_lambda", "design-based det. equivalent's minimum λ", "#9467bd", 3),
        ])
        return GnuplotFigure(x: "ridge_lambda", xLabel: lambdaLabel, logX: positivePenalties(export),
                             title: "Ridge on the data: cross-validation vs penalty λ",
                             yLabel: "mean squared error of y" + (export.columns.contains("de_mse") ? "; design-based: " + RiskLabel.yAxis(export.risk) : ""),
                             curves: curves, marks: marks, command: "ddcalc gcv")
    }

    /// A logarithmic lambda axis when every penalty is positive, else linear (zero and negative ones).
    private static func positivePenalties(_ export: SweepExport) -> Bool {
        let penalties = export.finite("ridge_lambda")
        return !penalties.isEmpty && penalties.allSatisfy { $0 > 0 }
    }

    /// A mark per echo key that holds a number within the grid's penalties (positive on a log axis),
    /// titled with its value. The echo prints six digits, so an end of the grid may be off by 1e-6.
    private static func lambdaMarks(_ export: SweepExport, _ keys: [(key: String, title: String, color: String, dash: Int)]) -> [Mark] {
        let penalties = export.finite("ridge_lambda"), log = positivePenalties(export)
        guard let low = penalties.min(), let high = penalties.max() else { return [] }
        let slack = 1e-5 * Swift.max(Swift.abs(low), Swift.abs(high))
        return keys.compactMap { item in
            guard let value = export.echo(item.key).flatMap(Double.init), value.isFinite,
                  low - slack <= value, value <= high + slack, !log || value > 0 else { return nil }
            return Mark(value: value, title: "\(item.title) = " + TableFormat.sixSignificantDigits(value), color: item.color, dash: item.dash)
        }
    }
}

extension SweepExport {
    /// The heavy-tail column of one design (`mc_surrogate`, `mc_iid`): its own flag, or `heavy_tail`
    /// (either design) in an export written before the per-design flags; nil when it has neither.
    func heavyTailKey(design: String) -> String? {
        [design + "_heavy_tail", "heavy_tail"].first { columns.contains($0) }
    }
}
