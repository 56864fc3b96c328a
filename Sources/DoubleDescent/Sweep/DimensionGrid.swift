
/// The model dimensions d of a model-wise sweep (docs/OUTPUT.md, "Model-wise sweeps (`--vary d`)").
public enum DimensionGrid {
    /// Default: d = 1, 2, ..., D_total when D_total <= 400, else 200 evenly spaced dimensions in
    /// [1, D_total]. With any of dMin, dMax, points given: `points` evenly spaced integers in
    /// [dMin, dMax] (rounded to the nearest), the missing ones taken from that default (every
    /// integer of the range when it holds at most 400).
    /// Throws `GridError`.
    public static func values(total: Int, dMin: Int?, dMax: Int?, points: Int?) throws -> [Int] {
        let lower = dMin ?? 1, upper = dMax ?? total
        guard lower >= 1 else { throw GridError.dimensionBelowOne(lower) }
        guard upper <= total else { throw GridError.dimensionAboveModel(upper, total: total) }
        guard lower <= upper else { throw GridError.emptyDimensionRange(lower: lower, upper: upper) }
        let span = upper - lower + 1
        let count = points ?? (span <= 400 ? span : 200)
        guard count >= 1 else { throw GridError.invalidPointCount(count) }
        guard count <= span else { throw GridError.tooManyPoints(count, lower: lower, upper: upper) }
        guard count > 1 else { return [lower] }
        // lower + round(k (upper - lower) / (count - 1)) in integers; steps of at least 1 keep them distinct.
        let width = upper - lower, gaps = count - 1
        return (0..<count).map { k in lower + (k * width + gaps / 2) / gaps }
    }
}
