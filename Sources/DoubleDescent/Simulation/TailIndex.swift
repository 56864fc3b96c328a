import DDElementary

/// Hill's estimator of the tail index of positive data (Hill, Ann. Statist. 3(5), 1975): with
/// x_(1) >= x_(2) >= ... the order statistics and k of them in the tail,
/// 1 / alphaHat = (1/k) sum_{i <= k} log(x_(i) / x_(k+1)). A law has finite variance only when its
/// tail index exceeds 2; alphaHat has relative standard error about 1 / sqrt(k).
package enum TailIndex {
    /// The estimate and the number k of order statistics used (k = floor(sqrt(count)), at least 10),
    /// or nil with fewer than 40 values or a non-positive threshold x_(k+1).
    static func hill(_ values: UnsafeBufferPointer<Double>) -> (alpha: Double, k: Int)? {
        guard values.count >= 40 else { return nil }
        let k = max(10, Int(Double(values.count).squareRoot()))
        let top = values.sorted(by: >).prefix(k + 1)
        let threshold = top[k]
        guard threshold > 0, threshold.isFinite else { return nil }
        let meanLogExcess = top.prefix(k).reduce(0) { $0 + Elementary.log($1 / threshold) } / Double(k)
        return (meanLogExcess > 0 ? 1 / meanLogExcess : .infinity, k)
    }

    /// True when the data show, with about two standard errors to spare, a tail index below 2
    /// (infinite variance): alphaHat (1 + 2 / sqrt(k)) < 2.
    package static func showsInfiniteVariance(_ values: UnsafeBufferPointer<Double>) -> Bool {
        guard let (alpha, k) = hill(values) else { return false }
        return alpha * (1 + 2 / Double(k).squareRoot()) < 2
    }
}
