import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc plot DIR`: renders a gnuplot export folder (`sweep --format gnuplot --out DIR`)
/// to `DIR/sweep.png` and `DIR/sweep.svg` with the installed gnuplot.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a gnuplot export folder to PNG and SVG with the installed gnuplot.",
        discussion: """
            Runs gnuplot on DIR/sweep.gp inside DIR, leaving DIR/sweep.png and DIR/sweep.svg. \
            Only scripts shaped like the ones ddcalc writes are run (no shell commands, pipes, \
            backquotes or other output files; run gnuplot yourself on a script you changed). \
            Needs gnuplot on PATH (Debian package gnuplot-nox); any message gnuplot prints, \
            warnings included, is reported and makes the command fail.
            Example: ddcalc plot curves (after: ddcalc sweep --d 100 --trials 200 --format gnuplot --out curves)
            """
    )

    @Argument(help: ArgumentHelp("Folder written by 'ddcalc sweep --format gnuplot --out DIR'.", valueName: "dir"))
    var dir: String

    func run() throws {
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
        for name in [GnuplotExport.scriptFile, GnuplotExport.dataFile, GnuplotExport.pngFile, GnuplotExport.svgFile] {
            let file = FilePath(folder.appendingPathComponent(name).path)
            if file.isLink || file.isSpecial {
                throw InputError("plot: '\(file.given)' is a symbolic link or a special file; ddcalc plot only uses regular files")
            }
        }
        let bytes: Data
        do { bytes = try TextFile.bytes(script.path) } catch let failure as TextFile.Failure {
            throw InputError("plot: file '\(script.path)' \(failure)")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw InputError("plot: '\(script.path)' is not UTF-8 text")
        }
        try GnuplotScriptAudit.check(text, file: script.path)
        let gnuplot = try GnuplotRunner.locate()
        let result = try GnuplotRunner.run(gnuplot, script: text, in: folder)
        let messages = result.standardError.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard result.status == 0, messages.isEmpty else {
            let outcome = result.status == 0 ? "printed warnings" : "failed (exit status \(result.status))"
            throw CommandFailure(description: "gnuplot \(outcome) on '\(script.path)': " + messages.joined(separator: " | "))
        }
        let images = [GnuplotExport.pngFile, GnuplotExport.svgFile].map { folder.appendingPathComponent($0).path }
        for image in images where !FileManager.default.fileExists(atPath: image) {
            throw CommandFailure(description: "gnuplot ran but did not write '\(image)'")
        }
        print(images.joined(separator: "\n"))
    }
}
