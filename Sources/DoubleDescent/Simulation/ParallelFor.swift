import Foundation

/// Runs `body(i)` for i in 0..<count on up to `threads` threads; the caller
/// makes the result independent of the schedule.
package enum ParallelFor {
    package static func run(count: Int, threads: Int, _ body: (Int) -> Void) {
        run(count: count, threads: threads, makeWorker: { () }, { _, i in body(i) })
    }

    /// As `run`, with one `Worker` per thread, made by `makeWorker` on that thread and handed to every
    /// `body` call the thread makes (per-thread workspaces, so the items themselves do not allocate).
    package static func run<Worker>(count: Int, threads: Int, makeWorker: () -> Worker,
                                   _ body: (inout Worker, Int) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            var worker = makeWorker()
            for i in 0..<count { body(&worker, i) }
            return
        }
        // Workers pull indices from a shared counter, so uneven items balance out.
        var next = 0
        let lock = NSLock()
        withoutActuallyEscaping(makeWorker) { makeWorker in
            withoutActuallyEscaping(body) { body in
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var worker = makeWorker()
                    while true {
                        lock.lock(); let i = next; next += 1; lock.unlock()
                        if i >= count { return }
                        body(&worker, i)
                    }
                }
            }
        }
    }
}
