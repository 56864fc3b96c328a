import ArgumentParser
import DoubleDescent
import Foundation

/// `--max-memory`, for every command that draws designs (sweep, sample, ridge): the run is refused,
/// before any work, when its `MemoryBound` is above the limit, above the physical memory, or (with
/// the address space it reserves besides) above the address-space limit (`ulimit -v`).
struct MemoryLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-memory"),
            help: ArgumentHelp("Refuse a run whose estimated peak memory exceeds this many bytes; suffixes K, M, G, T (powers of 1024).",
                               valueName: "bytes"))
    var maxMemory: String = "8G"

    func validate() throws {
        _ = try validating { try limit() }
    }

    func limit() throws -> UInt64 { try ByteCount.parse(maxMemory, context: "--max-memory") }

    /// Refuses the run when `bound` is above `--max-memory`; `what` says what it holds and `advice`
    /// how to make it smaller.
    /// A run that needs more than the machine's physical memory, or more address space than
    /// RLIMIT_AS allows, is refused whatever the limit: it could only fail on allocation (an abort)
    /// or be killed by the system.
    func check(_ bound: MemoryBound, what: String, advice: String) throws {
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        if physical > 0, bound.bytes > physical {
            throw InputError("--max-memory: this run needs about \(ByteCountText.describe(bound.bytes)) (\(what)), more than "
                + "this machine's \(ByteCountText.describe(physical)) of memory; \(advice)")
        }
        if let limit = Self.addressSpaceLimit() {
            let needed = Self.addressSpace(bound)
            if needed > limit {
                throw InputError("--max-memory: this run needs about \(ByteCountText.describe(needed)) of address space (\(what)), "
                    + "more than the limit of \(ByteCountText.describe(limit)) (ulimit -v); \(advice), or raise ulimit -v")
            }
        }
        let limit = try limit()
        guard bound.bytes > Double(limit) else { return }
        throw InputError("--max-memory: this run needs about \(ByteCountText.describe(bound.bytes)) (\(what)), above the limit of "
            + "\(ByteCountText.describe(Double(limit))); \(advice), or raise --max-memory")
    }

    /// Reading the model's input files, before they are read: refused like a run.
    func checkInputs(_ paths: [String]) throws {
        let bound = MemoryBound(inputs: paths)
        guard bound.bytes > MemoryBound.baseline else { return }
        try check(bound, what: "reading \(paths.count == 1 ? "the input file" : "\(paths.count) input files")",
                  advice: "use a smaller input file")
    }

    /// RLIMIT_AS in bytes, nil when unlimited.
    static func addressSpaceLimit() -> Double? {
        var limit = rlimit()
        guard getrlimit(RLIMIT_AS_RESOURCE, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Double(limit.rlim_cur)
    }

    /// The address space a run of `bound` reserves: what the process maps now (/proc/self/statm;
    /// the libraries, BLAS's buffers), the arrays beyond the baseline, and per thread its stack
    /// (8 MiB). (glibc also reserves a 64 MiB arena per thread, but falls back to the main arena
    /// when the limit refuses it.)
    static func addressSpace(_ bound: MemoryBound) -> Double {
        let mapped = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))
            .flatMap { $0.split(separator: " ").first.flatMap { Double($0) } }
            .map { $0 * Double(sysconf(Int32(_SC_PAGESIZE))) } ?? 0
        return mapped + max(0, bound.bytes - MemoryBound.baseline) + Double(bound.threads) * 8 * 1024 * 1024
    }
}

#if canImport(Glibc)
private let RLIMIT_AS_RESOURCE = __rlimit_resource_t(RLIMIT_AS.rawValue)
#else
private let RLIMIT_AS_RESOURCE = RLIMIT_AS
#endif
