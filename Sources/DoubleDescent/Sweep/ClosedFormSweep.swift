import DDSimulation
import DDTheory
import Foundation

/// Closed forms along a grid of n, fixed chunks of the grid spread over threads.
///
/// Every point is evaluated from the model and its own n alone (`ClosedFormCalculator`): nothing
/// is carried from one point to the next, so a point has the same bits in any grid, in any order,
/// in a shard, with any number of threads, and as printed by `ddcalc point`.
public enum ClosedFormSweep {
    static let chunkSize = 32

    /// The closed forms at every n of `ns`, in order; throws `ModelError.invalidSampleSize` for an n
    /// that is not positive and finite.
    public static func evaluate(_ calculator: ClosedFormCalculator, ns: [Double], threads: Int) throws -> [ClosedForms] {
        for n in ns { try ClosedFormCalculator.check(n: n) }
        let chunks = stride(from: 0, to: ns.count, by: chunkSize).map { $0..<min($0 + chunkSize, ns.count) }
        var results = [ClosedForms?](repeating: nil, count: ns.count)
        let lock = NSLock()
        ParallelFor.run(count: chunks.count, threads: threads) { c in
            let local = ns[chunks[c]].map { calculator.evaluateChecked(n: $0) }
            lock.lock()
            for (offset, point) in local.enumerated() { results[chunks[c].lowerBound + offset] = point }
            lock.unlock()
        }
        return results.map { $0! }
    }
}
