import DDElementary

/// alpha_n = P(K = d) under the surrogate design, always handled through
/// L = -log alpha_n so that it never underflows before it must
/// (docs/MATH.md, "alpha_n and its complement").
enum Alpha {
    /// Above this, alpha = exp(-L) is below the smallest subnormal double.
    static let underflowLog = 746.0

    /// -log alpha_n = sum_i log1p(lambda / s_i) for n < d.
    ///
    /// Since log1p(u) >= u / (1 + u), L >= sum_i lambda/(s_i + lambda) = d - n,
    /// so when d - n exceeds the underflow threshold alpha is exactly 0 and no
    /// sum is needed; otherwise the terms are added from the smallest
    /// eigenvalue up (largest terms first) in blocks, stopping as soon as the
    /// partial sum passes the threshold. Returns +infinity for "alpha = 0".
    static func negativeLog(eigenvalues s: UnsafeBufferPointer<Double>, lambda: Double, n: Double) -> Double {
        if Double(s.count) - n > underflowLog { return .infinity }
        var total = 0.0, compensation = 0.0
        var end = s.count
        while end > 0 {
            let start = max(0, end - SpectralSums.blockSize)
            var block = 0.0
            for i in stride(from: end - 1, through: start, by: -1) { block += Elementary.log1p(lambda / s[i]) }
            // Neumaier-compensated accumulation of the block sums.
            let t = total + block
            compensation += abs(total) >= abs(block) ? (total - t) + block : (block - t) + total
            total = t
            if total > underflowLog { return .infinity }
            end = start
        }
        return total + compensation
    }

    /// (alpha, 1 - alpha) from L = -log alpha, with 1 - alpha = -expm1(-L).
    static func fromNegativeLog(_ l: Double) -> (alpha: Double, complement: Double) {
        l.isInfinite ? (0, 1) : (Elementary.exp(-l), -Elementary.expm1(-l))
    }
}
