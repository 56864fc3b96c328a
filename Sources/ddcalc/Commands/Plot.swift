import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc plot DIR`: renders a gnuplot export folder (`sweep --format gnuplot --out DIR`)
/// to `DIR/sweep.png` and `DIR/sweep.svg` (or the `--format` list) with the installed gnuplot. `ddcalc plot DIR1 DIR2 ...
/// --out OUT` overlays several exports in one panel (`GnuplotOverlay`).
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render gnuplot export folders to PNG, PDF or SVG with the installed gnuplot, one or several in one figure.",
        discussion: """
            One folder: draws DIR/sweep.dat with the model echo of DIR/model.json into DIR/sweep.png and \
            DIR/sweep.svg. ddcalc makes the gnuplot script anew from these numbers and never runs \
            DIR/sweep.gp (that script is for you: edit it and run gnuplot on it yourself). \
            Several folders (or one with --out): the paper's figure, one colour per folder, labelled \
            by --label or by the model settings in which they differ (e.g. the spectrum): the \
            surrogate design's theory as solid lines against the i.i.d. design's exact MSE (dashed) \
            and both designs' Monte Carlo (points), and below them a panel of the gap between the \
            designs when the exports hold it; writes OUT/overlay.dat and OUT/overlay.gp (for you) \
            and OUT/overlay.png and OUT/overlay.svg. The folders must share the risk and the varied \
            axis. Needs gnuplot on PATH (Debian package gnuplot-nox); gnuplot writes no file itself, \
            each picture is written atomically once it is complete. Any message gnuplot prints, \
            warnings included, is reported and makes the command fail, and so does a gnuplot run \
            taking more than \(Int(GnuplotRunner.defaultTimeLimit)) s (it is stopped).
            A ridge path (sweep --vary lambda) or a gcv export is drawn against lambda (a log axis when \
            every penalty is positive), the optimum or the minima as vertical lines; it is drawn alone.
            --format png,pdf,svg chooses the pictures (DIR/sweep.EXT, OUT/overlay.EXT); --size is \
            WxH pixels or WxHin / WxHcm (72 pixels per inch between them); for a paper: --format pdf \
            --size 7x6in --font-size 10.
            Example: ddcalc plot curves (after: ddcalc sweep --d 100 --trials 200 --format gnuplot --out curves)
            Overlay: ddcalc plot iso geo --label isotropic --label geometric:100 --out both
            """
    )

    @Argument(help: ArgumentHelp("Folders written by 'ddcalc sweep (or gcv) --format gnuplot --out DIR', or JSON outputs of sweep or merge (run.json: drawn into run.png and run.svg beside it); several need --out.", valueName: "dir"),
              completion: .directory)
    var dirs: [String] = []

    @Option(help: ArgumentHelp("Legend text of each folder of an overlay, in order (repeat once per folder; default: the model settings in which they differ).", valueName: "text"))
    var label: [String] = []

    @Option(name: [.customShort("o"), .long],
            help: ArgumentHelp("Overlay: the folder for overlay.dat, overlay.gp, overlay.png and overlay.svg (created if missing; its parent must exist; default: none, one folder is drawn in place).", valueName: "dir"),
            completion: .directory)
    var out: String?

    @Option(help: ArgumentHelp("The pictures to draw, comma-separated: png (pngcairo), pdf (pdfcairo), svg.", valueName: "list"))
    var format: String = "png,svg"

    @Option(help: ArgumentHelp("Picture size: WxH in pixels (PNG, SVG; a PDF gets it at \(Int(PictureSize.pixelsPerInch)) pixels per inch), or WxHin / WxHcm for a PDF (PNG and SVG then get it at \(Int(PictureSize.pixelsPerInch)) pixels per inch); e.g. 6.5x4.5in.", valueName: "WxH"))
    var size: String = "1280x900"

    @Option(name: .customLong("font-size"), help: ArgumentHelp("Base font size in points (\(PictureSize.plain(Plot.fontSizes.lowerBound)) to \(PictureSize.plain(Plot.fontSizes.upperBound)); the title is 1.25 times it, the subtitle 0.85 times).", valueName: "points"))
    var fontSize: Double = GnuplotFrame.Picture.defaultFontSize

    static let fontSizes = 4.0...72.0

    /// The formats of `--format`, in order, each once; nil when one is unknown or given twice.
    static func formats(_ text: String) -> [GnuplotFrame.Picture.Format]? {
        let formats = text.split(separator: ",", omittingEmptySubsequences: false).map { GnuplotFrame.Picture.Format(rawValue: String($0)) }
        guard !formats.isEmpty, formats.allSatisfy({ $0 != nil }), Set(formats).count == formats.count else { return nil }
        return formats.compactMap { $0 }
    }

    /// The pictures the options ask for.
    private var pictures: [GnuplotFrame.Picture] {
        guard let formats = Plot.formats(format), case .success(let size) = PictureSize.parse(size) else { return [] }
        return formats.map { GnuplotFrame.Picture(format: $0, size: size, fontSize: fontSize) }
    }

    func validate() throws {
        guard Plot.formats(format) != nil else {
            throw ValidationError("--format: '\(Excerpt.of(format))' is not a comma-separated list of png, pdf, svg (each at most once)")
        }
        if case .failure(let error) = PictureSize.parse(size) { throw ValidationError("--size: \(Excerpt.of(error.description))") }
        guard fontSize.isFinite, Plot.fontSizes.contains(fontSize) else {
            throw ValidationError("--font-size: \(PictureSize.plain(fontSize)) is not in \(PictureSize.plain(Plot.fontSizes.lowerBound)) to \(PictureSize.plain(Plot.fontSizes.upperBound)) points")
        }
        guard !dirs.isEmpty else { throw ValidationError("plot: give the folder of a gnuplot export (or several, with --out DIR)") }
        if dirs.count > 1 && out == nil {
            throw ValidationError("plot: \(dirs.count) folders are overlaid into one figure; give --out DIR for it")
        }
        if !label.isEmpty && out == nil { throw ValidationError("--label: only for an overlay (with --out DIR)") }
        if !label.isEmpty && label.count != dirs.count {
            throw ValidationError("--label: give one per folder (\(dirs.count) folders, \(label.count) labels)")
        }
    }

    func run() throws {
        // A gnuplot that exits early closes its input: that is reported, it must not kill ddcalc.
        signal(SIGPIPE, SIG_IGN)
        let exports = try dirs.map(SweepExport.read)
        let pictures = self.pictures
        guard let out else {
            let (folder, stem) = Plot.place(dirs[0])
            let names = pictures.map { stem + "." + $0.format.rawValue }
            var files = RunFiles()
            files.input("plot input", dirs[0])
            for name in names { files.output("plot", URL(fileURLWithPath: folder, isDirectory: true).appendingPathComponent(name).path) }
            try files.checkDistinct()
            let drawn = try draw(pictures) { GnuplotExport.script(exports[0], to: .standardOutput($0)) }
            try FolderSink.write(Array(zip(names, drawn)), into: folder, flag: "plot")
            return try report(folder, names)
        }
        try FolderSink.validate(out)
        try GnuplotOverlay.checkCompatible(exports)
        var files = RunFiles()
        for dir in dirs {
            if SweepExport.isJSON(dir) { files.input("plot input", dir); continue }
            for name in [SweepExport.dataFile, SweepExport.modelFile] {
                files.input("plot input", URL(fileURLWithPath: dir, isDirectory: true).appendingPathComponent(name).path)
            }
        }
        let names = pictures.map { "overlay." + $0.format.rawValue }
        for name in [GnuplotOverlay.dataFile, GnuplotOverlay.scriptFile] + names {
            files.output("--out", URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(name).path)
        }
        try files.checkDistinct()
        let legend = GnuplotOverlay.legendLabels(exports, labels: label)
        let drawn = try draw(pictures) { GnuplotOverlay.script(exports, legend: legend, to: .standardOutput($0)) }
        let script = GnuplotOverlay.script(exports, legend: legend, to: .files(png: GnuplotOverlay.pngFile, svg: GnuplotOverlay.svgFile))
        try FolderSink.write([(GnuplotOverlay.dataFile, Data(GnuplotOverlay.data(exports).utf8)), (GnuplotOverlay.scriptFile, Data(script.utf8))]
                             + Array(zip(names, drawn)), into: out)
        try report(out, names)
    }

    /// Where one input's pictures go: an export folder gets `sweep.EXT` inside it; a JSON output
    /// `PATH/run.json` gets `PATH/run.EXT` beside it (its name without `.json`).
    static func place(_ input: String) -> (folder: String, stem: String) {
        guard SweepExport.isJSON(input) else { return (input, "sweep") }
        let url = URL(fileURLWithPath: input)
        let name = url.lastPathComponent
        let stem = name.lowercased().hasSuffix(".json") && name.count > 5 ? String(name.dropLast(5)) : name
        return (url.deletingLastPathComponent().path, stem)
    }

    /// The pictures, each from its own script (`script(picture)`) run by gnuplot and checked
    /// whole; any message gnuplot prints fails the command (exit 1), an interruption stops it.
    private func draw(_ pictures: [GnuplotFrame.Picture], _ script: (GnuplotFrame.Picture) -> String) throws -> [Data] {
        let gnuplot = try GnuplotRunner.locate()
        let cancellation = Interrupts.install()
        return try Interrupts.run(progress: ProgressBar(quiet: true)) {
            try pictures.map { picture in
                let result = try GnuplotRunner.run(gnuplot, script: script(picture), timeLimit: GnuplotRunner.timeLimit(),
                                                   cancellation: cancellation)
                let messages = result.standardError.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard result.status == 0, messages.isEmpty else {
                    let outcome = result.status == 0 ? "printed warnings" : "failed (exit status \(result.status))"
                    throw CommandFailure(description: "gnuplot \(outcome): " + messages.joined(separator: " | "))
                }
                guard picture.isComplete(result.picture) else {
                    throw CommandFailure(description: "gnuplot did not draw a complete \(picture) picture (\(result.picture.count) bytes)")
                }
                return picture.format == .pdf ? GnuplotFrame.Picture.withFixedCreationDate(result.picture) : result.picture
            }
        }
    }

    /// Prints the pictures' paths.
    private func report(_ folder: String, _ names: [String]) throws {
        let base = URL(fileURLWithPath: folder, isDirectory: true)
        try StandardStream.output(names.map { base.appendingPathComponent($0).path + "\n" }.joined())
    }
}

extension GnuplotFrame.Picture {
    /// `pdf` with the creation date cairo writes (`/CreationDate (D:20261208012920Z)`, the clock's)
    /// replaced by 1970-01-01 of the same length, so a PDF is a pure function of its numbers like
    /// the PNG and SVG (cairo 1.16 ignores SOURCE_DATE_EPOCH). Same length: every offset stays valid.
    static func withFixedCreationDate(_ pdf: Data) -> Data {
        let key = Data("/CreationDate (D:".utf8)
        guard let start = pdf.range(of: key)?.upperBound,
              let end = pdf[start...].prefix(40).firstIndex(of: UInt8(ascii: ")")) else { return pdf }
        let fixed = Array("19700101000000Z".utf8)
        guard end - start == fixed.count else { return pdf }
        var copy = pdf
        copy.replaceSubrange(start..<end, with: fixed)
        return copy
    }

    /// Whether `data` is a whole picture of this kind: a PNG from its signature to its IEND chunk, an
    /// SVG document from its start to its closing tag.
    func isComplete(_ data: Data) -> Bool {
        switch format {
        case .pdf:
            let tail = String(decoding: data.suffix(64), as: UTF8.self)
            return data.starts(with: Array("%PDF-".utf8)) && tail.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("%%EOF")
        case .png:
            let iend: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
            return data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && Array(data.suffix(8)) == iend
        case .svg:
            let text = String(decoding: data, as: UTF8.self)
            return text.hasPrefix("<?xml") && text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>")
        }
    }
}
