import Foundation

/// The process limits a run is checked against before any work (issue 22, item 3), so that hitting
/// one is one line and a non-zero exit rather than a trap deep inside a library.
enum ResourceLimits {
    /// Descriptors a run may need at once beyond the three standard ones: the signal handlers'
    /// event queue (two), an input, an output and its folder, and gnuplot's three pipes.
    static let descriptorsNeeded = 12

    /// Why the run cannot start for lack of file descriptors (`ulimit -n`), or nil. Probed by
    /// duplicating standard input, so the answer is exact whatever is already open.
    static func descriptorProblem() -> String? {
        var probes: [Int32] = []
        defer { for probe in probes { close(probe) } }
        while probes.count < descriptorsNeeded {
            let probe = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
            guard probe >= 0 else {
                var limit = rlimit()
                getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
                return "too few file descriptors: \(probes.count) free under the limit of \(limit.rlim_cur) (ulimit -n); "
                    + "ddcalc needs \(descriptorsNeeded)"
            }
            probes.append(probe)
        }
        return nil
    }

    /// Bytes of address space this process may still map under `ulimit -v` (RLIMIT_AS), nil without
    /// a limit: the limit less what is mapped already (/proc/self/statm) and the arenas the C library
    /// reserves for `threads` worker threads (64 MiB each on 64-bit glibc).
    static func addressSpaceLeft(threads: Int) -> Double? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        let mapped = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?
            .split(separator: " ").first.flatMap { Double($0) }.map { $0 * Double(sysconf(Int32(_SC_PAGESIZE))) } ?? 0
        return Double(limit.rlim_cur) - mapped - Double(threads) * Double(64 << 20)
    }
}
