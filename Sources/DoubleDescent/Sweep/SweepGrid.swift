import DDInput

/// The expected sample sizes n of a sweep at fixed d (docs/OUTPUT.md, "Sweep rows").
public enum SweepGrid {
    /// Default: n = 1, 2, ..., 2d when 2d <= 400, else 200 points over (0, 2d].
    /// With any of nMin, nMax, points given, `points` evenly spaced values in
    /// [nMin, nMax], the missing ones taken from that default. `list` (--ns)
    /// excludes the other three.
    public static func values(d: Int, nMin: Double?, nMax: Double?, points: Int?, list: [Double]?) throws -> [Double] {
        if let list {
            guard nMin == nil, nMax == nil, points == nil else {
                throw InputError("--ns: cannot be combined with --n-min, --n-max or --points")
            }
            for n in list where !(n > 0 && n.isFinite) {
                throw InputError("--ns: every n must be a positive finite number, got \(n)")
            }
            return list
        }
        let defaultPoints = 2 * d <= 400 ? 2 * d : 200
        let count = points ?? defaultPoints
        guard count >= 1 else { throw InputError("--points: must be at least 1, got \(count)") }
        let upper = nMax ?? 2 * Double(d)
        guard upper > 0, upper.isFinite else { throw InputError("--n-max: n must be a positive finite number, got \(upper)") }
        let lower = nMin ?? upper / Double(count)
        guard lower > 0, lower.isFinite else { throw InputError("--n-min: n must be a positive finite number, got \(lower)") }
        guard lower <= upper else { throw InputError("--n-min (\(lower)) is larger than --n-max (\(upper))") }
        guard count > 1 else { return [lower] }
        let step = (upper - lower) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? upper : lower + step * Double($0) }
    }
}
