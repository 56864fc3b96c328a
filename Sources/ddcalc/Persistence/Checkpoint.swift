import DoubleDescent
import Foundation

/// A saved `MonteCarloState` (finished jobs' estimates, finished units of the others) with the
/// fingerprint of the run that wrote it. Records:
///
///     fingerprint HEX             the sweep's inputs and its shard
///     plan JOBS TRIALS            jobs in the sweep, trials per job
///     done JOB <estimate fields>  a finished job (see `MonteCarloEstimate.fields`)
///     unit JOB UNIT ERRORS ROWS   a finished unit: comma-separated bit patterns
///     ridge POINT REL P           a finished `--check-ridge` point: the two columns' bit patterns
struct Checkpoint: Equatable {
    static let kind = "checkpoint"
    /// The format version, which follows the bits version (`SweepInputs.bitsVersion`): a checkpoint holds
    /// values computed by the code that wrote it, so one from code with other output bits is refused
    /// by its header, before any of its values can mix in.
    static let version = SweepInputs.bitsVersion

    var fingerprint: UInt64
    var jobCount: Int
    var trials: Int
    var state: MonteCarloState
    /// The `--check-ridge` columns of the points already checked, by point index.
    var ridge: [Int: RidgeColumns] = [:]

    /// The fingerprint of a run: its inputs and its shard (if any).
    static func fingerprint(inputs: SweepInputs, shard: ShardSpec?) -> UInt64 {
        var hash = FNV1a()
        hash.add("\(FNV1a.hex(inputs.fingerprint)) shard \(shard?.description ?? "-")")
        return hash.value
    }

    func encoded() -> Data {
        var records: [[String]] = [["fingerprint", FNV1a.hex(fingerprint)], ["plan", String(jobCount), String(trials)]]
        for job in state.finished.keys.sorted() {
            records.append(["done", String(job)] + state.finished[job]!.fields)
        }
        for job in state.units.keys.sorted() {
            let units = state.units[job]!
            for unit in units.keys.sorted() {
                let values = units[unit]!
                records.append(["unit", String(job), String(unit), Field.bitsList(values.errors), Field.bitsList(values.rows)])
            }
        }
        for point in ridge.keys.sorted() {
            records.append(["ridge", String(point), Field.bits(ridge[point]!.relativeError), Field.bits(ridge[point]!.pValue)])
        }
        return RecordFile.encode(kind: Self.kind, version: Self.version, records: records)
    }

    /// Parses a checkpoint and checks that it is complete and self-consistent (jobs in range,
    /// every unit of the right length, nothing twice); `source` names the file in errors.
    init(decoding data: Data, source: String) throws {
        let records = try RecordFile.decode(data, kind: Self.kind, version: Self.version, source: source)
        guard records.count >= 2, records[0].count == 2, records[0][0] == "fingerprint",
              records[1].count == 3, records[1][0] == "plan"
        else { throw InputError("\(source): corrupted (no fingerprint and plan)") }
        fingerprint = try Field.uint64Hex(records[0][1], source: source, what: "fingerprint")
        jobCount = try Field.int(records[1][1], source: source, what: "job count")
        trials = try Field.int(records[1][2], source: source, what: "trials")
        let unitsPerJob = MonteCarloEngine.unitsPerJob(trials: trials)
        state = MonteCarloState()
        for record in records.dropFirst(2) {
            guard record.count >= 2 else { throw InputError("\(source): corrupted (a short record)") }
            if record[0] == "ridge" {
                let point = try Field.int(record[1], source: source, what: "point")
                guard record.count == 4, ridge[point] == nil else {
                    throw InputError("\(source): corrupted (ridge point \(point) is malformed or recorded twice)")
                }
                ridge[point] = RidgeColumns(relativeError: try Field.bits(record[2], source: source, what: "ridge rel error"),
                                            pValue: try Field.bits(record[3], source: source, what: "ridge p value"))
                continue
            }
            let job = try Field.int(record[1], source: source, what: "job")
            guard job < jobCount else { throw InputError("\(source): corrupted (job \(job) of \(jobCount))") }
            switch (record[0], record.count) {
            case ("done", 7):
                let estimate = try MonteCarloEstimate(fields: record[2...], source: source)
                guard state.finished[job] == nil, estimate.trials == trials else {
                    throw InputError("\(source): corrupted (job \(job) is recorded twice or with the wrong trial count)")
                }
                state.finished[job] = estimate
            case ("unit", 5):
                let unit = try Field.int(record[2], source: source, what: "unit")
                guard unit < unitsPerJob, state.units[job]?[unit] == nil else {
                    throw InputError("\(source): corrupted (unit \(unit) of job \(job) is out of range or recorded twice)")
                }
                let values = TrialValues(errors: try Field.bitsList(record[3], source: source, what: "errors"),
                                         rows: try Field.bitsList(record[4], source: source, what: "rows"))
                let length = MonteCarloEngine.trialRange(unit: unit, trials: trials).count
                guard values.errors.count == length, values.rows.count == length else {
                    throw InputError("\(source): corrupted (unit \(unit) of job \(job) holds the wrong number of trials)")
                }
                state.record(job: job, unit: unit, values: values)
            default:
                throw InputError("\(source): corrupted (unknown record '\(record[0].prefix(20))')")
            }
        }
        for job in state.units.keys where state.finished[job] != nil {
            throw InputError("\(source): corrupted (job \(job) is both finished and unfinished)")
        }
    }

    init(fingerprint: UInt64, jobCount: Int, trials: Int, state: MonteCarloState) {
        self.fingerprint = fingerprint
        self.jobCount = jobCount
        self.trials = trials
        self.state = state
    }
}
