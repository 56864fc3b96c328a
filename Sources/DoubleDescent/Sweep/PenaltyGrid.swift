import DDElementary

/// The penalties lambda of a ridge path (`sweep --vary lambda`, docs/OUTPUT.md): `count` values from
/// `low` to `high`, logarithmically spaced when the range is positive (low (high / low)^t), evenly
/// otherwise (a range that reaches zero or below, down to lambda_min). The last value is `high`
/// exactly. Computed with DDElementary's pow, so the grid, like every printed number, has the same
/// bits on every machine.
public enum PenaltyGrid {
    public static func values(low: Double, high: Double, count: Int) -> [Double] {
        guard count > 1 else { return [high] }
        return (0..<count).map { i in
            let t = Double(i) / Double(count - 1)
            if i == count - 1 { return high }
            return low > 0 ? low * Elementary.pow(high / low, t) : low + (high - low) * t
        }
    }
}
