@testable import DDModel
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The two samplers (`MonteCarloSampler`): `.rows` draws every design as explicit rows and solves
/// it by LAPACK; `.exactLaw` (the default) takes the derived shortcuts for Gaussian draws. At
/// points away from the heavy tail (asserted) both agree with the closed forms and with each other
/// within |z| < 4, z from their reported standard errors, and their errors differ in bits: they
/// are two paths. Other feature laws and data sets have no shortcut: there the samplers are one
/// path and give the same bits.
final class MonteCarloSamplerTests: XCTestCase {
    private func simulate(_ model: RegressionModel, _ points: [ClosedForms], design: DesignKind, trials: Int,
                          sampler: MonteCarloSampler, threads: Int = 2, seed: UInt64 = 11) throws -> [MonteCarloPoint] {
        let settings = MonteCarloSettings(trials: trials, seed: seed, designs: [design], threads: threads, sampler: sampler)
        return try MonteCarloSimulator(model: model, settings: settings).run(points)
    }

    /// A `file:` spectrum of 20 values in no particular order (the file's coordinates are permuted).
    private func fileSpectrumModel() throws -> RegressionModel {
        let values: [Double] = (0..<20).map { i in
            let j = Double((i * 7) % 20)
            return 0.1 + j * j / 40
        }
        let path = try TestModels.temporaryFile(values.map { "\($0)" }.joined(separator: "\n") + "\n", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try TestModels.model(.file(path), d: nil, wstar: .random(seed: 6), sigma: 0.5)
    }

    func testBothSamplersAgreeWithTheoryAndEachOtherAndDifferInBits() throws {
        let models: [(String, RegressionModel)] = [
            ("isotropic", try TestModels.model(.isotropic, d: 20, wstar: .random(seed: 3), wnorm: 2, sigma: 0.7)),
            ("geometric:10", try TestModels.model(.geometric(10), d: 20, wstar: .random(seed: 4), sigma: 1)),
            ("file", try fileSpectrumModel()),
        ]
        // Below d (real n included) and above it, away from n = d where the error is heavy tailed.
        let cases: [(DesignKind, [Double])] = [(.surrogate, [4, 7.5, 36.5, 50]), (.iid, [3, 10, 40])]
        let trials = 3000
        var report: [String] = []
        for (name, model) in models {
            XCTAssertEqual(model.d, 20)
            let calculator = ClosedFormCalculator(model: model)
            for (design, ns) in cases {
                let points = try ns.map { try calculator.evaluate(n: $0) }
                let exact = try simulate(model, points, design: design, trials: trials, sampler: .exactLaw)
                let rows = try simulate(model, points, design: design, trials: trials, sampler: .rows)
                for (index, point) in points.enumerated() {
                    let what = "\(name) \(design) n = \(point.n)"
                    let a = try XCTUnwrap(exact[index].estimate(design)), b = try XCTUnwrap(rows[index].estimate(design))
                    XCTAssertFalse(a.heavyTail || b.heavyTail, "\(what): chosen away from the heavy tail")
                    let (ma, sa) = (try XCTUnwrap(a.mean), try XCTUnwrap(a.standardError))
                    let (mb, sb) = (try XCTUnwrap(b.mean), try XCTUnwrap(b.standardError))
                    XCTAssertNotEqual(ma.bitPattern, mb.bitPattern, "\(what): the samplers gave the same bits")
                    // Both draw the row count first, the same way from the same stream: the same counts.
                    XCTAssertEqual(a.meanRows, b.meanRows, "\(what): row counts")
                    // The samplers share the row counts, so their errors are positively correlated and
                    // this z (independent standard errors) is conservative.
                    let between = (ma - mb) / (sa * sa + sb * sb).squareRoot()
                    XCTAssertLessThan(abs(between), 4, "\(what): exact-law \(ma) +- \(sa), rows \(mb) +- \(sb)")
                    let theory = design == .surrogate ? point.surrogateRisk : point.iidExactRisk
                    var line = "\(what): z(rows - exact-law) = \(String(format: "%+.2f", between))"
                    if let theory {
                        let za = (ma - theory) / sa, zb = (mb - theory) / sb
                        XCTAssertLessThan(abs(za), 4, "\(what): exact-law \(ma) +- \(sa) vs theory \(theory)")
                        XCTAssertLessThan(abs(zb), 4, "\(what): rows \(mb) +- \(sb) vs theory \(theory)")
                        line += String(format: ", z(exact-law - theory) = %+.2f, z(rows - theory) = %+.2f", za, zb)
                    }
                    report.append(line)
                }
            }
        }
        // Theory exists for every surrogate point and the i.i.d. points of the isotropic model and at n = 40.
        XCTAssertEqual(report.filter { $0.contains("theory") }.count, 3 * 4 + 3 + 2)
        print("MonteCarloSamplerTests (\(trials) trials each):\n" + report.joined(separator: "\n"))
    }

    /// Without a shortcut the samplers are the same path: the same bits, and the closed forms.
    func testOtherFeatureLawsAndDataSetsAreOnePath() throws {
        // Uniform features without noise (the error is then bounded: no heavy tail at any n < d).
        let uniform = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 8), wstar: .random(seed: 7),
                                          wnorm: 1, sigma: 0, features: .uniform)
        let population = try DataSetTestSupport.population(n: 30, d: 8, seed: 51)
        let data = try RegressionModel(population: population, wstar: .random(seed: 52), wnorm: 1, sigma: 0.6)
        for (name, model, ns) in [("uniform", uniform, [1.5, 2.5, 5.5]), ("data set", data, [0.7, 2, 3.5, 5])] {
            let calculator = ClosedFormCalculator(model: model)
            let points = try ns.map { try calculator.evaluate(n: $0) }
            let exact = try simulate(model, points, design: .surrogate, trials: 3000, sampler: .exactLaw)
            let rows = try simulate(model, points, design: .surrogate, trials: 3000, sampler: .rows)
            XCTAssertEqual(rows, exact, "\(name): one path, the same bits")
            for (point, result) in zip(points, rows) {
                let mc = try XCTUnwrap(result.surrogate)
                XCTAssertTrue(point.theoryExact, "\(name) n = \(point.n)")
                let z = (mc.mean! - point.surrogateRisk!) / mc.standardError!
                XCTAssertLessThan(abs(z), 4, "\(name) n = \(point.n): MC \(mc.mean!) +- \(mc.standardError!) vs \(point.surrogateRisk)")
            }
        }
    }

    /// The rows sampler is a pure function of the inputs and the seed, like the default.
    func testRowsSamplerGivesTheSameBitsForAnyThreadCountAndGrid() throws {
        for spectrum in [SpectrumSpec.isotropic, .geometric(10)] {
            let model = try TestModels.model(spectrum, d: 8, wstar: .random(seed: 2))
            let calculator = ClosedFormCalculator(model: model)
            let points = try [1.5, 4, 7, 8, 9, 12, 20].map { try calculator.evaluate(n: $0) }
            func run(threads: Int, _ points: [ClosedForms]) throws -> [MonteCarloPoint] {
                let settings = MonteCarloSettings(trials: 150, seed: 42, designs: [.surrogate, .iid], threads: threads,
                                                  sampler: .rows)
                return try MonteCarloSimulator(model: model, settings: settings).run(points)
            }
            let one = try run(threads: 1, points)
            XCTAssertEqual(try run(threads: 2, points), one, "\(spectrum): 1 and 2 threads")
            XCTAssertEqual(try run(threads: 3, [points[5]]), [one[5]], "\(spectrum): a point alone")
            let settings = MonteCarloSettings(trials: 150, seed: 42, designs: [.surrogate, .iid], threads: 2)
            XCTAssertNotEqual(try MonteCarloSimulator(model: model, settings: settings).run(points), one,
                              "\(spectrum): the default sampler is another path")
        }
    }

    /// The rows sampler's workers hold a design and the solver, for Gaussian models too.
    func testRowsSamplerMemoryIsTheExplicitRowsFigure() throws {
        let model = try TestModels.model(.geometric(10), d: 50)
        let rows = MonteCarloSimulator(model: model, settings: MonteCarloSettings(trials: 1, seed: 1, designs: [.iid],
                                                                                  threads: 1, sampler: .rows))
        let (k, d) = (80.0, 50.0)
        XCTAssertEqual(rows.workerDoubles(maxRows: 80), 5 * d * d + 3 * k * d + 4 * k + 512 * k)
        let isotropic = MonteCarloSimulator(model: try TestModels.model(.isotropic, d: 50),
                                            settings: MonteCarloSettings(trials: 1, seed: 1, designs: [.iid], threads: 1,
                                                                         sampler: .rows))
        XCTAssertEqual(isotropic.workerDoubles(maxRows: 30), 5 * 30 * 30 + 3 * 30 * d + 4 * d + 512 * d)
    }
}
