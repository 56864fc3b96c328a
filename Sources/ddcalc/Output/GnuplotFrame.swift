import DoubleDescent
import Foundation

/// What the single-export figure (`GnuplotExport`) and the overlay (`GnuplotOverlay`) share: the
/// y-axis label by risk, the y-range with headroom above the highest value, Monte Carlo values far
/// above every theory curve drawn as off-scale markers, heavy-tailed Monte Carlo points set apart,
/// marker sizes fitted to the number of points, the `n = d` label above the frame, and the two
/// terminals. Every string written here is either ddcalc's own or goes through `GnuplotText.quoted`.
enum GnuplotFrame {
    /// Fraction of the plot's height (log or linear) the highest plotted value may reach.
    static let headroom = 0.88
    /// A Monte Carlo value more than this times the largest theory value is drawn off scale.
    static let outlierFactor = 10.0

    /// The y-range: bottom and top, and the level at which off-scale points are marked.
    struct YRange {
        var bottom: Double
        var top: Double
        var log: Bool
        /// Monte Carlo values above this are off scale (nil: none clipped).
        var clip: Double?
        /// Where an off-scale value is drawn: just below the top of the frame (in log space on a log
        /// axis, so no ratio overflows).
        var offScaleLevel: Double {
            guard log else { return bottom + 0.965 * top - 0.965 * bottom }
            return powerOfTen(decimalLog(bottom) + 0.965 * (decimalLog(top) - decimalLog(bottom)))
        }

        func command() -> String { "set yrange [\(number(bottom)):\(number(top))]\n" }
    }

    /// The y-range for `theory` values (lines) and `monteCarlo` values (points, each with its
    /// standard error, which the range also holds): Monte Carlo values above `outlierFactor` times
    /// the largest theory value are off scale; the rest, and every theory value, lie below
    /// `headroom` of the height. On a log axis only positive values count and the bottom is the
    /// decade below the smallest (never closer than 10^0.1 below it). Nil when there is nothing to show.
    static func yRange(theory: [Double], monteCarlo: [(value: Double, error: Double?)], log: Bool) -> YRange? {
        let usable = { (x: Double) -> Bool in x.isFinite && (!log || x > 0) }
        let shownTheory = theory.filter(usable)
        // A clip level beyond the largest double clips nothing.
        let clip: Double? = shownTheory.max().map { $0 * outlierFactor }.flatMap { $0.isFinite ? $0 : nil }
        let offScale = { (x: Double) -> Bool in clip.map { x > $0 } ?? false }
        let kept = monteCarlo.filter { usable($0.value) && !offScale($0.value) }
        let tops: [Double] = kept.compactMap { point -> Double? in point.error.map { point.value + $0 } }.filter(usable)
        let values: [Double] = shownTheory + kept.map(\.value) + tops
        guard let low = values.min(), let high = values.max() else { return nil }
        let anyClipped = monteCarlo.contains { usable($0.value) && offScale($0.value) }
        if log {
            // In decades, so nothing overflows or underflows: the decade below the smallest value, and
            // one more when that value sits within 10^0.1 of it; the top at `headroom` of the height.
            // gnuplot refuses a log range beyond 1e307 or spanning more than about 600 decades, so
            // the range is kept within [1e-307, 1e307] and 300 decades (values outside are not drawn).
            let lowest = -307.0, highest = 307.0, decades = 300.0
            let bottom = Swift.min(Swift.max((decimalLog(low) - 0.1).rounded(.down), lowest), highest - 1)
            let span = Swift.max(decimalLog(high) - bottom, 0.3)
            let top = Swift.min(bottom + span / headroom, highest)
            let shownBottom = Swift.max(bottom, top - decades)
            return YRange(bottom: powerOfTen(shownBottom), top: powerOfTen(top), log: true, clip: anyClipped ? clip : nil)
        }
        // Halved first, so no difference of two large values overflows.
        let halfLow = low / 2, halfHigh = high / 2
        let bottom: Double = low >= 0 ? 0 : Swift.max(2 * (halfLow - 0.05 * (halfHigh - halfLow)), -.greatestFiniteMagnitude)
        let height: Double = high > bottom ? 2 * ((halfHigh - bottom / 2) / headroom) : Swift.max(Swift.abs(high), 1)
        return YRange(bottom: bottom, top: Swift.min(bottom + height, .greatestFiniteMagnitude), log: false, clip: anyClipped ? clip : nil)
    }

    /// Marker size factor: larger for a few points, smaller for hundreds (so they do not merge).
    static func markerScale(points: Int) -> Double {
        if points <= 60 { return 1.5 }
        if points <= 150 { return 1.0 }
        return max(0.35, (150 / Double(points)).squareRoot())
    }

    /// Every `thinning(points:)`-th Monte Carlo point is drawn (1: all): beyond 400 points the markers
    /// would overlap however small they are.
    static func thinning(points: Int) -> Int { points <= 400 ? 1 : (points + 399) / 400 }

    /// The heavy-tail marker (an open diamond) and the off-scale marker (a filled triangle up).
    static let heavyPointType = 12
    static let offScalePointType = 9
    static let legendGrey = "#666666"

    /// Legend text of the marker kinds `monteCarloLayers` may add.
    static let heavyTitle = "heavy-tailed point: error bar unreliable"
    static func offScaleTitle(_ clip: Double) -> String {
        "Monte Carlo above " + String(format: "%.3g", clip) + " (10 × theory's maximum), drawn at top"
    }

    /// Heavy-tailed markers are drawn this much larger than the others, so the open diamond shows.
    static let heavyScale = 1.6

    /// The `plot` items (source, `using`, `with`) drawing one Monte Carlo column: points with error
    /// bars where the row is not heavy-tailed, open diamonds where it is, and a triangle at the top
    /// for values above the clip level. `x`, `y`, `error`, `heavy` are gnuplot column numbers.
    static func monteCarloLayers(source: String, x: Int, y: Int, error: Int?, heavy: Int?, clip: Double?,
                                 offScaleLevel: Double, color: String, pointType: Int, size: Double, every: Int) -> [String] {
        let colour = "lc rgb \(GnuplotText.quoted(color))"
        let ps = "ps " + String(format: "%.2f", size)
        let thin = every > 1 ? " every \(every)" : ""
        let value = "column(\(y))"
        let errorPart = error.map { ":\($0)" } ?? ""
        let style = error == nil ? "points" : "yerrorbars"
        var items: [String] = []
        if let heavy {
            items.append("\(source)\(thin) using \(x):(column(\(heavy)) == 1 ? 1/0 : \(value))\(errorPart) notitle with \(style) \(colour) pt \(pointType) \(ps) lw 1")
            let heavySize = "ps " + String(format: "%.2f", size * heavyScale)
            items.append("\(source)\(thin) using \(x):(column(\(heavy)) == 1 ? \(value) : 1/0)\(errorPart) notitle with \(style) \(colour) pt \(heavyPointType) \(heavySize) lw 1")
        } else {
            items.append("\(source)\(thin) using \(x):\(y)\(errorPart) notitle with \(style) \(colour) pt \(pointType) \(ps) lw 1")
        }
        if let clip {
            items.append("\(source) using \(x):(\(value) > \(number(clip)) ? \(number(offScaleLevel)) : 1/0) notitle with points \(colour) pt \(offScalePointType) \(ps)")
        }
        return items
    }

    /// The titles of `markerLegend`'s entries.
    static func markerTitles(heavy: Bool, clip: Double?) -> [String] {
        (heavy ? [heavyTitle] : []) + (clip.map { [offScaleTitle($0)] } ?? [])
    }

    /// The legend entries for heavy-tailed and off-scale points, when there are any.
    static func markerLegend(heavy: Bool, clip: Double?, size: Double) -> [String] {
        let ps = "ps " + String(format: "%.2f", size)
        var entries: [String] = []
        if heavy {
            let heavySize = "ps " + String(format: "%.2f", size * heavyScale)
            entries.append("keyentry with points lc rgb \"\(legendGrey)\" pt \(heavyPointType) \(heavySize) title \(GnuplotText.quoted(heavyTitle))")
        }
        if let clip {
            entries.append("keyentry with points lc rgb \"\(legendGrey)\" pt \(offScalePointType) \(ps) title \(GnuplotText.quoted(offScaleTitle(clip)))")
        }
        return entries
    }

    /// The dotted line at n/d = 1 and its label above the frame, off every marker (when the grid
    /// has points on both sides of it or on it).
    static func interpolationThreshold(_ ratios: [Double]) -> String {
        guard let low = ratios.min(), let high = ratios.max(), low <= 1, 1 <= high else { return "" }
        return "set arrow from 1, graph 0 to 1, graph 1 nohead lw 1.5 dt 3 lc rgb \"#444444\" front\n"
            + "set label \"n = d\" at 1, graph 1 offset 0, 0.7 center tc rgb \"#444444\" front\n"
    }

    /// The one-line title of a figure of `risk` against n/d.
    static func title(_ risk: Risk) -> String {
        "Min-norm least squares: \(RiskLabel.quantity(risk)) vs samples per parameter"
    }

    /// The settings every figure shares before its ranges: encoding, a one-line `title` in a larger
    /// font with the `subtitle` (the model details, possibly several lines) in a smaller one below
    /// it, axis labels and scales, grid. `fontSize` is the picture's base font size in points.
    static func preamble(title: String, subtitle: String, xLabel: String = GnuplotFigure.ratioLabel, yLabel: String,
                         logX: Bool = false, logY: Bool, fontSize: Double) -> String {
        var s = "set encoding utf8\n"
        let subtitleLines = subtitle.isEmpty ? 0 : subtitle.split(separator: "\n", omittingEmptySubsequences: false).count
        let titleFont = "font \",\(number((fontSize * 1.25).rounded()))\""
        s += "set label 101 \(GnuplotText.quoted(title)) at screen 0.5, screen 1 offset 0, -1.3 center \(titleFont) front\n"
        if subtitleLines > 0 {
            let subtitleFont = "font \",\(number((fontSize * 0.85).rounded()))\""
            s += "set label 102 \(GnuplotText.quoted(subtitle)) at screen 0.5, screen 1 offset 0, -2.7 center \(subtitleFont) tc rgb \"#444444\" front\n"
        }
        s += "set xlabel \(GnuplotText.quoted(xLabel))\n"
        s += "set ylabel \(GnuplotText.quoted(yLabel))\n"
        if logX { s += "set logscale x\nset format x \"%g\"\n" }
        if logY { s += "set logscale y\nset format y \"%g\"\n" }
        s += "set grid xtics ytics \(logX ? "mxtics " : "")mytics lc rgb \"#dddddd\" lw 1 dt 1\n"
        s += "set tmargin \(subtitleLines + 4)\nset border lw 1.2\nset bars small\n"
        return s
    }

    /// The legend below the plot for entries titled `titles` in `picture`: two columns when every
    /// title fits in half its width, else one; the bottom margin holds it below the x label.
    static func key(_ titles: [String], in picture: Picture) -> String {
        let rows = keyRows(titles, in: picture)
        return "set key outside below center horizontal maxrows \(rows) reverse Left width 0 box lc rgb \"#bbbbbb\"\n"
            + "set bmargin \(rows + 6)\n"
    }

    /// The rows of `key`'s legend: a title fits in a column when it and its sample take at most
    /// half of the picture's width, at half an em per character (as gnuplot's cairo terminals lay
    /// out sans text; `width 0` lets gnuplot narrow the columns where that is too little).
    static func keyRows(_ titles: [String], in picture: Picture) -> Int {
        let characters = picture.size.inches.width * 72 / (0.5 * picture.fontSize)
        let columns = titles.allSatisfy { Double($0.count + 6) <= characters / 2 } ? 2 : 1
        return max(1, (titles.count + columns - 1) / columns)
    }

    /// Where a script reads its numbers and draws its pictures.
    enum Destination {
        /// The script a user runs in the folder: reads the data file, writes `png`, then `svg`
        /// (both in the default size).
        case files(png: String, svg: String)
        /// The script `ddcalc plot` gives gnuplot: the numbers inline (a datablock), one picture
        /// on standard output, so gnuplot opens no file.
        case standardOutput(Picture)

        /// How the `plot` items name the numbers: the data file, or the datablock.
        func source(_ dataFile: String) -> String {
            if case .files = self { return GnuplotText.quoted(dataFile) }
            return datablock
        }

        /// The picture drawn (a user's script: the default size and font).
        var picture: Picture {
            if case .standardOutput(let picture) = self { return picture }
            return .png
        }

        var fontSize: Double { picture.fontSize }
    }

    /// One picture of a figure: its format (a cairo terminal of gnuplot), size and font size
    /// (`ddcalc plot --format`, `--size`, `--font-size`).
    struct Picture: CustomStringConvertible {
        enum Format: String, CaseIterable {
            case png, pdf, svg
        }

        var format: Format
        var size: PictureSize = .default
        var fontSize: Double = Picture.defaultFontSize

        static let defaultFontSize = 12.0
        static let png = Picture(format: .png)
        static let svg = Picture(format: .svg)

        var description: String { format.rawValue }

        /// gnuplot's `set terminal` line: pngcairo and svg in pixels, pdfcairo in inches.
        var terminal: String {
            let font = "font \"sans,\(GnuplotFrame.number(fontSize))\" noenhanced"
            let (width, height) = size.pixels
            switch format {
            case .png: return "set terminal pngcairo size \(width),\(height) \(font)\n"
            case .svg: return "set terminal svg size \(width),\(height) \(font) background rgb \"white\"\n"
            case .pdf:
                let (w, h) = size.inches
                return "set terminal pdfcairo size \(GnuplotFrame.number(w))in,\(GnuplotFrame.number(h))in \(font)\n"
            }
        }
    }

    static let datablock = "$ddcalc"

    /// The plot drawn to `destination`; `data` (lines of numbers) is inlined for standard output.
    static func render(_ plot: String, to destination: Destination, data: @autoclosure () -> String) -> String {
        switch destination {
        case .files(let png, let svg):
            var s = "\n" + Picture.png.terminal
            s += "set output \(GnuplotText.quoted(png))\n"
            s += plot + "\n\n"
            s += Picture.svg.terminal
            s += "set output \(GnuplotText.quoted(svg))\nreplot\nunset output\n"
            return s
        case .standardOutput(let picture):
            return "\n\(datablock) << EOD\n" + data() + "EOD\n" + picture.terminal + plot + "\nunset output\n"
        }
    }

    /// A whole figure (`figure`: every setting and plot, e.g. a multiplot, which `replot` cannot
    /// redraw) drawn to `destination`: once per picture, each from `reset`.
    static func render(figure: String, to destination: Destination, data: @autoclosure () -> String) -> String {
        switch destination {
        case .files(let png, let svg):
            return [(Picture.png, png), (Picture.svg, svg)].map { picture, file in
                "\n" + picture.terminal + "set output \(GnuplotText.quoted(file))\nreset\n" + figure + "\nunset output\n"
            }.joined()
        case .standardOutput(let picture):
            return "\n\(datablock) << EOD\n" + data() + "EOD\n" + picture.terminal + "reset\n" + figure + "\nunset output\n"
        }
    }

    /// A model echo key as the title and legend show it (w*, ‖w*‖, σ).
    static func displayName(_ key: String) -> String {
        ["wstar": "w*", "wnorm": "‖w*‖", "sigma": "σ"][key] ?? key
    }

    /// `items` joined by `", "` into lines of at most `lineWidth` characters (a long model echo in a
    /// centred title would run off the picture).
    static func wrapped(_ items: [String]) -> String {
        var lines: [String] = []
        for item in items {
            if let last = lines.last, last.count + 2 + item.count <= lineWidth {
                lines[lines.count - 1] = last + ", " + item
            } else {
                lines.append(item)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Characters per line of the model echo in a title (the 1280-pixel picture holds about 150).
    static let lineWidth = 130

    /// A number as gnuplot reads it back exactly (shortest round trip; never NaN or infinite here).
    static func number(_ x: Double) -> String { "\(x)" }
}

/// 10^x for |x| <= 308 without libm, so a script's numbers are the same on every machine (issue 21):
/// the decade 10^floor(x), parsed from "1e<k>" (correctly rounded), times `Elementary.pow(10, fraction)`.
/// A whole x gives the decade itself.
private func powerOfTen(_ x: Double) -> Double {
    let k = x.rounded(.down)
    return Double("1e\(Int(k))")! * Elementary.pow(10, x - k)
}

/// log10 x from `Elementary.log`, for the same reason.
private func decimalLog(_ x: Double) -> Double { Elementary.log(x) / Elementary.log(10) }
