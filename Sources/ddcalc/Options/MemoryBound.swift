import DoubleDescent
import Foundation

/// An upper bound on the peak memory of a command, to refuse hopeless runs up front (`--max-memory`)
/// instead of failing on allocation halfway through. It adds up the arrays the command holds at its
/// largest, each sized from the inputs (no fitted slope), computed in `Double` so that an absurd n or
/// d gives a huge number rather than a trap. A command is bounded phase by phase, reading the input
/// files and then running: the larger of the two is its peak.
///
/// Terms, in bytes:
/// - `baseline`: the process before any work (runtime, libraries, BLAS), measured;
/// - reading the input files (`inputs`): every file's bytes, and each number it can hold as the
///   reader's rows, a column-major copy and the factorization's copy and workspace;
/// - the model: d x d eigenvectors for a covariance file (and two working copies while it was
///   built), or a data set's matrices;
/// - the Monte Carlo, per thread: the buffers for the largest row count K (the Poisson tail of the
///   surrogate for n > d), `MonteCarloSimulator.workerDoubles`; per batch: the per-trial errors and row
///   counts of every job in it, twice when a checkpoint keeps copies;
/// - the output: every record, with its rendered text twice (the string, then its bytes), at most
///   `Rendering.maximumNumberBytes` per number.
struct MemoryBound {
    let bytes: Double
    /// The largest row count a draw is expected to need.
    let maximumRows: Int
    /// Threads that actually run (never more than the units of work).
    let threads: Int

    /// The resident size of `ddcalc` with BLAS initialised and nothing held: 29.4 MiB measured (peak
    /// RSS of the smallest runs that call LAPACK, `sweep --d 3 --spectrum geometric:10 --trials 2`,
    /// Linux x86_64, static Swift runtime, debug build), rounded up.
    static let baseline = 32.0 * 1024 * 1024


    init(bytes: Double, maximumRows: Int, threads: Int) {
        self.bytes = bytes
        self.maximumRows = maximumRows
        self.threads = threads
    }

    /// Reading the input files at `paths` (before the model exists): `inputBytes(path:)` each.
    init(inputs paths: [String]) {
        self.init(bytes: Self.baseline + paths.reduce(0) { $0 + Self.inputBytes(path: $1) }, maximumRows: 0, threads: 1)
    }

    /// A sweep's Monte Carlo (the jobs in `selected`, all when nil) and its output of `records`
    /// records of at most `keys` keys each (a sweep row has at most `sweepRowKeys`).
    init(work: MonteCarloWork, selected: Set<Int>?, simulator: MonteCarloSimulator, threads: Int,
         keepsCopies: Bool, records: Int = 0, keys: Int = sweepRowKeys) {
        let d = simulator.model.d
        let jobs = work.jobs.filter { selected?.contains($0.index) ?? true }
        let k = jobs.map { $0.maximumRows(d: d) }.max() ?? 0
        let wide = jobs.contains { $0.n < Double(d) }
        let units = jobs.count * MonteCarloEngine.unitsPerJob(trials: work.trials)
        let workers = jobs.isEmpty ? 0 : max(1, min(threads, units))
        let batchJobs = min(jobs.count, MonteCarloSimulator.jobsPerBatch(trials: work.trials))
        let perBatch = Double(batchJobs) * Double(work.trials) * 2 * (keepsCopies ? 2 : 1)
        self.init(bytes: Self.baseline + Self.modelBytes(simulator.model)
                      + 8 * (Double(workers) * simulator.workerDoubles(maxRows: k, wide: wide) + perBatch)
                      + Double(records) * Self.recordBytes(keys: keys),
                  maximumRows: k, threads: workers)
    }

    /// `ddcalc sample`: `draws` designs of up to K rows each, drawn one at a time. The last one is held
    /// as the design and its copy in original coordinates (and the change of basis for a covariance
    /// with eigenvectors); the text of every draw, d + 4 numbers per row (features, y, y_clean, draw
    /// and row), twice (the string, then its bytes), `keyBytes` more per number for JSON's keys.
    init(sampleOf model: RegressionModel, design: DesignKind, n: Double, draws: Int = 1, keyBytes: Double = 0) {
        let d = Double(model.d), k = Self.typicalRows(model, design: design, n: n)
        let basis = model.covariance.eigenvectors != nil ? 16 * k * d : 0
        let text = 2 * Double(draws) * k * (d + 4) * (Rendering.maximumNumberBytes + 1 + keyBytes)
        self.init(bytes: Self.baseline + Self.modelBytes(model) + 16 * k * (d + 1) + basis + text,
                  maximumRows: Int(min(k, 0x1p62)), threads: 1)
    }

    /// `ddcalc ridge`: `RidgeMonteCarlo` at n, per thread a design of up to K rows with its solver
    /// and LAPACK's work arrays (as `workerDoubles` for drawn rows), plus one batch of estimates (at most
    /// `RidgeMonteCarlo.valuesPerBatch` numbers), the per-trial norms and the d x d moments.
    init(ridgeOf model: RegressionModel, design: DesignKind, n: Double, trials: Int, threads: Int) {
        let d = Double(model.d), k = Self.typicalRows(model, design: design, n: n)
        let m = min(k, d)
        let units = MonteCarloEngine.unitsPerJob(trials: trials)
        let workers = Double(max(1, min(threads, units)))
        let perWorker = 5 * m * m + 3 * k * d + 6 * max(k, d) + MonteCarloSimulator.lapackWorkspaceDoubles(rows: max(k, d))
        let shared = min(Double(RidgeMonteCarlo.valuesPerBatch), Double(trials) * d) + Double(trials) + 2 * d * d
        self.init(bytes: Self.baseline + Self.modelBytes(model) + 8 * (workers * perWorker + shared),
                  maximumRows: Int(min(k, 0x1p62)), threads: Int(workers))
    }

    /// The rows one draw at n is sized for: n for the i.i.d. design, `SurrogatePlan.typicalMaximumRows`
    /// for the surrogate (d for n < d).
    static func typicalRows(_ model: RegressionModel, design: DesignKind, n: Double) -> Double {
        let d = Double(model.d)
        if design == .iid { return n }
        if n < d { return d }
        return Double(SurrogatePlan.volumePlusPoisson(extraMean: n - d).typicalMaximumRows(d: model.d))
    }

    /// The model itself: the eigenvectors of a covariance file (and two working copies while it was
    /// built), or a data set's rows as read, its left vectors and its rows in the eigenbasis.
    static func modelBytes(_ model: RegressionModel) -> Double {
        let d = Double(model.d)
        if let population = model.population {
            return 8 * Double(population.count) * (4 * d + 4) + 24 * d * d
        }
        return (model.covariance.eigenvectors != nil ? 24 * d * d : 0) + 64 * d
    }

    /// The most keys a sweep row has (docs/OUTPUT.md, "Column order"): the plain sweep's 16, then
    /// `theory_exact`, `d`, the ridge check's 2, the ridge penalty's 4, the gap's 3 and the 2
    /// per-design heavy-tail flags.
    static let sweepRowKeys = 16 + 1 + 1 + 2 + 4 + 3 + 2

    /// One output record of `keys` keys, held until the output is written: per key its entry (a
    /// string and a value, 48 bytes with the allocator's rounding) and its text twice (the string,
    /// then its bytes), the key's name (up to 32 bytes, JSON repeats it per record) and the number;
    /// plus the point's closed forms and estimates (under 512 bytes) and the record's own allocation.
    static func recordBytes(keys: Int) -> Double {
        Double(keys) * (48 + 2 * (32 + Rendering.maximumNumberBytes + 4)) + 512 + 64
    }

    /// Reading one input file of S bytes: the bytes themselves, and for each number it holds, four
    /// copies of 8 bytes (the reader's rows, a column-major matrix, and a factorization's copy and
    /// workspace) plus, per row, the row's own allocation. The numbers are counted: in a text file
    /// the runs of characters between separators (`TextShape`); in a `.npy` file S / itemsize.
    static func inputBytes(path: String) -> Double {
        guard let shape = InputShape(path: path) else { return 0 }
        return Double(shape.bytes) + 32 * Double(shape.numbers) + 64 * Double(shape.rows)
    }
}

/// How many numbers and rows an input file can hold, read in one pass of 64 KiB blocks without
/// keeping it: a text file's fields (runs of bytes other than separators: comma, semicolon, tab,
/// space, newline) and lines; a `.npy` file's data bytes over its item size, as one row each.
struct InputShape {
    var bytes = 0
    var numbers = 0
    var rows = 0

    /// nil when `path` cannot be opened (the reader then reports why).
    init?(path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var separator = [Bool](repeating: false, count: 256)
        for byte in [0x2C, 0x3B, 0x09, 0x20, 0x0A, 0x0D] { separator[byte] = true }
        var inField = false, first = true, itemSize: Int?
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            if first {
                first = false
                itemSize = Self.npyItemSize(block[..<count])
            }
            bytes += count
            guard itemSize == nil else { continue }
            block.withUnsafeBufferPointer { bytes in
                separator.withUnsafeBufferPointer { isSeparator in
                    for byte in bytes[..<count] {
                        let between = isSeparator[Int(byte)]
                        if !between && !inField { numbers += 1 }
                        if byte == 0x0A { rows += 1 }
                        inField = !between
                    }
                }
            }
        }
        if let itemSize {
            numbers = bytes / itemSize
            rows = numbers
        } else {
            rows += 1
        }
    }

    /// The item size of a `.npy` file from its header's `descr` ('<f8', '|u1', ...), 1 when the
    /// header names none; nil for a file that is not `.npy`.
    static func npyItemSize(_ head: ArraySlice<UInt8>) -> Int? {
        guard head.starts(with: [0x93] + Array("NUMPY".utf8)) else { return nil }
        let text = String(decoding: head.prefix(4096), as: UTF8.self)
        guard let key = text.range(of: "'descr'") else { return 1 }
        let digits = text[key.upperBound...].drop { !"0123456789".contains($0) }.prefix { "0123456789".contains($0) }
        return max(1, Int(digits) ?? 1)
    }
}
