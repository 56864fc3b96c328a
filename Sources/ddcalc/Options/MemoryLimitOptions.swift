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
    /// A run that needs more than the machine's physical memory, or than the address-space limit
    /// leaves (`ResourceLimits`), is refused whatever the limit: it could only fail on allocation
    /// (an abort) or be killed by the system.
    func check(_ bound: MemoryBound, what: String, advice: String) throws {
        try checkMachine(bound, what: what, advice: advice)
        let limit = try limit()
        guard bound.bytes > Double(limit) else { return }
        throw InputError("--max-memory: this run needs about \(ByteCountText.describe(bound.bytes)) (\(what)), above the limit of "
            + "\(ByteCountText.describe(Double(limit))); \(advice), or raise --max-memory")
    }

    /// Only the machine's part of `check`: physical memory and the address-space limit.
    func checkMachine(_ bound: MemoryBound, what: String, advice: String) throws {
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        if physical > 0, bound.bytes > physical {
            throw InputError("--max-memory: this run needs about \(ByteCountText.describe(bound.bytes)) (\(what)), more than "
                + "this machine's \(ByteCountText.describe(physical)) of memory; \(advice)")
        }
        if let left = ResourceLimits.addressSpaceLeft(threads: bound.threads), bound.bytes > left {
            throw InputError("--max-memory: this run needs about \(ByteCountText.describe(bound.bytes)) (\(what)), more than the "
                + "\(ByteCountText.describe(Swift.max(left, 0))) the address-space limit (ulimit -v) leaves; \(advice)")
        }
    }

    /// Reading the model's input files, before they are read: refused like a run.
    func checkInputs(_ paths: [String]) throws {
        let bound = MemoryBound(inputs: paths)
        guard bound.bytes > MemoryBound.baseline else { return }
        try check(bound, what: "reading \(paths.count == 1 ? "the input file" : "\(paths.count) input files")",
                  advice: "use a smaller input file")
    }
}
