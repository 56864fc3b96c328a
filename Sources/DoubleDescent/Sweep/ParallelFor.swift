import Foundation

/// Runs `body(i)` for i in 0..<count on up to `threads` threads; the caller
/// makes the result independent of the schedule.
public enum ParallelFor {
    public static func run(count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        // Workers pull indices from a shared counter, so uneven items balance out.
        var next = 0
        let lock = NSLock()
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    lock.lock(); let i = next; next += 1; lock.unlock()
                    if i >= count { return }
                    body(i)
                }
            }
        }
    }
}
