import DDModel
import DDRandom

/// The largest expected sample size n at which a design can be drawn: 2^52 (about 4.5e15).
///
/// The surrogate's rows beyond d are Poisson(n - d), exact up to a mean of 2^52
/// (`RandomStream.maximumPoissonMean`); an i.i.d. design has n rows, counted in `Int`. Such row
/// counts are far beyond any memory (the memory estimate refuses much earlier); this limit only keeps
/// a huge n from reaching a trap. The closed forms have no such limit.
public enum SampleSizeLimit {
    public static let maximum = RandomStream.maximumPoissonMean

    /// Throws `ModelError.invalidSampleSize` when n is not positive and finite, and
    /// `ModelError.sampleSizeTooLarge` when a design at expected size n cannot be drawn.
    public static func check(_ n: Double) throws {
        guard n > 0, n.isFinite else { throw ModelError.invalidSampleSize(n) }
        guard n <= maximum else { throw ModelError.sampleSizeTooLarge(n, limit: maximum) }
    }
}
