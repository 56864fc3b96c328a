/// Mean vector and sample covariance of a stream of vectors by Welford's update, generalised to
/// vectors (Welford 1962; the co-moment form of Chan, Golub and LeVeque 1983): with
/// delta = x - mean_old, mean += delta / k and M += delta (x - mean_new)^T. No sum of squares minus
/// squared sum, so no cancellation when the mean is large against the spread. The result depends on
/// the order of the vectors, which callers keep fixed (trial order).
package struct VectorMoments: Sendable {
    package let dimension: Int
    package private(set) var count = 0
    package private(set) var mean: [Double]
    /// Upper triangle (column-major, full d x d storage) of the sum of outer products of deviations.
    private var comoment: [Double]

    package init(dimension d: Int) {
        dimension = d
        mean = [Double](repeating: 0, count: d)
        comoment = [Double](repeating: 0, count: d * d)
    }

    package mutating func add(_ x: UnsafeBufferPointer<Double>) {
        precondition(x.count == dimension)
        let d = dimension
        count += 1
        let k = Double(count)
        var delta = [Double](repeating: 0, count: d)
        for i in 0..<d {
            delta[i] = x[i] - mean[i]
            mean[i] += delta[i] / k
        }
        comoment.withUnsafeMutableBufferPointer { m in
            for j in 0..<d {
                let after = x[j] - mean[j]
                for i in 0...j { m[i + j * d] += delta[i] * after }
            }
        }
    }

    /// The unbiased sample covariance (divisor count - 1), full symmetric column-major d x d.
    package var covariance: [Double] {
        let d = dimension, scale = count > 1 ? 1 / Double(count - 1) : 0
        var c = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for i in 0...j {
                c[i + j * d] = comoment[i + j * d] * scale
                c[j + i * d] = c[i + j * d]
            }
        }
        return c
    }
}
