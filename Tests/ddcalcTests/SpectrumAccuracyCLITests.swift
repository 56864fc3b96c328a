import Foundation
import XCTest

/// Spectra computed by a decomposition carry their accuracy (issue 21, item 5): the bound
/// p(d) eps s_1 / s_d with p(d) = 2 d + 8 for `covariance:` and 2 p(d) eps sqrt(s_1 / s_d) for
/// `weights:` (docs/MATH.md, "Accuracy of computed spectra"); above 1e-13, the accuracy to which the
/// closed forms are validated, the output carries a warning, and below it none.
final class SpectrumAccuracyCLITests: XCTestCase {
    /// d = 4: p = 16, so the covariance warning starts at s_1 / s_d = 1e-13 / (16 eps) = 28.15 and the
    /// weights warning at s_1 / s_d = (1e-13 / (32 eps))^2 = 198. Each is tried at 0.9 and 1.1 times
    /// its threshold. Sigma = H diag(s) H^T with H the 4 x 4 Hadamard matrix over 2 (exactly
    /// orthogonal); W = [diag(sqrt(s)); 0] (6 x 4), whose W^T W / 6 has eigenvalues s / 6.
    func testTheWarningAppearsExactlyBeyondTheValidatedAccuracy() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        let eps = Double.ulpOfOne
        let hadamard: [[Double]] = [[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]]
        func spectrum(_ kappa: Double) -> [Double] { (0..<4).map { pow(kappa, -Double($0) / 3) } }
        let covarianceThreshold = 1e-13 / (16 * eps), weightsThreshold = pow(1e-13 / (32 * eps), 2)
        for (factor, warns) in [(0.9, false), (1.1, true)] {
            let s = spectrum(factor * covarianceThreshold)
            func entry(_ i: Int, _ j: Int) -> String {
                var sum = 0.0
                for k in 0..<4 { sum += hadamard[i][k] * s[k] * hadamard[j][k] / 4 }
                return String(sum)
            }
            let rows = (0..<4).map { i in (0..<4).map { j in entry(i, j) }.joined(separator: ",") }
            try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: inputs.appendingPathComponent("sigma.csv"))
            let w = spectrum(factor * weightsThreshold).map { $0.squareRoot() }
            let weights = (0..<6).map { i in (0..<4).map { j in i == j ? String(w[j]) : "0" }.joined(separator: ",") }
            try Data((weights.joined(separator: "\n") + "\n").utf8).write(to: inputs.appendingPathComponent("w.csv"))
            for (spec, source) in [("covariance:sigma.csv", "covariance matrix"), ("weights:w.csv", "weight matrix")] {
                let label = "\(spec) at \(factor) times its threshold"
                let json = try CLI.run(["sweep", "--spectrum", spec, "--ns", "2,6", "--trials", "0", "--format", "json"], in: inputs)
                XCTAssertEqual(json.status, 0, json.stderrText)
                let warnings = try CLI.jsonObject(json.stdout)["warnings"] as? [String]
                if warns {
                    let warning = try XCTUnwrap(warnings?.first, label)
                    XCTAssertEqual(warnings?.count, 1, label)
                    XCTAssert(warning.contains("computed from the \(source)") && warning.contains("1e-13"), warning)
                } else {
                    XCTAssertNil(warnings, label)
                }
                let csv = try CLI.run(["point", "--spectrum", spec, "--n", "2", "--format", "csv"], in: inputs)
                XCTAssertEqual(csv.status, 0, csv.stderrText)
                XCTAssertEqual(csv.stderrText.hasPrefix("ddcalc: warning: the eigenvalues computed from the \(source)"), warns,
                               "\(label): \(csv.stderrText)")
            }
        }
    }
}
