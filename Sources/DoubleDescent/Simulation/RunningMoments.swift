/// Mean and variance of a stream of numbers by Welford's update (Welford 1962; Knuth, TAOCP vol. 2,
/// 4.2.2): no catastrophic cancellation, unlike the textbook sum of squares minus squared sum.
struct RunningMoments {
    private(set) var count = 0
    private(set) var mean = 0.0
    /// Sum of squared deviations from the running mean.
    private var m2 = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// The unbiased sample variance (0 for fewer than two values).
    var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }

    /// Standard error of the mean, sqrt(variance / count); nil for fewer than two values.
    var standardError: Double? { count > 1 ? (variance / Double(count)).squareRoot() : nil }
}
