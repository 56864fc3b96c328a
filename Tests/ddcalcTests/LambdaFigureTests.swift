@testable import ddcalc
import Foundation
import XCTest

/// The figures against the ridge penalty (`GnuplotFigure`): the ridge path (`sweep --vary lambda`,
/// issue 23, "Interface") and cross-validation (`gcv`, issue 24, part 1), as exports, drawn by
/// `plot` from a folder and from a saved JSON output, and rendered by the installed gnuplot without
/// a message. The axis is logarithmic exactly when every penalty is positive; the optimum and the
/// minima are vertical lines with legend entries, and the legend names only what is drawn.
final class LambdaFigureTests: XCTestCase {
    static let data = ConvertTests.data
    /// Sigma = I, d = 20, n = 30: the deterministic equivalent's optimum and the Bayes lambda are both
    /// sigma^2 d / ||w*||^2 = 20.
    static let path = ["sweep", "--vary", "lambda", "--n", "30", "--d", "20", "--trials", "40", "--threads", "1"]

    /// Exports `arguments` into `folder/name` and returns the export read back and its script.
    private func exported(_ arguments: [String], in folder: URL, name: String = "export",
                        line: UInt = #line) throws -> (export: SweepExport, script: String) {
        let result = try CLI.run(arguments + ["--format", "gnuplot", "--out", name], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText, line: line)
        XCTAssertEqual(result.stdout, Data(), line: line)
        let directory = folder.appendingPathComponent(name)
        XCTAssertEqual(CLI.contents(of: directory), ["model.json", "sweep.dat", "sweep.gp"], line: line)
        let rendered = try ProcessRunner.run(try ProcessRunner.gnuplot(), ["sweep.gp"], in: directory)
        XCTAssertEqual(rendered.status, 0, line: line)
        XCTAssertEqual(rendered.stderr, "", "gnuplot printed a message", line: line)
        return (try SweepExport.read(directory.path), try String(contentsOf: directory.appendingPathComponent("sweep.gp"), encoding: .utf8))
    }

    /// The legend's titles, in order.
    private func legend(_ script: String) -> [String] {
        script.components(separatedBy: "keyentry with ").dropFirst().compactMap { entry in
            entry.range(of: "title \"").map { String(entry[$0.upperBound...].prefix { $0 != "\"" }) }
        }
    }

    /// The x positions of the script's vertical lines other than n = d.
    private func marks(_ script: String) -> [Double] {
        script.split(separator: "\n").filter { $0.hasPrefix("set arrow from ") && $0.contains("graph 0 to") }.compactMap {
            Double($0.dropFirst("set arrow from ".count).prefix { $0 != "," })
        }
    }

    func testRidgePathOnALogAxisWithTheOptimumMarked() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (export, script) = try exported(Self.path + ["--lambda-min", "0.5", "--lambda-max", "200", "--points", "9"], in: folder)
        let column = { (key: String) in export.column(key)! }
        XCTAssertTrue(script.contains("set logscale x\n"))
        XCTAssertTrue(script.contains("set xlabel \"λ (ridge penalty, unnormalised)\""))
        XCTAssertTrue(script.contains("set label 101 \"Ridge at n = 30: expected estimation error vs penalty λ\""))
        XCTAssertTrue(script.contains("using \(column("ridge_lambda")):\(column("de_mse")) notitle with lines"))
        for design in ["surrogate", "iid"] {
            let (y, e) = (column("mc_\(design)_mse"), column("mc_\(design)_stderr"))
            XCTAssertTrue(script.contains("using \(column("ridge_lambda")):\(y):\(e) notitle with yerrorbars"), design)
        }
        XCTAssertEqual(marks(script), [20, 20], "the deterministic equivalent's optimum and the Bayes lambda")
        XCTAssertTrue(script.contains("using \(column("ridge_lambda")):\(column("iid_exact_mse")) notitle with lines"),
                      "the exact i.i.d. risk of an isotropic Gaussian model")
        XCTAssertEqual(legend(script), ["deterministic equivalent (ridge)", "exact, i.i.d. Gaussian design (isotropic Σ)",
                                        "Monte Carlo, regularized surrogate design (± stderr)",
                                        "Monte Carlo, i.i.d. design (± stderr)", "λ minimizing the deterministic equivalent = 20",
                                        "Bayes-optimal λ = σ² d / ‖w*‖² = 20"],
                       "no Theorem 1 point (no lambda = 0), no heavy-tail entry (none at lambda > 0)")
        XCTAssertFalse(script.contains("n = d"))
    }

    /// Zero and negative penalties: a linear axis over exactly the grid, Theorem 1's exact point at
    /// lambda = 0, no Monte Carlo at lambda < 0 (infinite expected error); an optimum outside the grid
    /// is not drawn, and has no legend entry.
    func testRidgePathThroughZeroOnALinearAxis() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (export, script) = try exported(Self.path + ["--lambdas=-0.9,-0.4,0,2,5,10"], in: folder)
        XCTAssertFalse(script.contains("set logscale x"))
        XCTAssertTrue(script.contains("set autoscale xfix\n"), "the axis ends at the grid's ends")
        XCTAssertEqual(marks(script), [], "lambda = 20 lies beyond the grid")
        XCTAssertFalse(script.contains("λ minimizing") || script.contains("Bayes-optimal"))
        XCTAssertTrue(legend(script).contains("Theorem 1 at λ = 0 (exact, surrogate design)"))
        XCTAssertEqual(export.values("mc_surrogate_mse")?.prefix(2).filter(\.isFinite).count, 0)
        XCTAssertEqual(export.finite("theory_mse").count, 1)

        // Every penalty positive but the optimum, 20, beyond it: a log axis, still no mark.
        let (_, below) = try exported(Self.path + ["--lambdas", "0.1,1,5"], in: folder, name: "below")
        XCTAssertTrue(below.contains("set logscale x\n"))
        XCTAssertEqual(marks(below), [])
    }

    /// `plot DIR`, and `plot run.json` of the saved ridge path, draw the same pictures; `convert`
    /// rewrites the JSON byte for byte as the command prints each format, the export included.
    func testPlotAndConvertASavedRidgePath() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = Self.path + ["--lambdas=-0.5,0,1,5,20,60"]
        let saved = try CLI.run(arguments + ["--format", "json", "--out", "run.json"], in: folder)
        XCTAssertEqual(saved.status, 0, saved.stderrText)
        for format in ["table", "csv", "json"] {
            let direct = try CLI.run(arguments + ["--format", format], in: folder)
            let converted = try CLI.run(["convert", "run.json", "--format", format], in: folder)
            XCTAssertEqual(converted.status, 0, converted.stderrText)
            XCTAssertEqual(converted.stdoutText, direct.stdoutText, format)
            XCTAssertEqual(converted.stderrText, direct.stderrText, "the negative-lambda warning, \(format)")
        }
        _ = try exported(arguments, in: folder, name: "direct")
        XCTAssertEqual(try CLI.run(["convert", "run.json", "--format", "gnuplot", "--out", "converted"], in: folder).status, 0)
        for name in ["sweep.dat", "sweep.gp", "model.json"] {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("direct/\(name)")),
                           try Data(contentsOf: folder.appendingPathComponent("converted/\(name)")), name)
        }
        for input in ["direct", "run.json"] {
            let drawn = try CLI.run(["plot", input, "--format", "png,svg"], in: folder)
            XCTAssertEqual(drawn.status, 0, drawn.stderrText)
            XCTAssertEqual(drawn.stderrText, "")
        }
        for format in ["png", "svg"] {
            let fromFolder = try Data(contentsOf: folder.appendingPathComponent("direct/sweep.\(format)"))
            XCTAssertGreaterThan(fromFolder.count, 20_000, format)
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("run.\(format)")), fromFolder, format)
        }
        // A ridge path has its own x axis: no overlay with a sweep over n.
        let overlay = try CLI.run(["plot", "direct", "--out", "both"], in: folder)
        XCTAssertEqual(overlay.status, 2)
        XCTAssertEqual(overlay.stderrText.split(separator: "\n").count, 1, overlay.stderrText)
        XCTAssertTrue(overlay.stderrText.contains("against lambda"), overlay.stderrText)
        // A ridge-path JSON without its top-level optimum is not a complete record.
        let text = try String(contentsOf: folder.appendingPathComponent("run.json"), encoding: .utf8)
        let cut = try XCTUnwrap(text.range(of: #", "bayes_lambda": [0-9.e+-]+"#, options: .regularExpression), text)
        try text.replacingCharacters(in: cut, with: "").write(to: folder.appendingPathComponent("cut.json"), atomically: true, encoding: .utf8)
        for command in [["convert", "cut.json", "--format", "csv"], ["plot", "cut.json"]] {
            let refused = try CLI.run(command, in: folder)
            XCTAssertEqual(refused.status, 2, "\(command)")
            XCTAssertEqual(refused.stdout, Data())
            XCTAssertEqual(refused.stderrText, "ddcalc: error: \(command[0]): 'cut.json' is not a ddcalc JSON output: a ridge path without bayes_lambda\n")
        }
    }

    func testCrossValidationCurvesWithTheirMinima() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gcv = ["gcv", "--data", Self.data, "--target", "progression"]
        let (export, script) = try exported(gcv + ["--lambda-min", "0.01", "--lambda-max", "1e5", "--points", "30"], in: folder)
        let column = { (key: String) in export.column(key)! }
        XCTAssertTrue(script.hasPrefix("# ddcalc \(DDCalcVersion.current) gcv, drawn by gnuplot"))
        XCTAssertTrue(script.contains("set logscale x\n"))
        for key in ["gcv", "loo", "train_mse"] {
            XCTAssertTrue(script.contains("using \(column("ridge_lambda")):\(column(key)) notitle with lines"), key)
        }
        let best = try XCTUnwrap(export.echo("gcv_best_lambda").flatMap(Double.init))
        XCTAssertEqual(marks(script), [best, try XCTUnwrap(export.echo("loo_best_lambda").flatMap(Double.init))])
        let shown = TableFormat.sixSignificantDigits(best)
        XCTAssertEqual(legend(script), ["GCV", "exact leave-one-out error", "training error", "GCV minimum λ = \(shown)",
                                        "leave-one-out minimum λ = \(export.echo("loo_best_lambda")!)"])
        XCTAssertTrue(script.contains("set label 101 \"Ridge on the data: cross-validation vs penalty λ\""))
        let drawn = try CLI.run(["plot", "export", "--format", "png"], in: folder)
        XCTAssertEqual(drawn.status, 0, drawn.stderrText)
        XCTAssertEqual(drawn.stderrText, "")

        // Negative penalties down to the floor: a linear axis.
        let floor = try XCTUnwrap(export.echo("lambda_floor").flatMap(Double.init))
        let (_, linear) = try exported(gcv + ["--lambdas", "\(floor / 2),0,10,1000"], in: folder, name: "linear")
        XCTAssertFalse(linear.contains("set logscale x"))
        XCTAssertEqual(marks(linear).count, 2)
    }

    /// `gcv --n N --trials T` adds the design-based risk on n rows (`de_mse`, both designs' Monte
    /// Carlo, `de_best_lambda`): drawn too, found by name, against the same full-data penalty.
    func testCrossValidationDrawsTheDesignBasedRisk() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (export, script) = try exported(["gcv", "--data", Self.data, "--target", "progression", "--points", "6", "--n", "40",
                                             "--trials", "40", "--threads", "1"], in: folder)
        let column = { (key: String) in export.column(key)! }
        let x = column("ridge_lambda")
        XCTAssertTrue(script.contains("using \(x):\(column("de_mse")) notitle with lines"))
        for design in ["surrogate", "iid"] {
            XCTAssertTrue(script.contains("using \(x):\(column("mc_\(design)_mse")):\(column("mc_\(design)_stderr")) notitle with yerrorbars"), design)
        }
        let best = try XCTUnwrap(export.echo("de_best_lambda").flatMap(Double.init))
        XCTAssertTrue(marks(script).contains(best))
        XCTAssertEqual(legend(script), ["GCV", "exact leave-one-out error", "training error",
                                        "design-based risk on n = 40 rows, det. equivalent",
                                        "design-based Monte Carlo, surrogate design (± stderr)",
                                        "design-based Monte Carlo, i.i.d. rows (± stderr)",
                                        "GCV minimum λ = \(export.echo("gcv_best_lambda")!)",
                                        "leave-one-out minimum λ = \(export.echo("loo_best_lambda")!)",
                                        "design-based det. equivalent's minimum λ = \(export.echo("de_best_lambda")!)"])
        XCTAssertTrue(script.contains("set ylabel \"mean squared error of y; design-based: MSE  E‖ŵ − w*‖²\""))
        XCTAssertEqual(export.finite("mc_iid_heavy_tail").count, 6, "gcv rows carry the per-design flags")
    }

    /// The data set's path is echoed into the gcv export's title: a path holding quotes, backquotes,
    /// a shell command and a new line stays text, in the script gnuplot runs and in `plot`'s.
    func testAHostileDataPathNeverRuns() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "d\"`touch pwned1`\n!touch pwned2\\.csv"
        try Data(contentsOf: URL(fileURLWithPath: Self.data)).write(to: folder.appendingPathComponent(name))
        let (export, script) = try exported(["gcv", "--data", name, "--target", "progression", "--points", "5"], in: folder)
        XCTAssertEqual(export.echo("data"), name)
        for line in script.split(separator: "\n") { XCTAssertFalse(line.hasPrefix("!"), String(line)) }
        let drawn = try CLI.run(["plot", "export"], in: folder)
        XCTAssertEqual(drawn.status, 0, drawn.stderrText)
        for file in ["pwned1", "pwned2"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("export/\(file)").path), file)
        }
    }
}
