import DDInput
import DDRandom

/// The largest expected sample size n at which a design can be drawn: 2^52 (about 4.5e15).
///
/// The surrogate's rows beyond d are Poisson(n - d), exact up to a mean of 2^52
/// (`RandomStream.maximumPoissonMean`); an i.i.d. design has n rows, counted in `Int`. Such row
/// counts are far beyond any memory (the memory estimate refuses much earlier); this limit only keeps
/// a huge --n from reaching a trap. The closed forms have no such limit.
public enum SampleSizeLimit {
    public static let maximum = RandomStream.maximumPoissonMean

    /// Throws a one-line error naming `flag` when a design at expected size n cannot be drawn.
    public static func check(_ n: Double, flag: String) throws {
        guard n <= maximum else {
            throw InputError("\(flag): cannot draw a design at n = \(n); a draw has at most 2^52 (about 4.5e15) rows "
                + "(the closed forms alone, --trials 0 or `ddcalc point`, have no limit)")
        }
    }
}
