/// Sums of squares of contiguous doubles, for the Monte Carlo's traces of inverses.
package enum SquaredNorm {
    /// x_0^2 + ... + x_(n-1)^2, accumulated in eight interleaved lanes (two SIMD4 vectors: x_i goes to
    /// lane i mod 8) over the first 8 floor(n / 8) values, the rest summed one by one; the lanes are
    /// added up at the end, then the rest. A single running sum makes each addition wait for the
    /// previous one; the lanes let the additions overlap and vectorise. The order is fixed, so the
    /// result is deterministic.
    package static func of(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        var even = SIMD4<Double>.zero, odd = SIMD4<Double>.zero
        let raw = UnsafeRawPointer(x)
        var i = 0
        while i + 8 <= n {
            let a = raw.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            let b = raw.loadUnaligned(fromByteOffset: 8 * (i + 4), as: SIMD4<Double>.self)
            even.addProduct(a, a)
            odd.addProduct(b, b)
            i += 8
        }
        var tail = 0.0
        while i < n {
            tail += x[i] * x[i]
            i += 1
        }
        return (even + odd).sum() + tail
    }
}
