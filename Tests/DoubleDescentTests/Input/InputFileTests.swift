@testable import DDInput
@testable import DDModel
@testable import DDRidge
@testable import DDSampling
@testable import DDTheory
import Foundation
import XCTest

/// Input files (issue 13, item 8): every text input accepts CRLF line ends and a UTF-8 byte order
/// mark, and a `file:` spectrum in any order pairs line i with coordinate i of `--wstar file:`.
final class InputFileTests: XCTestCase {
    static let bom = "\u{FEFF}"

    func testNormalisedDropsTheByteOrderMarkAndCarriageReturns() {
        XCTAssertEqual(TextFile.normalised(Self.bom + "1\r\n2\r\n"), "1\n2\n")
        XCTAssertEqual(TextFile.normalised("a,b\r\n1,2"), "a,b\n1,2")
        XCTAssertEqual(TextFile.normalised("1\n2\n"), "1\n2\n")
        // Only a leading mark is a byte order mark.
        XCTAssertEqual(TextFile.normalised("1\n" + Self.bom), "1\n" + Self.bom)
    }

    /// The same contents with LF, CRLF, and CRLF plus a byte order mark give the same model, for the
    /// spectrum, covariance and w* readers.
    func testEveryModelFileAcceptsCRLFAndAByteOrderMark() throws {
        for variant in Self.variants(of: ["0.5", "# a comment", "2", "1"]) {
            let path = try TestModels.temporaryFile(variant, suffix: ".txt")
            XCTAssertEqual(try CovarianceModel(spec: .file(path), d: nil).eigenvalues, [2, 1, 0.5], variant.debugDescription)
        }
        var reference: [Double]?
        for variant in Self.variants(of: ["2,0.5", "0.5,1"]) {
            let path = try TestModels.temporaryFile(variant)
            let values = try CovarianceModel(spec: .covariance(path), d: nil).eigenvalues
            if let reference { XCTAssertEqual(values, reference, variant.debugDescription) }
            reference = values
        }
        let covariance = try CovarianceModel(spec: .isotropic, d: 3)
        for variant in Self.variants(of: ["1,", "2", "3"]) {
            let path = try TestModels.temporaryFile(variant, suffix: ".txt")
            let model = try RegressionModel(covariance: covariance, wstar: .file(path))
            XCTAssertEqual(model.wOriginal, [1, 2, 3], variant.debugDescription)
        }
    }

    func testDataFilesAcceptCRLFAndAByteOrderMark() throws {
        for variant in Self.variants(of: ["a,b,y", "1,0.5,3", "-0.2,1,1", "0.7,-1.1,2"]) {
            let path = try TestModels.temporaryFile(variant)
            let file = try DataSetFile(path: path, target: "y")
            XCTAssertEqual(file.featureNames, ["a", "b"], variant.debugDescription)
            XCTAssertEqual(file.features, [[1, 0.5], [-0.2, 1], [0.7, -1.1]], variant.debugDescription)
            XCTAssertEqual(file.target, [3, 1, 2], variant.debugDescription)
        }
    }

    /// The example: eigenvalues 0.1 and 10 on lines 1 and 2, w* = (1, 0) by line, so w* lies
    /// on the direction of variance 0.1. The bias lambda w^2/(0.1 + lambda) at n = 1 is then
    /// 0.909..., the same as for the sorted file with w* = (0, 1); pairing w* with the sorted order
    /// gave 0.0909.
    func testWStarFilePairsWithTheSpectrumFileByLine() throws {
        let unsorted = try Self.model(spectrum: "0.1\n10\n", wstar: "1\n0\n")
        let sorted = try Self.model(spectrum: "10\n0.1\n", wstar: "0\n1\n")
        XCTAssertEqual(unsorted.eigenvalues, [10, 0.1])
        XCTAssertEqual(unsorted.covariance.permutation, [1, 0])
        XCTAssertNil(sorted.covariance.permutation)
        XCTAssertEqual(unsorted.wEigen, [0, 1])
        XCTAssertEqual(unsorted.wOriginal, [1, 0])
        let a = try ClosedFormCalculator(model: unsorted).evaluate(n: 1)
        let b = try ClosedFormCalculator(model: sorted).evaluate(n: 1)
        XCTAssertEqual(a, b)
        // lambda solves 10/(10 + l) + 0.1/(0.1 + l) = 1: l^2 = 1, l = 1; bias = 1/1.1.
        assertRelative(a.lambda!, 1, 1e-14)
        assertRelative(a.bias!, 1 / 1.1, 1e-14)
    }

    /// With a permutation V, eigen and original coordinates, and a design's columns, move together;
    /// ties keep file order and a sorted file needs no permutation.
    func testPermutationMapsVectorsAndDesignColumns() throws {
        let model = try Self.model(spectrum: "1\n3\n2\n3\n", wstar: "10\n20\n30\n40\n")
        let covariance = model.covariance
        XCTAssertEqual(covariance.eigenvalues, [3, 3, 2, 1])
        XCTAssertEqual(covariance.permutation, [1, 3, 2, 0])
        XCTAssertEqual(model.wEigen, [20, 40, 30, 10])
        XCTAssertEqual(covariance.toOriginal(model.wEigen), [10, 20, 30, 40])
        // Two rows in eigen coordinates, column-major: column j holds 10 j + row.
        let design = (0..<4).flatMap { j in [Double(10 * j), Double(10 * j + 1)] }
        XCTAssertEqual(covariance.designToOriginal(columnMajor: design, rows: 2), [30, 31, 0, 1, 20, 21, 10, 11])
        let top = try RegressionModel(covariance: covariance, wstar: .top)
        XCTAssertEqual(top.wOriginal, [0, 1, 0, 0])
        // The ridge check's per-coordinate variances follow the same map.
        var c = [Double](repeating: 0, count: 16)
        for j in 0..<4 { c[j + 4 * j] = Double(j + 1) }
        XCTAssertEqual(RidgeCheck.originalVariances(c, covariance), [4, 1, 3, 2])
    }

    static func model(spectrum: String, wstar: String) throws -> RegressionModel {
        let s = try TestModels.temporaryFile(spectrum, suffix: ".txt"), w = try TestModels.temporaryFile(wstar, suffix: ".txt")
        return try RegressionModel(covariance: CovarianceModel(spec: .file(s), d: nil), wstar: .file(w))
    }

    /// The lines joined by LF, by CRLF, and by CRLF after a byte order mark, each with a final line end.
    static func variants(of lines: [String]) -> [String] {
        [lines.joined(separator: "\n") + "\n", lines.joined(separator: "\r\n") + "\r\n",
         bom + lines.joined(separator: "\r\n") + "\r\n"]
    }
}
