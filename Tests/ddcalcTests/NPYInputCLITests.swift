import Foundation
import XCTest

/// NumPy files through the real executable (issue 15, item 3): every option that reads numbers
/// (`--spectrum file:`, `covariance:`, `weights:`, `--wstar file:`, `--data` with `--target`) gives
/// the same output bytes from a `.npy` file written by numpy (Tests/Fixtures/npy) as from the text
/// file with the same values, and a bad `.npy` file is one error line naming the option and file.
final class NPYInputCLITests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/npy")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The fixtures' values as text, in the formats the text readers take.
    static let spectrumText = "3.0\n1.5\n0.25\n2.0\n"
    static let dataRows = ["1.0,0.5,-2.0,10.0", "0.0,3.0,1.0,-4.5", "2.5,-1.0,0.25,7.0", "-1.5,2.0,4.0,0.5",
                           "3.0,0.0,-1.0,2.0", "0.5,-2.5,1.5,-1.0"]

    /// Runs both argument lists in a folder holding `files` and checks equal, successful output.
    private func assertSameOutput(_ npy: [String], _ text: [String], files: [String: String],
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, contents) in files { try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let a = try CLI.run(npy, in: folder), b = try CLI.run(text, in: folder)
        XCTAssertEqual(a.status, 0, a.stderrText, file: file, line: line)
        XCTAssertEqual(b.status, 0, b.stderrText, file: file, line: line)
        XCTAssertFalse(a.stdout.isEmpty, file: file, line: line)
        // The provenance columns name each file as typed; every other byte is the same.
        XCTAssertEqual(CLI.withoutProvenance(a.stdoutText), CLI.withoutProvenance(b.stdoutText), "\(npy) against \(text)",
                       file: file, line: line)
    }

    func testSpectrumFileGivesTheSameBytesAsText() throws {
        let sweep = ["sweep", "--ns", "2,3.5,6", "--trials", "40", "--format", "csv"]
        for name in ["spectrum_v1_f8.npy", "spectrum_v2_be_f8.npy", "spectrum_v3_f4.npy", "spectrum_be_f4.npy", "column_vector.npy"] {
            try assertSameOutput(sweep + ["--spectrum", "file:" + Self.fixture(name)], sweep + ["--spectrum", "file:s.txt"],
                                 files: ["s.txt": Self.spectrumText])
        }
        try assertSameOutput(sweep + ["--spectrum", "file:" + Self.fixture("ints_be_i4.npy")], sweep + ["--spectrum", "file:s.txt"],
                             files: ["s.txt": "3\n1\n2\n4\n"])
    }

    func testCovarianceAndWStarGiveTheSameBytesAsText() throws {
        let sweep = ["sweep", "--ns", "2,5", "--trials", "40", "--format", "csv"]
        try assertSameOutput(sweep + ["--spectrum", "covariance:" + Self.fixture("covariance.npy")],
                             sweep + ["--spectrum", "covariance:c.csv"],
                             files: ["c.csv": "2.0,0.5,0.0\n0.5,1.0,0.25\n0.0,0.25,0.5\n"])
        try assertSameOutput(sweep + ["--spectrum", "file:s.txt", "--wstar", "file:" + Self.fixture("wstar.npy")],
                             sweep + ["--spectrum", "file:s.txt", "--wstar", "file:w.txt"],
                             files: ["s.txt": Self.spectrumText, "w.txt": "0.5, -1.0, 0.25, 2.0\n"])
    }

    /// `--data X.npy --target 4`: the fourth column (1-based, as for a CSV file without header) is
    /// the response, in C or Fortran order; with a header the CSV can name it instead.
    func testDataWithTargetGivesTheSameBytesAsCSV() throws {
        let sweep = ["sweep", "--ns", "2,5", "--trials", "40", "--format", "csv"]
        for name in ["data_c_f8.npy", "data_fortran_be_f8.npy", "data_fortran_f4.npy"] {
            try assertSameOutput(sweep + ["--data", Self.fixture(name), "--target", "4"], sweep + ["--data", "d.csv", "--target", "4"],
                                 files: ["d.csv": Self.dataRows.joined(separator: "\n")])
            try assertSameOutput(sweep + ["--data", Self.fixture(name), "--target", "4"], sweep + ["--data", "h.csv", "--target", "resp"],
                                 files: ["h.csv": (["a,b,c,resp"] + Self.dataRows).joined(separator: "\n")])
        }
        let sample = ["sample", "--n", "4", "--seed", "3"]
        try assertSameOutput(sample + ["--data", Self.fixture("data_c_f8.npy"), "--target", "1"], sample + ["--data", "d.csv", "--target", "1"],
                             files: ["d.csv": Self.dataRows.joined(separator: "\n")])
        let wrong = try CLI.run(["point", "--n", "2", "--data", Self.fixture("data_c_f8.npy"), "--target", "resp"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderrText.contains("no such column") && wrong.stderrText.contains("give a 1-based index"), wrong.stderrText)
    }

    /// `weights:W` (.npy or CSV) gives the model of the spectrum 16/6, 9/6, 4/6, 1/6 (W's singular values
    /// are 4, 3, 2, 1 by construction): the closed forms agree with a `file:` list of those values to
    /// rounding, and the CSV and .npy weight files give the same bytes.
    func testWeightsSpectrumMatchesItsKnownEigenvalues() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "2.6666666666666665\n1.5\n0.6666666666666666\n0.16666666666666666\n"
            .write(to: folder.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        try "2.0,2.0,2.0,2.0\n1.5,-1.5,1.5,-1.5\n1.0,1.0,-1.0,-1.0\n0.5,-0.5,-0.5,0.5\n0,0,0,0\n0,0,0,0\n"
            .write(to: folder.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        let point = ["sweep", "--ns", "1,2.5,3,6", "--trials", "0", "--format", "csv"]
        let weights = try CLI.run(point + ["--spectrum", "weights:" + Self.fixture("weights.npy")], in: folder)
        let listed = try CLI.run(point + ["--spectrum", "file:s.txt"], in: folder)
        let csv = try CLI.run(point + ["--spectrum", "weights:w.csv"], in: folder)
        XCTAssertEqual(weights.status, 0, weights.stderrText)
        XCTAssertEqual(CLI.withoutProvenance(weights.stdoutText), CLI.withoutProvenance(csv.stdoutText))
        let a = CLI.withoutProvenance(weights.stdoutText).split(separator: "\n")
        let b = CLI.withoutProvenance(listed.stdoutText).split(separator: "\n")
        XCTAssertEqual(a.count, 5)
        XCTAssertEqual(a.first, b.first)
        for (rowA, rowB) in zip(a.dropFirst(), b.dropFirst()) {
            for (x, y) in zip(rowA.split(separator: ",", omittingEmptySubsequences: false), rowB.split(separator: ",", omittingEmptySubsequences: false)) {
                guard let x = Double(x), let y = Double(y) else { XCTAssertEqual(x, y); continue }
                XCTAssertEqual(x, y, accuracy: 1e-13 * max(abs(y), 1), "\(rowA) against \(rowB)")
            }
        }
        let help = try CLI.run(["sweep", "--help"])
        XCTAssertTrue(help.stdoutText.contains("weights:PATH"))
    }

    func testBadNPYFilesAreOneErrorLineNamingTheOption() throws {
        let cases: [([String], String)] = [
            (["--spectrum", "file:" + Self.fixture("bad_object.npy")], "--spectrum file:\(Self.fixture("bad_object.npy")): dtype '|O' (Python objects)"),
            (["--spectrum", "covariance:" + Self.fixture("bad_complex.npy")], "--spectrum covariance:\(Self.fixture("bad_complex.npy")): dtype '<c16'"),
            (["--spectrum", "weights:" + Self.fixture("spectrum_v1_f8.npy")], "expected a matrix (a 2-d array), got shape (4,)"),
            (["--d", "4", "--wstar", "file:" + Self.fixture("bad_truncated.npy")], "--wstar file:\(Self.fixture("bad_truncated.npy")): the data is truncated"),
            (["--d", "3", "--wstar", "file:" + Self.fixture("wstar.npy")], "has 4 numbers but the model has dimension d = 3"),
            (["--data", Self.fixture("bad_structured.npy")], "--data \(Self.fixture("bad_structured.npy")): bad .npy header: 'descr' is a list"),
            (["--data", Self.fixture("bad_magic.npy")], "not a .npy file"),
            (["--data", Self.fixture("bad_unicode.npy")], "(strings) is not supported"),
            (["--spectrum", "file:" + Self.fixture("bad_nan.npy")], "entry 2 is nan, not a finite number"),
            (["--spectrum", "file:" + Self.fixture("negative_i2.npy")], "entry 1: eigenvalue -3.0 is not positive"),
            (["--spectrum", "file:" + Self.fixture("bad_3d.npy")], "the array has 3 dimensions"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(["point", "--n", "2", "--format", "csv"] + arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.exitedNormally)
            XCTAssertEqual(result.stdout.count, 0, "\(arguments)")
            let lines = result.stderrText.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.stderrText)
            XCTAssertTrue(result.stderrText.contains(message), "expected '\(message)': \(result.stderrText)")
        }
    }
}
