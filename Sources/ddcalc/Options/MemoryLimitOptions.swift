import ArgumentParser
import DoubleDescent
import Foundation

/// `--max-memory`, for every command that draws designs (sweep, sample, ridge): the run is refused,
/// before any work, when its `MemoryEstimate` is above the limit or above the physical memory.
struct MemoryLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-memory"),
            help: ArgumentHelp("Refuse a run whose estimated peak memory exceeds this many bytes; suffixes K, M, G, T (powers of 1024).",
                               valueName: "bytes"))
    var maxMemory: String = "8G"

    func validate() throws {
        _ = try validating { try limit() }
    }

    func limit() throws -> UInt64 { try ByteCount.parse(maxMemory, context: "--max-memory") }

    /// Refuses the run when `estimate` is above `--max-memory`; `what` says what it holds and `advice`
    /// how to make it smaller.
    /// A run that needs more than the machine's physical memory, or than the address-space limit
    /// leaves (`ResourceLimits`), is refused whatever the limit: it could only fail on allocation
    /// (an abort) or be killed by the system.
    func check(_ estimate: MemoryEstimate, what: String, advice: String) throws {
        try checkMachine(estimate, what: what, advice: advice)
        let limit = try limit()
        guard estimate.bytes > Double(limit) else { return }
        throw InputError("--max-memory: this run needs about \(MemoryEstimate.describe(estimate.bytes)) (\(what)), above the limit of "
            + "\(MemoryEstimate.describe(Double(limit))); \(advice), or raise --max-memory")
    }

    /// Only the machine's part of `check`: physical memory and the address-space limit.
    func checkMachine(_ estimate: MemoryEstimate, what: String, advice: String) throws {
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        if physical > 0, estimate.bytes > physical {
            throw InputError("--max-memory: this run needs about \(MemoryEstimate.describe(estimate.bytes)) (\(what)), more than "
                + "this machine's \(MemoryEstimate.describe(physical)) of memory; \(advice)")
        }
        if let left = ResourceLimits.addressSpaceLeft(threads: estimate.threads), estimate.bytes > left {
            throw InputError("--max-memory: this run needs about \(MemoryEstimate.describe(estimate.bytes)) (\(what)), more than the "
                + "\(MemoryEstimate.describe(Swift.max(left, 0))) the address-space limit (ulimit -v) leaves; \(advice)")
        }
    }
}

extension OutputFormat {
    /// Peak bytes per output record of a sweep: the record, its rendered text and the grid point's
    /// bookkeeping. Measured as the slope of peak RSS over 50000 to 200000 points at d = 3 with both
    /// designs (`MemoryEstimateTests`), rounded up.
    var bytesPerRecord: Double {
        switch self {
        case .table: return 1900
        case .csv, .gnuplot: return 1600
        case .json: return 2700
        }
    }
}
