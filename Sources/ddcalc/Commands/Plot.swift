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
            One folder: runs gnuplot on DIR/sweep.gp inside DIR, leaving DIR/sweep.png and DIR/sweep.svg. \
            Only scripts shaped like the ones ddcalc writes are run (no shell commands, pipes, \
            backquotes or other output files; run gnuplot yourself on a script you changed). \
            Several folders (or one with --out): overlays their theory MSE and Monte Carlo in one \
            panel, one colour per folder, labelled by --label or by the model settings in which \
            they differ (e.g. the spectrum); writes OUT/overlay.dat and OUT/overlay.gp and renders \
            OUT/overlay.png and OUT/overlay.svg. The folders must share the risk and the varied \
            axis. Needs gnuplot on PATH (Debian package gnuplot-nox); any message gnuplot prints, \
            warnings included, is reported and makes the command fail.
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

    /// The UTF-8 text of a file of an export (bounded as every input is), or an error naming it.
    static func text(of path: String) throws -> String {
        guard let text = String(data: try InputError.bytes(of: path, command: "plot"), encoding: .utf8) else {
            throw InputError("plot: '\(Excerpt.of(path, limit: .max))' is not UTF-8 text")
        }
        return text
    }

    func run() throws {
        if let out { return try overlay(into: out) }
        let dir = dirs[0]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("plot: folder '\(dir)' does not exist")
        }
        let folder = URL(fileURLWithPath: dir, isDirectory: true)
        let script = folder.appendingPathComponent(GnuplotExport.scriptFile)
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw InputError("plot: '\(script.path)' not found; write it with 'ddcalc sweep --format gnuplot --out \(dir)'")
        }
        // gnuplot reads and writes these names; a link there would lead it outside the folder.
        try refuseLinks(in: folder, [GnuplotExport.scriptFile, GnuplotExport.dataFile, GnuplotExport.pngFile, GnuplotExport.svgFile])
        let text = try Self.text(of: script.path)
        try render(text, file: script.path, in: folder, images: [GnuplotExport.pngFile, GnuplotExport.svgFile])
    }

    /// `plot DIR1 DIR2 ... --out OUT`: checks every file first (inputs readable and compatible, no
    /// output the same file as an input or another output, no link), then writes and renders.
    private func overlay(into out: String) throws {
        try FolderSink.validate(out)
        let exports = try dirs.map(GnuplotOverlay.read)
        try GnuplotOverlay.checkCompatible(exports)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        let outputs = [GnuplotOverlay.dataFile, GnuplotOverlay.scriptFile, GnuplotOverlay.pngFile, GnuplotOverlay.svgFile]
        var files = RunFiles()
        for dir in dirs {
            for name in [GnuplotExport.dataFile, GnuplotExport.scriptFile] {
                files.input("plot input", URL(fileURLWithPath: dir, isDirectory: true).appendingPathComponent(name).path)
            }
        }
        for name in outputs { files.output("--out", folder.appendingPathComponent(name).path) }
        try files.checkDistinct()
        try refuseLinks(in: folder, outputs)
        let script = GnuplotOverlay.script(exports, legend: GnuplotOverlay.legendLabels(exports, labels: label))
        let scriptPath = folder.appendingPathComponent(GnuplotOverlay.scriptFile).path
        try GnuplotScriptAudit.check(script, file: scriptPath)
        let gnuplot = try GnuplotRunner.locate()
        try FolderSink.write([(GnuplotOverlay.dataFile, GnuplotOverlay.data(exports)), (GnuplotOverlay.scriptFile, script)], into: out)
        try render(script, file: scriptPath, in: folder, images: [GnuplotOverlay.pngFile, GnuplotOverlay.svgFile], gnuplot: gnuplot)
    }

    /// Refuses names in `folder` that are symbolic links or special files (gnuplot would follow them).
    private func refuseLinks(in folder: URL, _ names: [String]) throws {
        for name in names {
            let file = FilePath(folder.appendingPathComponent(name).path)
            if file.isLink || file.isSpecial {
                throw InputError("plot: '\(file.given)' is a symbolic link or a special file; ddcalc plot only uses regular files")
            }
        }
    }

    /// Audits `script` (named `file`), runs gnuplot on it inside `folder` and prints the images'
    /// paths; any message gnuplot prints fails the command (exit 1).
    private func render(_ script: String, file: String, in folder: URL, images: [String], gnuplot: URL? = nil) throws {
        try GnuplotScriptAudit.check(script, file: file)
        let gnuplot = try gnuplot ?? GnuplotRunner.locate()
        let result = try GnuplotRunner.run(gnuplot, script: script, in: folder)
        let messages = result.standardError.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard result.status == 0, messages.isEmpty else {
            let outcome = result.status == 0 ? "printed warnings" : "failed (exit status \(result.status))"
            throw CommandFailure(description: "gnuplot \(outcome) on '\(file)': " + messages.joined(separator: " | "))
        }
        let paths = images.map { folder.appendingPathComponent($0).path }
        for image in paths where !FileManager.default.fileExists(atPath: image) {
            throw CommandFailure(description: "gnuplot ran but did not write '\(image)'")
        }
        print(paths.joined(separator: "\n"))
    }
}
