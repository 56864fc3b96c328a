/// A deterministic split of a sweep's Monte Carlo jobs into `count` shards of about equal cost.
///
/// Longest job first onto the least loaded shard (ties: the lower job index, the lower shard), with
/// `MonteCarloJob.relativeCost`. The split depends only on the job list, so every shard of a sharded
/// run, and `merge`, compute the same one.
package enum ShardPartition {
    /// The shard (0-based) of every job, indexed like `jobs`.
    package static func assignment(of jobs: [MonteCarloJob], count: Int, d: Int) -> [Int] {
        precondition(count >= 1, "at least one shard")
        let order = jobs.indices.sorted {
            let a = jobs[$0].relativeCost(d: d), b = jobs[$1].relativeCost(d: d)
            return a != b ? a > b : $0 < $1
        }
        var load = [Double](repeating: 0, count: count)
        var shard = [Int](repeating: 0, count: jobs.count)
        for j in order {
            var lightest = 0
            for s in 1..<count where load[s] < load[lightest] { lightest = s }
            shard[j] = lightest
            load[lightest] += jobs[j].relativeCost(d: d)
        }
        return shard
    }

    /// The job indices of shard `index` (0-based) of `count`.
    package static func jobs(of work: MonteCarloWork, shard index: Int, count: Int, d: Int) -> Set<Int> {
        let shard = assignment(of: work.jobs, count: count, d: d)
        return Set(work.jobs.indices.filter { shard[$0] == index }.map { work.jobs[$0].index })
    }
}
