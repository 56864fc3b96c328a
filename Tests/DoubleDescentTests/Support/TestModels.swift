@testable import DDModel
import Foundation
import XCTest

/// Builders shared by the library tests.
enum TestModels {
    static func model(_ spectrum: SpectrumSpec, d: Int?, wstar: WStarSpec = .isotropic,
                      wnorm: Double = 1, sigma: Double = 1) throws -> RegressionModel {
        try RegressionModel(covariance: CovarianceModel(spec: spectrum, d: d), wstar: wstar, wnorm: wnorm, sigma: sigma)
    }

    /// A temporary file with the given contents, removed by the caller's tearDown or the OS.
    static func temporaryFile(_ contents: String, suffix: String = ".csv") throws -> String {
        let path = NSTemporaryDirectory() + "ddcalc-test-\(UUID().uuidString)\(suffix)"
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Relative-error assertion: |a - b| <= tol * max(|b|, tiny).
func assertRelative(_ a: Double, _ b: Double, _ tol: Double, _ message: String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(abs(b), Double.leastNormalMagnitude)
    XCTAssert(abs(a - b) <= tol * scale, "\(message): \(a) vs \(b), relative error \(abs(a - b) / scale) > \(tol)",
              file: file, line: line)
}
