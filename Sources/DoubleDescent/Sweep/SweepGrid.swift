
/// The expected sample sizes n of a sweep at fixed d (docs/OUTPUT.md, "Sweep rows").
public enum SweepGrid {
    /// Default: n = 1, 2, ..., 2d when 2d <= 400, else 200 points over (0, 2d].
    /// With any of nMin, nMax, points given, `points` evenly spaced values in
    /// [nMin, nMax], the missing ones taken from that default. `list`
    /// excludes the other three. Throws `GridError`.
    public static func values(d: Int, nMin: Double?, nMax: Double?, points: Int?, list: [Double]?) throws -> [Double] {
        if let list {
            guard nMin == nil, nMax == nil, points == nil else { throw GridError.listWithBounds }
            for n in list where !(n > 0 && n.isFinite) { throw GridError.invalidSampleSize(.list, n) }
            return list
        }
        let defaultPoints = d >= 1 && d <= 200 ? 2 * d : 200
        let count = points ?? defaultPoints
        guard count >= 1 else { throw GridError.invalidPointCount(count) }
        let upper = nMax ?? 2 * Double(d)
        guard upper > 0, upper.isFinite else { throw GridError.invalidSampleSize(.nMax, upper) }
        let lower = nMin ?? upper / Double(count)
        guard lower > 0, lower.isFinite else { throw GridError.invalidSampleSize(.nMin, lower) }
        guard lower <= upper else { throw GridError.emptyRange(lower: lower, upper: upper) }
        guard count > 1 else { return [lower] }
        let step = (upper - lower) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? upper : lower + step * Double($0) }
    }
}
