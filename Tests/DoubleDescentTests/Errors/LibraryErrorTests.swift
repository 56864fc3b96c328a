@testable import DDInput
@testable import DDModel
@testable import DDSimulation
@testable import DDSweep
import Foundation
import XCTest

/// Every case of every library error type says what is wrong in the library's terms: one line, not
/// empty, and never a command-line flag ("--"), which only the CLI adds (LibraryErrorMessage).
final class LibraryErrorTests: XCTestCase {
    static let modelErrors: [ModelError] = [
        .unknownSpec(.spectrum, text: "bogus"), .unknownSpec(.wstar, text: "bogus"), .unknownSpec(.features, text: "bogus"),
        .missingSpecValue(.spectrum, kind: "linear", placeholder: "K"), .missingSpecValue(.wstar, kind: "file", placeholder: "PATH"),
        .unexpectedSpecValue(.spectrum, kind: "isotropic", value: "3"), .notANumber(.spectrum, kind: "linear", value: "abc"),
        .conditionNumberBelowOne(kind: "geometric", value: 0.5), .negativeExponent(-1), .invalidSeed("x"),
        .invalidDimension(0), .dimensionTooLarge(1 << 40, limit: 10_000_000), .truncationAboveDimension(7, dimension: 5),
        .dimensionRequired(.linear(2)), .spectrumUnderflow(.powerlaw(1000), dimension: 10),
        .unsupportedSpectrum(.data("d.csv")), .notFiniteNonNegative(.wnorm, .nan), .notFiniteNonNegative(.sigma, -1),
        .invalidSampleSize(.infinity), .nonIntegerSampleSize(2.5), .sampleSizeTooLarge(1e20, limit: 0x1p52),
        .dependentFeatures(.sphere), .invalidLambda(nil), .invalidLambda(-1),
        .quadratureDidNotConverge(response: "tanh", tau: 1e9),
        .population(.noFeatureColumns, path: nil), .population(.raggedRow(2, columns: 1, expected: 2), path: "d.csv"),
        .population(.notFinite(row: 3), path: nil), .population(.tooFewRows(rows: 1, features: 2), path: "d.csv"),
        .population(.zeroRow(2), path: nil), .population(.repeatedRows(1, 3), path: "d.csv"),
        .population(.rankDeficient(rank: 1, rows: 4, features: 2), path: nil), .population(.scale(eigenvalue: 1e200), path: nil),
    ]

    static let fileProblems: [InputFileError.Problem] = [
        .missing, .directory, .unreadable(reason: "Permission denied"), .unreadable(reason: nil),
        .tooLarge(bytes: 2 << 30, limit: 1 << 30), .tooLarge(bytes: nil, limit: 1 << 30), .notText, .notUTF8,
        .noData(seconds: 30), .notCSV(reason: "x"), .malformedCSV(reason: "y"),
        .notANumber(text: "abc", at: .line(3)), .notANumber(text: "abc", at: .entry(2)),
        .notANumber(text: "abc", at: .cell(row: 2, column: 1)), .ragged(row: 2, columns: 1, expected: 2), .noNumbers,
        .nonPositiveEigenvalue(text: "-2", at: .line(2)), .notSquare(rows: 2, columns: 3),
        .notSymmetric(row: 1, column: 2, value: 1, mirror: 2), .notPositiveDefinite(smallestEigenvalue: -1),
        .dimension(count: 3, expected: 4), .noFeatureColumns, .noSuchColumn("y", header: ["a", "b"]),
        .noSuchColumn("y", header: nil), .columnOutOfRange("9", columns: 3),
        .npy(reason: "bad .npy header: line\nbreak"), .wideWeightMatrix(rows: 2, columns: 3), .eigenvalueOutOfRange(1e200),
    ]

    static let gridErrors: [GridError] = [
        .listWithBounds, .invalidSampleSize(.list, 0), .invalidSampleSize(.nMin, -1), .invalidSampleSize(.nMax, .nan),
        .emptyRange(lower: 3, upper: 2), .invalidPointCount(0), .dimensionBelowOne(0), .dimensionAboveModel(9, total: 5),
        .emptyDimensionRange(lower: 4, upper: 2), .tooManyPoints(9, lower: 1, upper: 3),
    ]

    /// Every error value above, as its message.
    static var descriptions: [String] {
        modelErrors.map(\.description)
            + InputFileRole.allCases.flatMap { role in fileProblems.map { InputFileError(path: "in.txt", role: role, problem: $0).description } }
            + gridErrors.map(\.description)
            + [SimulationError.invalidTrials(-1, minimum: 0).description, NumberParsing.ListError.empty.description,
               NumberParsing.ListError.emptyEntry(list: "1,,2").description, NumberParsing.ListError.notANumber("x").description]
    }

    func testNoLibraryErrorNamesACommandLineFlag() {
        for text in Self.descriptions {
            XCTAssertFalse(text.contains("--"), text)
            XCTAssertFalse(text.isEmpty)
            XCTAssertFalse(text.contains("\n"), text)
        }
        XCTAssertGreaterThan(Self.descriptions.count, 100)
    }

    /// The lists above hold every case: each switch has no default, so a new case does not compile
    /// until it is listed here, and the count checks the list holds an example of it.
    func testTheListsCoverEveryCase() {
        func index(_ error: ModelError) -> Int {
            switch error {
            case .unknownSpec: return 0
            case .missingSpecValue: return 1
            case .unexpectedSpecValue: return 2
            case .notANumber: return 3
            case .conditionNumberBelowOne: return 4
            case .negativeExponent: return 5
            case .invalidSeed: return 6
            case .invalidDimension: return 7
            case .dimensionTooLarge: return 8
            case .truncationAboveDimension: return 9
            case .dimensionRequired: return 10
            case .spectrumUnderflow: return 11
            case .unsupportedSpectrum: return 12
            case .notFiniteNonNegative: return 13
            case .invalidSampleSize: return 14
            case .nonIntegerSampleSize: return 15
            case .sampleSizeTooLarge: return 16
            case .dependentFeatures: return 17
            case .invalidLambda: return 18
            case .quadratureDidNotConverge: return 19
            case .population: return 20
            }
        }
        func index(_ problem: PopulationProblem) -> Int {
            switch problem {
            case .noFeatureColumns: return 0
            case .raggedRow: return 1
            case .notFinite: return 2
            case .tooFewRows: return 3
            case .zeroRow: return 4
            case .repeatedRows: return 5
            case .rankDeficient: return 6
            case .scale: return 7
            }
        }
        func index(_ problem: InputFileError.Problem) -> Int {
            switch problem {
            case .missing: return 0
            case .directory: return 1
            case .unreadable: return 2
            case .tooLarge: return 3
            case .notText: return 4
            case .notUTF8: return 5
            case .noData: return 6
            case .notCSV: return 7
            case .malformedCSV: return 8
            case .notANumber: return 9
            case .ragged: return 10
            case .noNumbers: return 11
            case .nonPositiveEigenvalue: return 12
            case .notSquare: return 13
            case .notSymmetric: return 14
            case .notPositiveDefinite: return 15
            case .dimension: return 16
            case .noFeatureColumns: return 17
            case .noSuchColumn: return 18
            case .columnOutOfRange: return 19
            case .npy: return 20
            case .wideWeightMatrix: return 21
            case .eigenvalueOutOfRange: return 22
            }
        }
        func index(_ error: GridError) -> Int {
            switch error {
            case .listWithBounds: return 0
            case .invalidSampleSize: return 1
            case .emptyRange: return 2
            case .invalidPointCount: return 3
            case .dimensionBelowOne: return 4
            case .dimensionAboveModel: return 5
            case .emptyDimensionRange: return 6
            case .tooManyPoints: return 7
            }
        }
        XCTAssertEqual(Set(Self.modelErrors.map(index)), Set(0...20))
        let populations = Self.modelErrors.compactMap { error -> PopulationProblem? in
            if case .population(let problem, _) = error { return problem } else { return nil }
        }
        XCTAssertEqual(Set(populations.map(index)), Set(0...7))
        XCTAssertEqual(Set(Self.fileProblems.map(index)), Set(0...22))
        XCTAssertEqual(Set(Self.gridErrors.map(index)), Set(0...7))
        XCTAssertEqual(Set(Self.modelErrors.map(\.parameter)), Set(ModelParameter.allCases))
        XCTAssertEqual(Set(Self.gridErrors.map(\.parameter)), Set(GridParameter.allCases))
    }

    /// Values a user typed are echoed escaped and cut, so a hostile path or spec stays one short line.
    func testUserTextStaysOneLine() {
        let hostile = "a\nb\r" + String(repeating: "x", count: 5000)
        let texts = [ModelError.unknownSpec(.spectrum, text: hostile).description, ModelError.invalidSeed(hostile).description,
                     InputFileError(path: hostile, role: .eigenvalues, problem: .notANumber(text: hostile, at: .line(1))).description,
                     ModelError.population(.zeroRow(1), path: hostile).description]
        for text in texts {
            XCTAssertFalse(text.contains("\n") || text.contains("\r"), text)
        }
        XCTAssertLessThan(texts[0].count, 300)
    }

    func testErrorsCarryTheOffendingValue() throws {
        XCTAssertThrowsError(try CovarianceModel(spec: .isotropic, d: 0)) { XCTAssertEqual($0 as? ModelError, .invalidDimension(0)) }
        XCTAssertThrowsError(try SpectrumSpec(parsing: "geometric:0.5")) {
            XCTAssertEqual($0 as? ModelError, .conditionNumberBelowOne(kind: "geometric", value: 0.5))
        }
        let missing = NSTemporaryDirectory() + "ddcalc-missing-\(UUID().uuidString).txt"
        XCTAssertThrowsError(try CovarianceModel(spec: .file(missing), d: nil)) {
            XCTAssertEqual($0 as? InputFileError, InputFileError(path: missing, role: .eigenvalues, problem: .missing))
        }
        let w = try TestModels.temporaryFile("1 2 x", suffix: ".txt")
        XCTAssertThrowsError(try TestModels.model(.isotropic, d: 3, wstar: .file(w))) {
            XCTAssertEqual($0 as? InputFileError, InputFileError(path: w, role: .wstar, problem: .notANumber(text: "x", at: .entry(3))))
        }
    }
}
