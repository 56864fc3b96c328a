import DDLinearAlgebra
import Foundation

/// A test that a Monte Carlo mean of N vectors in R^d equals a given vector mu0, from the sample
/// mean and the sample covariance S.
///
/// - N >= 5 d: Hotelling's T^2 = N (mean - mu0)^T S^-1 (mean - mu0), with
///   (N - d) / (d (N - 1)) T^2 ~ F(d, N - d) under the null (exact for Gaussian draws, and by the
///   central limit theorem whenever the draws have finite covariance). S^-1 by Cholesky.
/// - Otherwise S is too noisy to invert: per-coordinate t statistics (mean_i - mu0_i) / sqrt(S_ii / N)
///   with N - 1 degrees of freedom and a Bonferroni correction, p = min(1, d min_i p_i).
/// A coordinate with zero sample variance (a degenerate, deterministic coordinate) passes when the
/// mean equals mu0 to rounding and fails otherwise; Hotelling falls back to the coordinate test
/// when S is singular.
public struct MeanTest: Sendable {
    public enum Method: String, Sendable {
        case hotelling
        case bonferroni
    }

    public let method: Method
    /// Hotelling's T^2, or the largest |t| of the coordinate test.
    public let statistic: Double
    public let pValue: Double

    /// `covariance` is the full symmetric column-major d x d sample covariance.
    package init(mean: [Double], covariance: [Double], count: Int, hypothesis mu0: [Double]) {
        let d = mean.count
        precondition(count >= 2 && mu0.count == d && covariance.count == d * d)
        let difference = zip(mean, mu0).map { $0 - $1 }
        if count >= 5 * d, let t2 = Self.hotellingT2(difference, covariance: covariance, count: count) {
            let n = Double(count), dd = Double(d)
            method = .hotelling
            statistic = t2
            pValue = IncompleteBeta.fDistributionUpperTail((n - dd) / (dd * (n - 1)) * t2, d1: dd, d2: n - dd)
            return
        }
        method = .bonferroni
        var largest = 0.0, smallestP = 1.0
        for i in 0..<d {
            let variance = covariance[i + i * d]
            let p: Double, t: Double
            if variance > 0 {
                t = difference[i] / (variance / Double(count)).squareRoot()
                p = IncompleteBeta.studentTwoSided(t, degreesOfFreedom: Double(count - 1))
            } else {
                let exact = abs(difference[i]) <= 1e-12 * max(abs(mean[i]), abs(mu0[i]), Double.leastNormalMagnitude)
                (t, p) = exact ? (0, 1) : (.infinity, 0)
            }
            largest = max(largest, abs(t))
            smallestP = min(smallestP, p)
        }
        statistic = largest
        pValue = min(1, Double(d) * smallestP)
    }

    /// N v^T S^-1 v by Cholesky, or nil if S is not numerically positive definite.
    static func hotellingT2(_ v: [Double], covariance: [Double], count: Int) -> Double? {
        guard let solution = Cholesky.solve(covariance, v, relativePivotFloor: 1e-7) else { return nil }
        return Double(count) * zip(v, solution).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
