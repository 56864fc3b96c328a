import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc plot DIR`: renders a gnuplot export folder (`sweep --format gnuplot --out DIR`)
/// to `DIR/sweep.png` and `DIR/sweep.svg` with the installed gnuplot. `ddcalc plot DIR1 DIR2 ...
/// --out OUT` overlays several exports in one panel (`GnuplotOverlay`).
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render gnuplot export folders to PNG and SVG with the installed gnuplot, one or several in one panel.",
        discussion: """
            One folder: draws DIR/sweep.dat with the model echo of DIR/model.json into DIR/sweep.png and \
            DIR/sweep.svg. ddcalc makes the gnuplot script anew from these numbers and never runs \
            DIR/sweep.gp (that script is for you: edit it and run gnuplot on it yourself). \
            Several folders (or one with --out): overlays their theory MSE and Monte Carlo in one \
            panel, one colour per folder, labelled by --label or by the model settings in which \
            they differ (e.g. the spectrum); writes OUT/overlay.dat and OUT/overlay.gp (for you) and \
            OUT/overlay.png and OUT/overlay.svg. The folders must share the risk and the varied \
            axis. Needs gnuplot on PATH (Debian package gnuplot-nox); gnuplot writes no file itself, \
            each picture is written atomically once it is complete. Any message gnuplot prints, \
            warnings included, is reported and makes the command fail, and so does a gnuplot run \
            taking more than \(Int(GnuplotRunner.defaultTimeLimit)) s (it is stopped).
            Example: ddcalc plot curves (after: ddcalc sweep --d 100 --trials 200 --format gnuplot --out curves)
            Overlay: ddcalc plot iso geo --label isotropic --label geometric:100 --out both
            """
    )

    @Argument(help: ArgumentHelp("Folders written by 'ddcalc sweep --format gnuplot --out DIR'; several need --out.", valueName: "dir"),
              completion: .directory)
    var dirs: [String] = []

    @Option(help: ArgumentHelp("Legend text of each folder of an overlay, in order (repeat once per folder; default: the model settings in which they differ).", valueName: "text"))
    var label: [String] = []

    @Option(name: [.customShort("o"), .long],
            help: ArgumentHelp("Overlay: the folder for overlay.dat, overlay.gp, overlay.png and overlay.svg (created if missing; its parent must exist; default: none, one folder is drawn in place).", valueName: "dir"),
            completion: .directory)
    var out: String?

    func validate() throws {
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
        guard let out else {
            let folder = dirs[0]
            let pictures = try draw { GnuplotExport.script(exports[0], to: .standardOutput($0)) }
            try FolderSink.write([(GnuplotExport.pngFile, pictures.png), (GnuplotExport.svgFile, pictures.svg)], into: folder, flag: "plot")
            return try report(folder, [GnuplotExport.pngFile, GnuplotExport.svgFile])
        }
        try FolderSink.validate(out)
        try GnuplotOverlay.checkCompatible(exports)
        var files = RunFiles()
        for dir in dirs {
            for name in [SweepExport.dataFile, SweepExport.modelFile] {
                files.input("plot input", URL(fileURLWithPath: dir, isDirectory: true).appendingPathComponent(name).path)
            }
        }
        let outputs = [GnuplotOverlay.dataFile, GnuplotOverlay.scriptFile, GnuplotOverlay.pngFile, GnuplotOverlay.svgFile]
        for name in outputs { files.output("--out", URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(name).path) }
        try files.checkDistinct()
        let legend = GnuplotOverlay.legendLabels(exports, labels: label)
        let pictures = try draw { GnuplotOverlay.script(exports, legend: legend, to: .standardOutput($0)) }
        let script = GnuplotOverlay.script(exports, legend: legend, to: .files(png: GnuplotOverlay.pngFile, svg: GnuplotOverlay.svgFile))
        try FolderSink.write([(GnuplotOverlay.dataFile, Data(GnuplotOverlay.data(exports).utf8)), (GnuplotOverlay.scriptFile, Data(script.utf8)),
                              (GnuplotOverlay.pngFile, pictures.png), (GnuplotOverlay.svgFile, pictures.svg)], into: out)
        try report(out, [GnuplotOverlay.pngFile, GnuplotOverlay.svgFile])
    }

    /// Both pictures, each from its own script (`script(picture)`) run by gnuplot and checked
    /// whole; any message gnuplot prints fails the command (exit 1), an interruption stops it.
    private func draw(_ script: (GnuplotFrame.Picture) -> String) throws -> (png: Data, svg: Data) {
        let gnuplot = try GnuplotRunner.locate()
        let cancellation = Interrupts.install()
        let pictures = try Interrupts.run(progress: ProgressBar(quiet: true)) {
            try GnuplotFrame.Picture.allCases.map { picture in
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
                return result.picture
            }
        }
        return (pictures[0], pictures[1])
    }

    /// Prints the pictures' paths.
    private func report(_ folder: String, _ names: [String]) throws {
        let base = URL(fileURLWithPath: folder, isDirectory: true)
        try StandardStream.output(names.map { base.appendingPathComponent($0).path + "\n" }.joined())
    }
}

extension GnuplotFrame.Picture {
    /// Whether `data` is a whole picture of this kind: a PNG from its signature to its IEND chunk, an
    /// SVG document from its start to its closing tag.
    func isComplete(_ data: Data) -> Bool {
        switch self {
        case .png:
            let iend: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
            return data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && Array(data.suffix(8)) == iend
        case .svg:
            let text = String(decoding: data, as: UTF8.self)
            return text.hasPrefix("<?xml") && text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>")
        }
    }
}
