@testable import DDInput
@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDTheory
import Foundation
import XCTest

final class CovarianceModelTests: XCTestCase {
    func testParametricSpectra() throws {
        XCTAssertEqual(try CovarianceModel(spec: .linear(4), d: 4).eigenvalues, [1, 0.75, 0.5, 0.25])
        let geometric = try CovarianceModel(spec: .geometric(100), d: 3).eigenvalues
        assertRelative(geometric[1], 0.1, 1e-15, "geometric middle")
        assertRelative(geometric[2], 0.01, 1e-15, "geometric end")
        XCTAssertEqual(try CovarianceModel(spec: .powerlaw(2), d: 3).eigenvalues, [1, 0.25, 1.0 / 9])
        XCTAssertEqual(try CovarianceModel(spec: .isotropic, d: 1).eigenvalues, [1])
    }

    /// A randomly rotated covariance file gives the same closed forms as its
    /// spectrum with the same w* (1e-10).
    func testRotatedCovarianceMatchesSpectrum() throws {
        let d = 12
        let spectrum = SpectrumSpec.geometric(1e3)
        let s = spectrum.parametricEigenvalues(d: d)
        let q = Self.randomOrthogonal(d, seed: 11)
        // Sigma = Q diag(s) Q^T, written with 17 significant digits.
        var rows: [String] = []
        for i in 0..<d {
            rows.append((0..<d).map { j in
                String(format: "%.17g", (0..<d).reduce(0.0) { $0 + q[i][$1] * s[$1] * q[j][$1] })
            }.joined(separator: ","))
        }
        let covariancePath = try TestModels.temporaryFile(rows.joined(separator: "\n"))
        let wEigen = (0..<d).map { sin(Double($0) + 1) }
        let wOriginal = (0..<d).map { i in (0..<d).reduce(0.0) { $0 + q[i][$1] * wEigen[$1] } }
        let weightsPath = try TestModels.temporaryFile(wOriginal.map { String(format: "%.17g", $0) }.joined(separator: "\n"))

        let rotated = try RegressionModel(covariance: CovarianceModel(spec: .covariance(covariancePath), d: nil),
                                          wstar: .file(weightsPath), sigma: 0.5)
        XCTAssertNotNil(rotated.covariance.eigenvectors)
        let wFile = try TestModels.temporaryFile(wEigen.map { String(format: "%.17g", $0) }.joined(separator: "\n"))
        let diagonal = try RegressionModel(covariance: CovarianceModel(spec: spectrum, d: d), wstar: .file(wFile), sigma: 0.5)
        for n in [0.5, 3, 6, 11.5, 12, 15] {
            let a = try ClosedFormCalculator(model: rotated).evaluate(n: n)
            let b = try ClosedFormCalculator(model: diagonal).evaluate(n: n)
            assertRelative(a.surrogateRisk!, b.surrogateRisk!, 1e-10, "MSE n=\(n)")
            assertRelative(a.bias! + 1e-300, b.bias! + 1e-300, 1e-10, "bias n=\(n)")
            assertRelative(a.alpha, b.alpha, 1e-10, "alpha n=\(n)")
        }
    }

    func testBadFilesAreInputFileErrors() throws {
        let cases: [(String, String)] = [
            ("1,2\n3,4", "not symmetric"),
            ("1,2\n2,1", "not positive definite"),
            ("1,0\n0", "ragged"),
            ("1,0,0\n0,1,0", "not square"),
            ("1,x\n0,1", "not a finite number"),
        ]
        for (contents, expected) in cases {
            let path = try TestModels.temporaryFile(contents)
            XCTAssertThrowsError(try CovarianceModel(spec: .covariance(path), d: nil)) { error in
                XCTAssert("\(error)".contains(expected), "\(contents): \(error)")
                XCTAssertEqual((error as? InputFileError)?.path, path, "\(contents): \(error)")
            }
        }
        let spectrum = try TestModels.temporaryFile("1\n-2\n", suffix: ".txt")
        XCTAssertThrowsError(try CovarianceModel(spec: .file(spectrum), d: nil)) { error in
            XCTAssert("\(error)".contains("not positive"), "\(error)")
        }
        XCTAssertThrowsError(try CovarianceModel(spec: .file(spectrum + ".missing"), d: nil))
        XCTAssertThrowsError(try CovarianceModel(spec: .isotropic, d: nil))
    }

    /// Q from Gram-Schmidt on a deterministic pseudo-random matrix.
    static func randomOrthogonal(_ d: Int, seed: UInt64) -> [[Double]] {
        var rng = RandomStream(seed: seed)
        var columns = (0..<d).map { _ in (0..<d).map { _ in rng.normal() } }
        for j in 0..<d {
            for k in 0..<j {
                let dot = zip(columns[j], columns[k]).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<d { columns[j][i] -= dot * columns[k][i] }
            }
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<d { columns[j][i] /= norm }
        }
        // Row-major Q[i][j] = column j, entry i.
        return (0..<d).map { i in (0..<d).map { j in columns[j][i] } }
    }
}
