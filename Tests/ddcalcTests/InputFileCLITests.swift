import Foundation
import XCTest

/// Input files through the command line (issue 13, item 8): CRLF and a byte order mark are accepted
/// in every text input, and `--wstar file:` pairs with a `file:` spectrum by line.
final class InputFileCLITests: XCTestCase {
    /// The example: `ddcalc point --spectrum file:u --wstar file:w --n 1` with u = (0.1, 10)
    /// and w = (1, 0) has bias 1/1.1 (w* on the eigenvalue of line 1), not 0.0909.
    func testWStarFilePairsWithSpectrumLines() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        try Data("0.1\n10\n".utf8).write(to: inputs.appendingPathComponent("u"))
        try Data("1\n0\n".utf8).write(to: inputs.appendingPathComponent("w"))
        let result = try CLI.run(["point", "--spectrum", "file:u", "--wstar", "file:w", "--n", "1", "--format", "json"], in: inputs)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let bias = try XCTUnwrap(CLI.jsonObject(result.stdout)["theory_bias"] as? Double)
        XCTAssertEqual(bias, 1 / 1.1, accuracy: 1e-14)
    }

    /// Spectrum, covariance, w* and data files with CRLF line ends and a byte order mark give the
    /// bytes their LF versions give.
    func testCRLFAndByteOrderMarkInEveryInputFile() throws {
        let inputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs) }
        let files = [
            "spectrum": ["2", "0.5", "1"], "covariance": ["2,0.5", "0.5,1"], "wstar": ["0.3", "-1", "2"],
            "data": ["a,b,y", "1,0.5,3", "-0.2,1,1", "0.7,-1.1,2", "0.3,0.9,-1"],
        ]
        for (name, lines) in files {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: inputs.appendingPathComponent(name + ".lf"))
            try Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
                .write(to: inputs.appendingPathComponent(name + ".crlf"))
        }
        func run(_ ending: String) throws -> [String] {
            try [
                ["point", "--n", "1.5", "--spectrum", "file:spectrum.\(ending)", "--wstar", "file:wstar.\(ending)"],
                ["point", "--n", "1.5", "--spectrum", "covariance:covariance.\(ending)"],
                ["point", "--n", "1.5", "--data", "data.\(ending)", "--target", "y"],
            ].map { arguments in
                let result = try CLI.run(arguments + ["--format", "csv"], in: inputs)
                XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderrText)")
                return result.stdoutText.replacingOccurrences(of: ".\(ending)", with: "")
            }
        }
        XCTAssertEqual(try run("crlf"), try run("lf"))
    }
}
