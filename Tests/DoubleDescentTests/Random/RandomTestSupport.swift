@testable import DDTheory
import Foundation
import XCTest

// Statistical helpers for the Random tests. Every assertion here is a hypothesis test at a stated level;
// the tests use fixed seeds, so each is deterministic, and the level bounds the chance that a correct
// generator would fail for a seed picked at random.

/// Two-sided z bound: a correct estimator lies within 5 standard errors except with probability
/// 5.7e-7 (normal approximation of the estimator, n >= 1e4 throughout).
let zBound = 5.0

/// Level for the Kolmogorov–Smirnov and chi-square goodness-of-fit tests.
let goodnessOfFitLevel = 1e-5

/// Asserts |estimate - expected| <= zBound * standardError, the standard error being derived from the
/// exact law under test (never from the tolerance one hopes for).
func assertWithinStandardErrors(
    _ estimate: Double, expected: Double, standardError: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let z = (estimate - expected) / standardError
    XCTAssertLessThanOrEqual(
        abs(z), zBound, "\(what): estimate \(estimate), expected \(expected), z = \(z)", file: file, line: line)
}

/// Asserts that a binomial count of `successes` in `trials` is consistent with probability p.
func assertBinomialFrequency(
    _ successes: Int, trials: Int, probability p: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    assertWithinStandardErrors(
        Double(successes) / Double(trials), expected: p,
        standardError: (p * (1 - p) / Double(trials)).squareRoot(), what, file: file, line: line)
}

/// Mean of f over the samples.
func sampleMean<S: Sequence>(_ samples: S, _ f: (S.Element) -> Double) -> Double {
    var sum = 0.0
    var count = 0
    for s in samples {
        sum += f(s)
        count += 1
    }
    return sum / Double(count)
}

/// Standard normal CDF, from erfc so that both tails keep full relative accuracy.
func normalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}

/// The Kolmogorov–Smirnov distance sup |F_n - F| between the samples' empirical CDF and a continuous CDF.
func kolmogorovSmirnovDistance(_ samples: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var distance = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        distance = max(distance, Double(i + 1) / n - f, f - Double(i) / n)
    }
    return distance
}

/// KS critical value at `goodnessOfFitLevel` from the Dvoretzky–Kiefer–Wolfowitz inequality with Massart's
/// constant (Ann. Probab. 18, 1990): P(sup |F_n - F| > eps) <= 2 exp(-2 n eps^2) for every n, so
/// eps = sqrt(ln(2 / alpha) / (2n)) is a valid and, at small alpha, essentially exact critical value
/// (it is the leading term of Kolmogorov's asymptotic series).
func kolmogorovSmirnovCriticalValue(sampleCount n: Int) -> Double {
    (log(2 / goodnessOfFitLevel) / (2 * Double(n))).squareRoot()
}

/// Asserts that the samples are consistent with the continuous CDF by the Kolmogorov–Smirnov test.
func assertKolmogorovSmirnov(
    _ samples: [Double], cdf: (Double) -> Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let distance = kolmogorovSmirnovDistance(samples, cdf: cdf)
    let critical = kolmogorovSmirnovCriticalValue(sampleCount: samples.count)
    XCTAssertLessThanOrEqual(
        distance, critical, "\(what): KS distance \(distance) > \(critical) (n = \(samples.count))",
        file: file, line: line)
}

/// Pearson's chi-square test of observed counts against cell probabilities. Cells are pooled left to
/// right until each expected count is at least 5 (a remainder joins the last pooled cell), and the
/// statistic is referred to chi-square with (pooled cells - 1) degrees of freedom.
func chiSquareTest(
    observed: [Int], probabilities: [Double]
) -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
    precondition(observed.count == probabilities.count)
    let n = Double(observed.reduce(0, +))
    var cells: [(observed: Double, expected: Double)] = []
    var pending = (observed: 0.0, expected: 0.0)
    for (o, p) in zip(observed, probabilities) {
        pending.observed += Double(o)
        pending.expected += n * p
        if pending.expected >= 5 {
            cells.append(pending)
            pending = (0, 0)
        }
    }
    if cells.isEmpty {
        cells.append(pending)
    } else {
        cells[cells.count - 1].observed += pending.observed
        cells[cells.count - 1].expected += pending.expected
    }
    let statistic = cells.reduce(0.0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
    let degreesOfFreedom = cells.count - 1
    return (statistic, degreesOfFreedom, chiSquareSurvival(statistic, degreesOfFreedom: Double(degreesOfFreedom)))
}

/// Asserts that observed counts fit the cell probabilities by `chiSquareTest` at `goodnessOfFitLevel`.
func assertChiSquareFit(
    observed: [Int], probabilities: [Double], _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let test = chiSquareTest(observed: observed, probabilities: probabilities)
    XCTAssertGreaterThan(
        test.pValue, goodnessOfFitLevel,
        "\(what): chi-square \(test.statistic) on \(test.degreesOfFreedom) df, p = \(test.pValue)",
        file: file, line: line)
}

/// P(chi-square with nu degrees of freedom > x) = Q(nu/2, x/2).
func chiSquareSurvival(_ x: Double, degreesOfFreedom nu: Double) -> Double {
    regularizedGammaQ(0.5 * nu, 0.5 * x)
}

/// The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a): the library's
/// (`IncompleteGamma`, which `RandomTestSupportTests` checks against closed forms).
func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    IncompleteGamma.regularized(a, x).p
}

/// The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate in the far tail.
func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    IncompleteGamma.regularized(a, x).q
}
