import Foundation

/// `--format gnuplot`: a folder holding `sweep.dat`, the sweep as whitespace-separated columns, and
/// `sweep.gp`, a self-contained gnuplot script that draws it into `sweep.png` and `sweep.svg`
/// (run it inside the folder: `cd DIR && gnuplot sweep.gp`, or `ddcalc plot DIR`).
///
/// The script only draws curves that have something to show, so a sweep without Monte Carlo
/// (`--trials 0`) or with an all-zero column renders without gnuplot warnings.
enum GnuplotExport {
    static let dataFile = "sweep.dat"
    static let scriptFile = "sweep.gp"
    static let pngFile = "sweep.png"
    static let svgFile = "sweep.svg"

    /// Writes both files into the folder `path` (created if missing), atomically.
    static func write(_ table: ResultTable, to path: String) throws {
        try FolderSink.write([(dataFile, data(table)), (scriptFile, script(table))], into: path)
    }

    // MARK: - The data file

    /// One `#` header line naming every column (the CSV header's keys, in the same order), then one
    /// line per row. Missing values are `NaN`, booleans 1/0, numbers in shortest round-trip form.
    static func data(_ table: ResultTable) -> String {
        var lines = ["# " + (table.rows.first?.keys.joined(separator: " ") ?? "")]
        for row in table.rows {
            lines.append(row.fields.map { field($0.value) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func field(_ value: Value) -> String {
        guard let text = Rendering.machine(value) else { return "NaN" }
        switch value {
        case .flag(let b): return b! ? "1" : "0"
        case .text: return GnuplotText.dataField(text)
        case .number, .integer: return text
        }
    }

    // MARK: - The script

    /// How one curve is drawn.
    enum Style {
        case line(width: Double)
        case dashed
        case pointsWithErrorBars(errorKey: String, pointType: Int, size: Double)
    }

    /// One plotted column of the data file.
    struct Curve {
        var key: String
        var title: String
        var color: String
        var style: Style
    }

    /// Every curve the plot can show, in legend order. They are drawn in the reverse order, so the
    /// lines lie on top of the (larger) Monte Carlo markers and the theory MSE on top of everything.
    static let curves = [
        Curve(key: "theory_mse", title: "theory MSE (Theorem 1, surrogate design)", color: "#1f4e9c", style: .line(width: 2.5)),
        Curve(key: "theory_bias", title: "theory bias", color: "#5b9bd5", style: .line(width: 1.5)),
        Curve(key: "theory_variance", title: "theory variance", color: "#9467bd", style: .line(width: 1.5)),
        Curve(key: "iid_exact_mse", title: "exact MSE, i.i.d. Gaussian design", color: "#2ca02c", style: .dashed),
        Curve(key: "de_mse", title: "deterministic equivalent, i.i.d. design", color: "#555555", style: .dashed),
        Curve(key: "mc_surrogate_mse", title: "Monte Carlo, surrogate design (+/- stderr)", color: "#d62728",
              style: .pointsWithErrorBars(errorKey: "mc_surrogate_stderr", pointType: 7, size: 0.55)),
        Curve(key: "mc_iid_mse", title: "Monte Carlo, i.i.d. design (+/- stderr)", color: "#ff7f0e",
              style: .pointsWithErrorBars(errorKey: "mc_iid_stderr", pointType: 6, size: 0.7)),
    ]

    /// `curves` with the theory line's legend fitted to the model: on a data set (`--data`, a
    /// `data` key in the echo) it is the exact finite-population form below n = d and Theorem 1's
    /// continuous approximation above (docs/MATH.md, "Finite populations").
    static func curves(for table: ResultTable) -> [Curve] {
        guard table.model.keys.contains("data") else { return curves }
        var adjusted = curves
        adjusted[0].title = "theory MSE (exact finite population for n < d; Theorem 1 approximation for n >= d)"
        return adjusted
    }

    /// The gnuplot script drawing `table` from `sweep.dat` (read relative to the working folder).
    static func script(_ table: ResultTable) -> String {
        let keys = table.rows.first?.keys ?? []
        let column = { (key: String) in keys.firstIndex(of: key).map { $0 + 1 } }
        let values = { (key: String) in table.rows.compactMap { row in row.number(key) } }
        let ratios = values("ratio")

        // A log axis needs positive values; fall back to a linear axis if no curve has any.
        var logScale = true
        let candidates = curves(for: table)
        var shown = candidates.filter { values($0.key).contains { $0 > 0 } }
        if shown.isEmpty {
            logScale = false
            shown = candidates.filter { !values($0.key).isEmpty }
        }
        let ys = shown.flatMap { values($0.key) }.filter { !logScale || $0 > 0 }

        var s = "# \(DDCalcVersion.stamped("ddcalc sweep")), drawn by gnuplot: cd into this folder, then run `gnuplot \(scriptFile)`\n"
        s += "# (or `ddcalc plot FOLDER`); writes \(pngFile) and \(svgFile) from \(dataFile).\n"
        s += "# " + GnuplotText.commentValue(table.title) + "\n"
        s += "# " + table.model.fields.map { "\($0.key) = \(commentValue($0.value))" }.joined(separator: ", ") + "\n\n"
        s += "set encoding utf8\n"
        let risk = RiskLabel.risk(of: table)
        s += "set title \(quoted("Min-norm least squares: \(RiskLabel.quantity(risk)) vs samples per parameter\n" + modelLine(table.model)))\n"
        s += "set xlabel \(quoted("n/d (samples per parameter)"))\n"
        s += "set ylabel \(quoted(RiskLabel.yAxis(risk)))\n"
        if logScale { s += "set logscale y\nset format y \"%g\"\n" }
        s += "set grid xtics ytics mytics lc rgb \"#dddddd\" lw 1 dt 1\n"
        s += "set key outside below center horizontal maxrows 4 reverse Left width 2 box lc rgb \"#bbbbbb\"\n"
        s += "set tmargin 5\nset bmargin 10\nset border lw 1.2\nset bars small\n"
        s += range("x", ratios, log: false)
        s += range("y", ys, log: logScale)
        if let low = ratios.min(), let high = ratios.max(), low <= 1, 1 <= high {
            s += "set arrow from 1, graph 0 to 1, graph 1 nohead lw 1.5 dt 3 lc rgb \"#444444\" front\n"
            s += "set label \"n = d\" at 1, graph 0.97 offset 0.6, 0 left tc rgb \"#444444\" front\n"
        }
        s += "\nset terminal pngcairo size 1280,900 font \"sans,12\" noenhanced\n"
        s += "set output \(quoted(pngFile))\n"
        s += plotCommand(shown, rows: table.rows.count, column: column, values: values) + "\n\n"
        s += "set terminal svg size 1280,900 font \"sans,12\" noenhanced background rgb \"white\"\n"
        s += "set output \(quoted(svgFile))\nreplot\nunset output\n"
        return s
    }

    /// `plot ...` for the chosen curves (drawn once for the PNG, then `replot` for the SVG): the
    /// curves without titles in drawing order, then the legend as `keyentry` items in legend order.
    private static func plotCommand(_ shown: [Curve], rows: Int, column: (String) -> Int?, values: (String) -> [Double]) -> String {
        guard let x = column("ratio") else { return "" }
        let markerScale = rows <= 60 ? 1.5 : 1.0
        /// The `using` columns and the `with` clause of one curve.
        func parts(_ curve: Curve) -> (using: String, with: String)? {
            guard let y = column(curve.key) else { return nil }
            let color = "lc rgb \(quoted(curve.color))"
            switch curve.style {
            case .line(let width):
                return ("\(x):\(y)", "lines \(color) lw \(width) dt 1")
            case .dashed:
                return ("\(x):\(y)", "lines \(color) lw 1.5 dt (8, 5)")
            case .pointsWithErrorBars(let errorKey, let pointType, let size):
                let marker = "\(color) pt \(pointType) ps " + String(format: "%.2f", size * markerScale)
                if let e = column(errorKey), !values(errorKey).isEmpty {
                    return ("\(x):\(y):\(e)", "yerrorbars \(marker) lw 1")
                }
                return ("\(x):\(y)", "points \(marker)")
            }
        }
        let styled = shown.compactMap { curve in parts(curve).map { (curve, $0) } }
        let drawn = styled.reversed().map { "\(quoted(dataFile)) using \($1.using) notitle with \($1.with)" }
        let legend = styled.map { "keyentry with \($1.with) title \(quoted($0.title))" }
        return "plot " + (drawn + legend).joined(separator: ", \\\n     ")
    }

    /// An explicit range only where autoscaling would collapse (all values equal, e.g. one point).
    private static func range(_ axis: String, _ values: [Double], log: Bool) -> String {
        guard let low = values.min(), let high = values.max(), low == high else { return "" }
        let (a, b) = log ? (low / 2, low * 2) : low == 0 ? (-1, 1) : (low - abs(low) / 2, low + abs(low) / 2)
        return "set \(axis)range [\(a):\(b)]\n"
    }

    /// The model echo as one line of the title: "d = 100, spectrum = isotropic, w* = ...".
    /// Long echoes (a data set adds its path, rows and target) wrap at `", "` before
    /// `modelLineWidth` characters, so the centred title does not run off the picture.
    private static func modelLine(_ model: Record) -> String {
        let names = ["wstar": "w*", "wnorm": "||w*||"]
        let items = model.fields.map { "\(names[$0.key] ?? $0.key) = \(TableFormat.human($0.value))" }
        var lines: [String] = []
        for item in items {
            if let last = lines.last, last.count + 2 + item.count <= modelLineWidth {
                lines[lines.count - 1] = last + ", " + item
            } else {
                lines.append(item)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Characters per line of the model echo in the title (the 1280-pixel picture holds about 150).
    static let modelLineWidth = 130

    private static func quoted(_ text: String) -> String { GnuplotText.quoted(text) }

    /// A value of the model echo in the script's comment: text as it is, made safe, the rest as in tables.
    private static func commentValue(_ value: Value) -> String {
        if case .text(let text) = value { return GnuplotText.commentValue(text) }
        return TableFormat.human(value)
    }
}

private extension Record {
    /// The finite number stored under `key`, if any.
    func number(_ key: String) -> Double? {
        guard let value = fields.first(where: { $0.key == key })?.value, case .number(let x?) = value, x.isFinite else { return nil }
        return x
    }
}
