import DDRandom
import DDSampling

/// One unit of Monte Carlo bookkeeping: all `trials` draws of one design at one point of a sweep.
///
/// Jobs are numbered in plan order (points in order, and within a point the designs in settings
/// order); that number is how checkpoints, shards and merges refer to a job.
package struct MonteCarloJob: Sendable {
    /// Position in `MonteCarloWork.jobs`.
    package let index: Int
    /// Position of the point in the sweep.
    package let point: Int
    package let n: Double
    package let lambda: Double?
    package let design: DesignKind
    /// How the design is drawn.
    let draw: DesignPlan

    /// The largest row count a draw is likely to need (the Poisson tail for a surrogate with n > d);
    /// the per-thread buffers are sized for it.
    package func maximumRows(d: Int) -> Int { draw.typicalMaximumRows(d: d) }

    /// Trial `trial`'s own stream, keyed by (seed, bits of n, design, trial): the same draws for any
    /// thread count, grid or sharding, and for the same n in another sweep.
    func stream(seed: UInt64, trial: Int) -> RandomStream {
        RandomStream(seed: seed, keys: [n.bitPattern, design.streamKey, UInt64(trial)])
    }

    /// The Wishart degrees of freedom of a Gaussian draw's min(K, d) x min(K, d) Gram matrix:
    /// max(K, d) for i.i.d. rows, two more for the surrogate design's det weighting.
    func gramDegrees(rows k: Int, d: Int) -> Int {
        max(k, d) + (design == .surrogate ? 2 : 0)
    }

    /// A relative cost of one trial, for balancing shards: the QR of a max(K, d) x m matrix with
    /// m = min(K, d), plus drawing K x d numbers, with K about n rows.
    package func relativeCost(d: Int) -> Double {
        let k = max(n, 1), dd = Double(d), m = min(k, dd)
        return 2 * max(k, dd) * m * m + k * dd + dd
    }
}

/// The planned Monte Carlo of a sweep: the jobs to simulate, and the estimates known without
/// simulating (an i.i.d. design whose MSE is infinite is reported as null and heavy tailed).
package struct MonteCarloWork: Sendable {
    package let pointCount: Int
    package let trials: Int
    package let jobs: [MonteCarloJob]
    /// Points whose i.i.d. MSE is infinite.
    let infiniteIID: [Int]

    /// Puts simulated estimates (by job index) and the fixed ones together, one entry per point.
    package func assemble(_ estimates: [Int: MonteCarloEstimate]) -> [MonteCarloPoint] {
        var results = [MonteCarloPoint](repeating: MonteCarloPoint(), count: pointCount)
        for point in infiniteIID { results[point].iid = MonteCarloEstimate(trials: 0, heavyTail: true) }
        for job in jobs {
            guard let estimate = estimates[job.index] else { continue }
            if job.design == .surrogate { results[job.point].surrogate = estimate } else { results[job.point].iid = estimate }
        }
        return results
    }
}
