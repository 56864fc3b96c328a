import DoubleDescent
import Foundation

/// The output of `ddcalc ridge` in the three formats (docs/OUTPUT.md, "ridge"): the
/// keys n, lambda, trials, response, ridge_solution, mc_mean, mc_stderr, rel_error, p_value,
/// consistent, then design and the diagnostics (and in JSON the model echo).
/// Vectors are in the original coordinates.
struct RidgeReport {
    let model: Record
    let seed: UInt64
    let check: RidgeCheck
    /// The surrogate at the same seed and trials, shown next to an i.i.d. check.
    let surrogate: RidgeCheck?
    /// What `response` prints instead of the link's name (`data:COL` for `--target`).
    var responseLabel: String?
    /// Values outside the validated range (`ValidatedRange`): the JSON key `warnings`, else lines on
    /// standard error.
    var warnings: [String] = []
    /// `--lambda`: at L != 0 the scalars end with `ridge_lambda` (and `lambda` is the target's kappa).
    var ridgeLambda = 0.0

    /// The scalar fields, in output order.
    var scalars: Record {
        var fields: [(String, Value)] = [
            ("n", .number(check.n)),
            ("lambda", .number(check.target.lambda)),
            ("trials", .integer(check.trials)),
            ("response", .text(responseLabel ?? check.response.rawValue)),
            ("rel_error", .number(check.relativeError)),
            ("p_value", .number(check.pValue)),
            ("consistent", .flag(check.consistent)),
            ("design", .text(check.design.rawValue)),
            ("seed", .unsigned(seed)),
            ("test", check.test.map { .text($0.method.rawValue) } ?? .number(nil)),
            ("stein_factor", .number(check.target.steinFactor)),
            ("mc_mean_rows", .number(check.meanRows)),
            ("heavy_tail", .flag(check.heavyTail)),
            ("infinite_covariance", .flag(check.infiniteCovariance)),
        ]
        if let surrogate {
            fields += [("surrogate_rel_error", .number(surrogate.relativeError)),
                       ("surrogate_p_value", .number(surrogate.pValue))]
        }
        if ridgeLambda != 0 { fields.append(("ridge_lambda", .number(ridgeLambda))) }
        return Record(fields)
    }

    var json: String {
        var parts = scalars.fields.map { JSONFormat.string($0.key) + ": " + JSONFormat.value($0.value) }
        parts.insert(contentsOf: [("ridge_solution", check.target.original), ("mc_mean", check.mean),
                                  ("mc_stderr", check.standardErrors)].map { key, vector in
            JSONFormat.string(key) + ": [" + vector.map { JSONFormat.value(.number($0)) }.joined(separator: ", ") + "]"
        }, at: 4)
        parts.append(JSONFormat.string("model") + ": " + JSONFormat.object(model))
        return "{" + parts.joined(separator: ", ") + JSONFormat.version + JSONFormat.warnings(warnings) + "}\n"
    }

    /// One row per coordinate, the scalars repeated on every row.
    var csv: String {
        let rows = check.mean.indices.map { i in
            Record([("coordinate", .integer(i + 1)), ("ridge_solution", .number(check.target.original[i])),
                    ("mc_mean", .number(check.mean[i])), ("mc_stderr", .number(check.standardErrors[i]))]) + scalars
        }
        return CSVFormat.render(ResultTable(title: "", model: model, rows: rows))
    }

    var table: String {
        let d = check.mean.count
        let shown = d <= 20 ? Array(0..<d) : Array(0..<5) + Array(d - 5..<d)
        var lines = ["# " + DDCalcVersion.stamped("ddcalc ridge: Theorem 2, mean of w_hat = X^+ y against the ridge solution (original coordinates)"),
                     "# " + model.fields.map { "\($0.key) = \(TableFormat.human($0.value))" }.joined(separator: ", "),
                     "# n = \(TableFormat.human(.number(check.n))), lambda_n = \(TableFormat.human(.number(check.target.lambda))), "
                        + "response = \(check.response.rawValue), design = \(check.design.rawValue), "
                        + "trials = \(check.trials), seed = \(seed), mean rows = \(TableFormat.human(.number(check.meanRows)))"]
        let header = ["i", "ridge solution", "MC mean", "+-", "z"]
        var cells: [[String]] = []
        for (position, i) in shown.enumerated() {
            if d > 20 && position == 5 { cells.append(["...", "", "", "", ""]) }
            let z = check.standardErrors[i] > 0 ? (check.mean[i] - check.target.original[i]) / check.standardErrors[i] : nil
            cells.append([String(i + 1), TableFormat.human(.number(check.target.original[i])),
                          TableFormat.human(.number(check.mean[i])), TableFormat.human(.number(check.standardErrors[i])),
                          z.map { String(format: "%.2f", $0) } ?? "-"])
        }
        let widths = header.indices.map { c in max(header[c].count, cells.map { $0[c].count }.max() ?? 0) }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        if check.target.lambda == nil {
            lines.append("# n >= d: the target is Sigma^-1 E[x y] (lambda = 0; the estimator is unbiased for it)")
        }
        lines.append(line(header))
        lines += cells.map(line)
        lines += verdict
        return lines.joined(separator: "\n") + "\n"
    }

    /// The conclusion in words, with the caveats that apply.
    var verdict: [String] {
        let relative = TableFormat.human(.number(check.relativeError))
        var lines: [String] = []
        if let test = check.test {
            let method = test.method == .hotelling ? "Hotelling's T^2" : "Bonferroni t tests (trials < 5 d)"
            let outcome = test.pValue >= RidgeCheck.significance ? "consistent" : "INCONSISTENT"
            lines.append("rel_error = \(relative), p_value = \(String(format: "%.3g", test.pValue)) (\(method)): "
                         + "\(outcome) with the ridge solution at the 0.001 level")
        } else {
            lines.append("rel_error = \(relative), no p-value: Cov(w_hat) is infinite for the i.i.d. Gaussian design at "
                         + "n in {d-1, d, d+1}, so no central limit theorem holds and no test is valid")
        }
        if check.design == .iid && check.n < Double(check.mean.count) {
            lines.append("note: for the i.i.d. design Theorem 2 holds only approximately; the numbers above measure the gap")
        }
        if let surrogate {
            lines.append("surrogate design, same seed and trials: rel_error = \(TableFormat.human(.number(surrogate.relativeError))), "
                         + "p_value = \(TableFormat.human(.number(surrogate.pValue)))")
        }
        if check.heavyTail && !check.infiniteCovariance {
            // Where the tail comes from (docs/MATH.md, "Heavy tails"): i.i.d. designs with n within 3 of d; surrogate
            // designs whose random row count K is d - 1, d or d + 1, expected at least once in 100 runs of these trials.
            let which = check.design == .iid ? "n is within 3 of d"
                : "surrogate draws with d - 1, d or d + 1 rows are expected at least 0.01 times in these trials"
            lines.append("warning: heavy tails (\(which); there ||w_hat||^2 has infinite variance): the sample covariance "
                         + "converges slowly, so the p-value is only approximate")
        }
        return lines.map { "# " + $0 }
    }
}
