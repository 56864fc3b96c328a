import DoubleDescent
import Foundation

/// What `sweep --shard I/N --out FILE` writes and `merge` reads: the Monte Carlo estimates of one
/// shard's jobs, stored losslessly (bit patterns), with the sweep's canonical arguments (merge
/// recomputes the closed forms from them) and fingerprint. Records:
///
///     fingerprint HEX
///     arguments ARG...            percent-encoded `--flag=value` arguments
///     shard I/N
///     plan JOBS TRIALS
///     job JOB <estimate fields>   one per job of this shard
struct PartialResults: Equatable {
    static let kind = "partial-results"
    /// The format version, which follows the bits version (`SweepInputs.bitsVersion`): a part file holds
    /// values computed by the code that wrote it, so one from code with other output bits is refused
    /// by its header, before any of its values can mix in.
    static let version = SweepInputs.bitsVersion

    var fingerprint: UInt64
    var arguments: [String]
    var shard: ShardSpec
    var jobCount: Int
    var trials: Int
    var estimates: [Int: MonteCarloEstimate]

    func encoded() -> Data {
        var records: [[String]] = [
            ["fingerprint", FNV1a.hex(fingerprint)],
            ["arguments"] + arguments.map(Field.text),
            ["shard", shard.description],
            ["plan", String(jobCount), String(trials)],
        ]
        for job in estimates.keys.sorted() { records.append(["job", String(job)] + estimates[job]!.fields) }
        return RecordFile.encode(kind: Self.kind, version: Self.version, records: records)
    }

    /// Parses a partial-results file; `source` names the file in errors.
    init(decoding data: Data, source: String) throws {
        let records = try RecordFile.decode(data, kind: Self.kind, version: Self.version, source: source)
        guard records.count >= 4, records[0].count == 2, records[0][0] == "fingerprint", records[1][0] == "arguments",
              records[2].count == 2, records[2][0] == "shard", records[3].count == 3, records[3][0] == "plan"
        else { throw InputError("\(source): corrupted (no fingerprint, arguments, shard and plan)") }
        fingerprint = try Field.uint64Hex(records[0][1], source: source, what: "fingerprint")
        arguments = try records[1].dropFirst().map { try Field.text($0, source: source, what: "argument") }
        shard = try ShardSpec(parsing: String(records[2][1]), context: "\(source): corrupted shard")
        jobCount = try Field.int(records[3][1], source: source, what: "job count")
        trials = try Field.int(records[3][2], source: source, what: "trials")
        estimates = [:]
        for record in records.dropFirst(4) {
            guard record.count == 7, record[0] == "job" else { throw InputError("\(source): corrupted (a bad job record)") }
            let job = try Field.int(record[1], source: source, what: "job")
            guard job < jobCount, estimates[job] == nil else {
                throw InputError("\(source): corrupted (job \(job) is out of range or recorded twice)")
            }
            estimates[job] = try MonteCarloEstimate(fields: record[2...], source: source)
        }
    }

    init(fingerprint: UInt64, arguments: [String], shard: ShardSpec, jobCount: Int, trials: Int,
         estimates: [Int: MonteCarloEstimate]) {
        self.fingerprint = fingerprint
        self.arguments = arguments
        self.shard = shard
        self.jobCount = jobCount
        self.trials = trials
        self.estimates = estimates
    }
}
