@testable import DDInput
@testable import DDModel
@testable import DDRidge
@testable import DDSampling
@testable import DDSimulation
@testable import DDSweep
@testable import DDTheory
import Foundation
import XCTest

/// The public API called with values no model or point can have (NaN, 0, negative, infinite, huge)
/// throws a typed error; it never traps (before, `evaluate(n: 0)` and several others stopped the
/// process on a precondition).
final class PublicAPIBadValueTests: XCTestCase {
    static let badSampleSizes: [Double] = [0, -1, -.infinity, .infinity, .nan, -0.0]

    private func assertThrows<T>(_ body: @autoclosure () throws -> T, _ what: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        assertThrows(nil, try body(), what, file: file, line: line)
    }

    /// `body` throws a typed library error, `expected` when given.
    private func assertThrows<T>(_ expected: ModelError?, _ body: @autoclosure () throws -> T, _ what: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), what, file: file, line: line) { error in
            XCTAssert(error is ModelError || error is GridError || error is SimulationError || error is InputFileError,
                      "\(what): \(type(of: error)) \(error)", file: file, line: line)
            if let expected { XCTAssertEqual(error as? ModelError, expected, what, file: file, line: line) }
        }
    }

    func testClosedFormsRefuseABadSampleSize() throws {
        let model = try TestModels.model(.geometric(10), d: 5)
        let calculator = ClosedFormCalculator(model: model)
        for n in Self.badSampleSizes {
            XCTAssertThrowsError(try calculator.evaluate(n: n), "n = \(n)") { error in
                guard case .invalidSampleSize(let value)? = error as? ModelError else { return XCTFail("\(error)") }
                XCTAssert(value.bitPattern == n.bitPattern, "n = \(n): \(value)")
            }
            assertThrows(try ClosedFormSweep.evaluate(calculator, ns: [1, n, 3], threads: 2), "sweep n = \(n)")
            let truncations = try ModelWiseSweep.truncations(model, dimensions: [1, 5])
            assertThrows(try ModelWiseSweep.closedForms(truncations, n: n, threads: 2), "model-wise n = \(n)")
            assertThrows(try SampleSizeLimit.check(n), "limit n = \(n)")
            assertThrows(try RidgeTarget(model: model, response: .linear, n: n), "ridge target n = \(n)")
            assertThrows(try DesignDraw(model: model, design: .surrogate, n: n, lambda: 1, seed: 1), "draw n = \(n)")
        }
        // A huge n is fine for the closed forms, not for a draw.
        XCTAssertNoThrow(try calculator.evaluate(n: 1e300))
        assertThrows(.sampleSizeTooLarge(1e300, limit: SampleSizeLimit.maximum), try SampleSizeLimit.check(1e300), "n = 1e300")
        assertThrows(try DesignDraw(model: model, design: .iid, n: 1e300, lambda: nil, seed: 1), "draw n = 1e300")
    }

    func testModelsRefuseBadParameters() throws {
        for d in [0, -3, Int.min] { assertThrows(.invalidDimension(d), try CovarianceModel(spec: .isotropic, d: d), "d = \(d)") }
        assertThrows(try CovarianceModel(spec: .isotropic, d: Int.max), "d = Int.max")
        assertThrows(.dimensionRequired(.linear(2)), try CovarianceModel(spec: .linear(2), d: nil), "no d")
        assertThrows(try CovarianceModel(spec: .data("x.csv"), d: 3), "data spectrum")
        let covariance = try CovarianceModel(spec: .isotropic, d: 3)
        for bad in [-1, Double.nan, .infinity] {
            // NaN payloads compare unequal: for NaN only the type of the error is checked.
            assertThrows(bad.isNaN ? nil : .notFiniteNonNegative(.wnorm, bad), try RegressionModel(covariance: covariance, wstar: .isotropic, wnorm: bad),
                         "wnorm \(bad)")
            assertThrows(bad.isNaN ? nil : .notFiniteNonNegative(.sigma, bad), try RegressionModel(covariance: covariance, wstar: .isotropic, sigma: bad),
                         "sigma \(bad)")
        }
        for text in ["linear:nan", "linear:inf", "geometric:0.5", "powerlaw:-1", "linear", "file:", "isotropic:2", "x"] {
            assertThrows(try SpectrumSpec(parsing: text), text)
        }
        for text in ["random:-1", "random:1e3", "file:", "top:1"] { assertThrows(try WStarSpec(parsing: text), text) }
        assertThrows(try CovarianceModel(spec: .powerlaw(1e6), d: 10), "underflowing spectrum")
    }

    func testPopulationsRefuseRowsThatCannotBeOne() {
        let cases: [([[Double]], PopulationProblem)] = [
            ([], .noFeatureColumns),
            ([[1, 2]], .tooFewRows(rows: 1, features: 2)),
            ([[1, 2], [3]], .raggedRow(2, columns: 1, expected: 2)),
            ([[1, 2], [3, 4, 5]], .raggedRow(2, columns: 3, expected: 2)),
            ([[1, .nan], [3, 4]], .notFinite(row: 1)),
            ([[1, 2], [.infinity, 4]], .notFinite(row: 2)),
            ([[1, 2], [0, 0], [3, 5]], .zeroRow(2)),
            ([[1, 2], [3, 5], [1, 2]], .repeatedRows(1, 3)),
        ]
        for (rows, problem) in cases {
            assertThrows(.population(problem, path: nil), try FinitePopulation(rows: rows, spec: .data("rows")), "\(rows)")
        }
        XCTAssertThrowsError(try FinitePopulation(rows: [[1, 2], [2, 4], [4, 8]], spec: .data("rows"))) { error in
            guard case .population(.rankDeficient(_, 3, 2), nil)? = error as? ModelError else { return XCTFail("\(error)") }
        }
    }

    func testDrawsRefuseABadLambdaOrAnIIDRealN() throws {
        let model = try TestModels.model(.geometric(10), d: 5)
        for lambda in [nil, -1, .nan, .infinity] as [Double?] {
            assertThrows(lambda?.isNaN == true ? nil : .invalidLambda(lambda), try DesignDraw(model: model, design: .surrogate, n: 2, lambda: lambda, seed: 1),
                         "lambda \(String(describing: lambda))")
        }
        assertThrows(.nonIntegerSampleSize(2.5), try DesignDraw(model: model, design: .iid, n: 2.5, lambda: nil, seed: 1), "iid n")
        XCTAssertNoThrow(try DesignDraw(model: model, design: .surrogate, n: 7, lambda: nil, seed: 1), "n >= d needs no lambda")
        assertThrows(.invalidLambda(-1), try RidgeTarget(model: model, response: .linear, ridge: -1), "ridge -1")
        assertThrows(try FeatureTruncation(model, dimension: 0), "truncation 0")
        assertThrows(.truncationAboveDimension(6, dimension: 5), try FeatureTruncation(model, dimension: 6), "truncation 6")
    }

    func testSimulationsRefuseBadTrialsAndPoints() throws {
        let model = try TestModels.model(.geometric(10), d: 5)
        let points = try [2, 7].map { try ClosedFormCalculator(model: model).evaluate(n: $0) }
        for trials in [-1, Int.min, Int.max] {
            let simulator = MonteCarloSimulator(model: model, settings: MonteCarloSettings(trials: trials, seed: 1, designs: [.surrogate],
                                                                                         threads: 1))
            XCTAssertThrowsError(try simulator.run(points)) { XCTAssertEqual($0 as? SimulationError, .invalidTrials(trials, minimum: 0)) }
            XCTAssertThrowsError(try RidgeCheck.run(model: model, response: .linear, design: .surrogate, n: 2, trials: trials, seed: 1,
                                                    threads: 1))
        }
        XCTAssertThrowsError(try RidgeCheck.run(model: model, response: .linear, design: .surrogate, n: 2, trials: 0, seed: 1, threads: 1))
        let simulator = MonteCarloSimulator(model: model, settings: MonteCarloSettings(trials: 10, seed: 1, designs: [.surrogate, .iid],
                                                                                     threads: 0))
        // ClosedForms' fields are settable: a point edited to a bad n or lambda is refused, not drawn.
        for n in Self.badSampleSizes + [1e300] {
            var point = points[0]
            point.n = n
            assertThrows(try simulator.run([point]), "point n = \(n)")
        }
        var point = points[0]
        point.lambda = nil
        assertThrows(.invalidLambda(nil), try simulator.run([point]), "point without lambda")
        point.lambda = -.infinity
        assertThrows(.invalidLambda(-.infinity), try simulator.run([point]), "point with lambda -inf")
        assertThrows(try RidgeCheck.sweep(model: model, points: [point], trials: 10, seed: 1, threads: 1), "ridge sweep")
        assertThrows(try RidgeCheck.run(model: model, response: .linear, design: .iid, n: 2.5, trials: 10, seed: 1, threads: 1), "iid 2.5")
        assertThrows(try RidgeCheck.run(model: model, response: .linear, design: .surrogate, n: .nan, trials: 10, seed: 1, threads: 1),
                     "ridge NaN")
        // Threads below 1 count as one.
        XCTAssertEqual(try simulator.run(points).count, 2)
    }

    /// The unit count of a job, read back from a checkpoint's trial count too, never overflows.
    func testUnitCountsDoNotOverflow() {
        XCTAssertEqual(MonteCarloEngine.unitsPerJob(trials: Int.max), (Int.max - 1) / MonteCarloSimulator.trialsPerUnit + 1)
        XCTAssertEqual(MonteCarloEngine.unitsPerJob(trials: 0), 0)
        XCTAssertEqual(MonteCarloEngine.unitsPerJob(trials: -5), 0)
        for trials in [1, 31, 32, 33, 150] {
            XCTAssertEqual(MonteCarloEngine.unitsPerJob(trials: trials),
                           (trials + MonteCarloSimulator.trialsPerUnit - 1) / MonteCarloSimulator.trialsPerUnit, "\(trials)")
        }
    }

    func testGridsRefuseBadBounds() {
        let cases: [(() throws -> Any, GridError)] = [
            ({ try SweepGrid.values(d: 5, nMin: nil, nMax: nil, points: nil, list: [1, .nan]) }, .invalidSampleSize(.list, .nan)),
            ({ try SweepGrid.values(d: 5, nMin: 1, nMax: nil, points: nil, list: [1]) }, .listWithBounds),
            ({ try SweepGrid.values(d: 5, nMin: nil, nMax: -1, points: nil, list: nil) }, .invalidSampleSize(.nMax, -1)),
            ({ try SweepGrid.values(d: 5, nMin: 0, nMax: nil, points: nil, list: nil) }, .invalidSampleSize(.nMin, 0)),
            ({ try SweepGrid.values(d: 5, nMin: 4, nMax: 3, points: nil, list: nil) }, .emptyRange(lower: 4, upper: 3)),
            ({ try SweepGrid.values(d: 5, nMin: nil, nMax: nil, points: 0, list: nil) }, .invalidPointCount(0)),
            ({ try DimensionGrid.values(total: 5, dMin: 0, dMax: nil, points: nil) }, .dimensionBelowOne(0)),
            ({ try DimensionGrid.values(total: 5, dMin: nil, dMax: 6, points: nil) }, .dimensionAboveModel(6, total: 5)),
            ({ try DimensionGrid.values(total: 5, dMin: 4, dMax: 2, points: nil) }, .emptyDimensionRange(lower: 4, upper: 2)),
            ({ try DimensionGrid.values(total: 5, dMin: nil, dMax: nil, points: 9) }, .tooManyPoints(9, lower: 1, upper: 5)),
        ]
        for (index, (body, expected)) in cases.enumerated() {
            XCTAssertThrowsError(try body(), "case \(index)") { error in
                // NaN payloads compare unequal: compare the descriptions.
                XCTAssertEqual((error as? GridError)?.description, expected.description, "case \(index)")
            }
        }
        // A dimension so large that 2d overflows is handled (the default grid has 200 points).
        XCTAssertEqual(try SweepGrid.values(d: Int.max, nMin: nil, nMax: 1, points: nil, list: nil).count, 200)
    }
}
