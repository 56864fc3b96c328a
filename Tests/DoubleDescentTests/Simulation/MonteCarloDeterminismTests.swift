@testable import DDModel
@testable import DDSimulation
@testable import DDTheory
import XCTest

/// Every Monte Carlo number is a pure function of the inputs and the seed.
final class MonteCarloDeterminismTests: XCTestCase {
    /// Both kinds of draw: rows and the solver (geometric spectrum), singular values (isotropic).
    func testSameBitsForAnyThreadCountAndGrid() throws {
        for spectrum in [SpectrumSpec.geometric(10), .isotropic] {
            let model = try TestModels.model(spectrum, d: 8, wstar: .random(seed: 2))
            let calculator = ClosedFormCalculator(model: model)
            let points = try [1.5, 4, 7, 8, 9, 12, 20].map { try calculator.evaluate(n: $0) }
            func run(threads: Int, _ points: [ClosedForms]) throws -> [MonteCarloPoint] {
                let settings = MonteCarloSettings(trials: 150, seed: 42, designs: [.surrogate, .iid], threads: threads)
                return try MonteCarloSimulator(model: model, settings: settings).run(points)
            }
            let one = try run(threads: 1, points)
            for threads in [2, 5] {
                XCTAssertEqual(bits(try run(threads: threads, points)), bits(one), "\(spectrum) threads = \(threads)")
            }
            // A point's numbers do not depend on the rest of the grid either.
            XCTAssertEqual(bits(try run(threads: 3, [points[5]])), bits([one[5]]), "\(spectrum)")
            // And a different seed gives different numbers.
            let settings = MonteCarloSettings(trials: 150, seed: 43, designs: [.surrogate], threads: 2)
            XCTAssertNotEqual(try MonteCarloSimulator(model: model, settings: settings).run([points[0]])[0].surrogate?.mean,
                              one[0].surrogate?.mean, "\(spectrum)")
        }
    }

    private func bits(_ points: [MonteCarloPoint]) -> [[UInt64?]] {
        points.map { p in
            [p.surrogate?.mean?.bitPattern, p.surrogate?.standardError?.bitPattern, p.surrogate?.meanRows?.bitPattern,
             p.iid?.mean?.bitPattern, p.iid?.standardError?.bitPattern, p.heavyTail ? 1 : 0]
        }
    }

    func testCancellationStopsTheRun() throws {
        let model = try TestModels.model(.isotropic, d: 10)
        let cancellation = Cancellation()
        cancellation.cancel()
        let settings = MonteCarloSettings(trials: 1000, seed: 1, designs: [.surrogate], threads: 2)
        XCTAssertThrowsError(try MonteCarloSimulator(model: model, settings: settings)
            .run([try ClosedFormCalculator(model: model).evaluate(n: 5)], cancellation: cancellation))
    }
}
