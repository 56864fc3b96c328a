@testable import ddcalc
import DoubleDescent
import Foundation
import XCTest

/// The command line's one place that turns library errors into one-line messages naming the flag or
/// file (Options/LibraryErrorMessage.swift), the spec flags parsed once (SpecArgument), and
/// `sample --out` through the shared option group.
final class LibraryErrorMessageTests: XCTestCase {
    func testEveryParameterAndFileHasAFlag() {
        for parameter in ModelParameter.allCases { XCTAssert(LibraryErrorMessage.flag(parameter).hasPrefix("--"), "\(parameter)") }
        for parameter in GridParameter.allCases { XCTAssert(LibraryErrorMessage.flag(parameter).hasPrefix("--"), "\(parameter)") }
        for role in InputFileRole.allCases { XCTAssert(LibraryErrorMessage.flag(role).hasPrefix("--"), "\(role)") }
        XCTAssertEqual(LibraryErrorMessage.flag(.sampleSize, sampleSize: "--n-max/--ns"), "--n-max/--ns")
    }

    func testModelErrorsNameTheirFlag() {
        let cases: [(ModelError, String)] = [
            (.invalidDimension(0), "--d: the dimension must be a positive integer, got 0"),
            (.notFiniteNonNegative(.sigma, -1), "--sigma: must be a finite non-negative number, got -1.0"),
            (.notFiniteNonNegative(.wnorm, .infinity), "--wnorm: must be a finite non-negative number, got inf"),
            (.invalidSampleSize(0), "--n: must be a positive finite number, got 0.0"),
            (.nonIntegerSampleSize(2.5), "--n: an i.i.d. design needs an integer n, got 2.5"),
            (.dimensionRequired(.linear(2)), "--d: required with --spectrum linear:2"),
            (.dependentFeatures(.sphere), "--features sphere: --vary d needs independent feature coordinates (gaussian or uniform)"),
            (.unknownSpec(.spectrum, text: "bogus"),
             "--spectrum: unknown spectrum 'bogus' (expected isotropic, linear:K, geometric:K, powerlaw:A, file:PATH or covariance:PATH)"),
            (.unknownSpec(.features, text: "bogus"), "--features: unknown law 'bogus' (expected gaussian, sphere, uniform)"),
            (.invalidSeed("x"), "--wstar: random seed 'x' is not an unsigned 64-bit integer"),
            (.population(.zeroRow(2), path: "d.csv"), "--data d.csv: row 2 is all zeros (rows must be in general position)"),
        ]
        for (error, expected) in cases { XCTAssertEqual(LibraryErrorMessage.line(error), expected) }
        XCTAssert(LibraryErrorMessage.line(.sampleSizeTooLarge(1e20, limit: 0x1p52), sampleSize: "--n-max/--ns")
            .hasPrefix("--n-max/--ns: cannot draw a design at n = 1e+20"))
        XCTAssert(LibraryErrorMessage.line(.quadratureDidNotConverge(response: "tanh", tau: 50)).hasPrefix("--response tanh: "))
        XCTAssert(LibraryErrorMessage.line(.quadratureDidNotConverge(response: "tanh", tau: 50)).hasSuffix("; lower --wnorm"))
    }

    func testFileErrorsNameTheFlagAndTheFile() {
        func line(_ path: String, _ role: InputFileRole, _ problem: InputFileError.Problem) -> String {
            LibraryErrorMessage.line(InputFileError(path: path, role: role, problem: problem))
        }
        XCTAssertEqual(line("s.txt", .eigenvalues, .missing), "--spectrum file: file 's.txt' does not exist")
        XCTAssertEqual(line("w.txt", .wstar, .directory), "--wstar file: file 'w.txt' is a directory, not a file")
        XCTAssertEqual(line("s.txt", .eigenvalues, .notANumber(text: "abc", at: .line(3))),
                       "--spectrum file:s.txt: line 3: 'abc' is not a finite number")
        XCTAssertEqual(line("c.csv", .covariance, .notSquare(rows: 2, columns: 3)), "--spectrum covariance:c.csv: the matrix is 2 x 3, not square")
        XCTAssertEqual(line("w.txt", .wstar, .dimension(count: 3, expected: 4)),
                       "--wstar file:w.txt: has 3 numbers but the model has dimension d = 4")
        XCTAssertEqual(line("c.csv", .covariance, .dimension(count: 3, expected: 4)),
                       "--spectrum covariance:c.csv: the file has dimension 3 but --d is 4")
        XCTAssertEqual(line("d.csv", .dataSet, .ragged(row: 2, columns: 1, expected: 2)),
                       "--data d.csv: row 2 has 1 columns, expected 2 (ragged CSV)")
        XCTAssertEqual(line("d.csv", .dataSet, .columnOutOfRange("9", columns: 3)),
                       "--target 9: column index out of range for --data d.csv (it has 3 columns)")
        XCTAssertEqual(line("d.csv", .dataSet, .noSuchColumn("y", header: ["a", "b"])), "--target y: no such column in --data d.csv: columns are a, b")
        XCTAssertEqual(line("d.csv", .dataSet, .noFeatureColumns), "--data d.csv: no feature columns are left besides the --target column")
    }

    func testGridAndOtherErrors() {
        XCTAssertEqual(LibraryErrorMessage.line(GridError.emptyRange(lower: 4, upper: 3)), "--n-min (4.0) is larger than --n-max (3.0)")
        XCTAssertEqual(LibraryErrorMessage.line(GridError.invalidPointCount(0)), "--points: must be at least 1, got 0")
        XCTAssertEqual(LibraryErrorMessage.line(GridError.listWithBounds), "--ns: cannot be combined with --n-min, --n-max or --points")
        XCTAssertEqual(LibraryErrorMessage.line(GridError.dimensionAboveModel(9, total: 5)), "--d-max: at most the model's dimension --d = 5, got 9")
        XCTAssertEqual(LibraryErrorMessage.line(for: SimulationError.invalidTrials(-1, minimum: 0)), "--trials: must lie in 0...4294967296, got -1")
        XCTAssertEqual(LibraryErrorMessage.line(for: NumberParsing.ListError.empty), "--ns: the list is empty")
        XCTAssertNil(LibraryErrorMessage.line(for: CancelledError()))
        XCTAssertThrowsError(try LibraryErrorMessage.mapping { try SampleSizeLimit.check(.nan) }) { error in
            XCTAssertEqual((error as? InputError)?.description, "--n: must be a positive finite number, got nan")
        }
    }

    func testSpecFlagsAreParsedOnceAndKeepTheirText() throws {
        let spectrum = SpecArgument<SpectrumSpec>(argument: "geometric:1e3")
        XCTAssertEqual(spectrum.text, "geometric:1e3")
        XCTAssertEqual(try spectrum.value(), .geometric(1000))
        XCTAssertEqual(spectrum.defaultValueDescription, "geometric:1e3")
        XCTAssertEqual(try SpecArgument<WStarSpec>(argument: "random:7").value(), .random(seed: 7))
        XCTAssertEqual(try SpecArgument<FeatureLaw>(argument: "sphere").value(), .sphere)
        XCTAssertThrowsError(try SpecArgument<SpectrumSpec>(argument: "linear:0.5").value()) {
            XCTAssertEqual($0 as? ModelError, .conditionNumberBelowOne(kind: "linear", value: 0.5))
        }
        XCTAssertThrowsError(try SpecArgument<FeatureLaw>(argument: "cube").value()) {
            XCTAssertEqual($0 as? ModelError, .unknownSpec(.features, text: "cube"))
        }
        // The canonical arguments hold the text as typed, not the parse's form ("1e3", not "1000").
        let sweep = try Sweep.parse(["--d", "4", "--spectrum", "geometric:1e3", "--wstar", "random:07", "--trials", "0"])
        let regression = try sweep.model.makeModel()
        let inputs = SweepInputs(model: sweep.model, grid: sweep.grid, simulation: sweep.simulation, regression: regression,
                                 ns: try sweep.grid.values(d: 4))
        XCTAssert(inputs.arguments.contains("--spectrum=geometric:1e3"), "\(inputs.arguments)")
        XCTAssert(inputs.arguments.contains("--wstar=random:07"), "\(inputs.arguments)")
        XCTAssert(inputs.arguments.contains("--features=gaussian"), "\(inputs.arguments)")
    }

    func testSampleOutIsTheSharedOptionGroup() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["sample", "--d", "3", "--n", "2.5", "--seed", "4"]
        let printed = try CLI.run(arguments, in: folder)
        XCTAssertEqual(printed.status, 0, printed.stderrText)
        let written = try CLI.run(arguments + ["--out", "s.csv"], in: folder)
        XCTAssertEqual(written.status, 0, written.stderrText)
        XCTAssertTrue(written.stdout.isEmpty)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("s.csv")), printed.stdout)
        // A folder that does not exist is refused before any work, in one line naming --out.
        let refused = try CLI.run(arguments + ["--out", "no/such/folder/s.csv"], in: folder)
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderrText.filter(\.isNewline).count, 1, refused.stderrText)
        XCTAssertTrue(refused.stderrText.contains("--out"), refused.stderrText)
        // sample writes one file, csv or json: no table and no gnuplot folder.
        XCTAssertEqual(try CLI.run(arguments + ["--format", "gnuplot"], in: folder).status, 2)
        XCTAssertEqual(try CLI.run(arguments + ["--format", "table"], in: folder).status, 2)
        let help = try CLI.run(["sample", "--help"]).stdoutText
        XCTAssertEqual(help.components(separatedBy: "Write to this file instead of standard output").count - 1, 1, help)
        XCTAssertFalse(help.contains("gnuplot"), help)
    }
}
