import ArgumentParser
import DoubleDescent

/// `--max-memory`, for every command that draws designs (sweep, sample, ridge): the run is refused,
/// before any work, when its `MemoryEstimate` is above the limit.
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
    func check(_ estimate: MemoryEstimate, what: String, advice: String) throws {
        let limit = try limit()
        guard estimate.bytes > Double(limit) else { return }
        throw InputError("--max-memory: this run needs about \(MemoryEstimate.describe(estimate.bytes)) (\(what)), above the limit of "
            + "\(MemoryEstimate.describe(Double(limit))); \(advice), or raise --max-memory")
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
