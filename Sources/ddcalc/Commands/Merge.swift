import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc merge`: combines the partial-results files of a sharded sweep and prints exactly what
/// the unsharded sweep prints (the same bytes): the closed forms are recomputed from the stored
/// arguments (reading any spectrum or w* file again, relative to the current folder), the Monte
/// Carlo estimates are taken bit for bit from the parts.
///
/// Four shards with GNU parallel (two at a time), then the merge:
///
///     parallel -j 2 ddcalc sweep --d 12 --trials 4000 --seed 5 --threads 1 --shard {}/4 --out part{}.ddp ::: 1 2 3 4
///     ddcalc merge part1.ddp part2.ddp part3.ddp part4.ddp --format csv --out sweep.csv
///
/// The parts must come from the same inputs and seed, hold every shard 1..N exactly once, and be
/// intact; otherwise merge exits with status 2 and one line naming the file and the problem.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partial results of a sharded sweep into the output of the unsharded sweep.",
        discussion: """
            Example (GNU parallel, 4 shards): parallel -j 2 ddcalc sweep --d 12 --trials 4000 --shard {}/4 \
            --out part{}.ddp ::: 1 2 3 4; ddcalc merge part1.ddp part2.ddp part3.ddp part4.ddp --format csv
            """
    )

    @Argument(help: ArgumentHelp("Partial-results files written by `ddcalc sweep --shard I/N --out FILE`, one per shard, in any order.",
                                 valueName: "part"),
              completion: .file())
    var parts: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws { try output.validateGnuplot() }

    func run() throws {
        var files = RunFiles()
        for path in parts { files.input("part", path) }
        output.declareOutputs(&files)
        try files.checkDistinct()
        let loaded = try parts.map { path -> (path: String, part: PartialResults) in
            let source = "'\(path)'"
            guard path == FilePath.standardStream || FileManager.default.fileExists(atPath: path) else {
                throw InputError("\(source): file does not exist")
            }
            return (path, try PartialResults(decoding: try InputError.bytes(of: path, command: "merge"), source: source))
        }
        guard let first = loaded.first else { throw InputError("merge: no partial-results files given") }
        try checkBelongTogether(loaded)

        let sweep = try rebuild(first.part.arguments, source: "'\(first.path)'")
        // The files the parts' sweep reads, again, must not be the output either.
        sweep.model.declareInputs(&files)
        try files.checkDistinct()
        let regression = try sweep.model.makeModel()
        let ns = try sweep.grid.values(d: regression.d)
        let inputs = SweepInputs(model: sweep.model, grid: sweep.grid, simulation: sweep.simulation, regression: regression, ns: ns,
                                 risk: sweep.riskOptions.risk, ridgeLambda: sweep.ridgeLambda.lambda)
        guard inputs.fingerprint == first.part.fingerprint else {
            throw InputError("'\(first.path)': its inputs give a different model here (a spectrum or w* file changed, "
                + "or it was written by another ddcalc version)")
        }
        let points = try ClosedFormSweep.evaluate(sweep.riskOptions.calculator(regression), ns: ns, threads: sweep.simulation.threads)
        let ridge = try sweep.ridgeLambda.equivalents(sweep.riskOptions.calculator(regression), ns: ns)
        let work = MonteCarloSimulator(model: regression, settings: sweep.settings()).plan(points)
        let count = first.part.shard.count
        let assignment = ShardPartition.assignment(of: work.jobs, count: count, d: regression.d)
        var estimates: [Int: MonteCarloEstimate] = [:]
        for (path, part) in loaded {
            let expected = Set(work.jobs.indices.filter { assignment[$0] == part.shard.index - 1 })
            guard part.jobCount == work.jobs.count, part.trials == work.trials, Set(part.estimates.keys) == expected,
                  part.estimates.values.allSatisfy({ $0.trials == work.trials })
            else {
                throw InputError("'\(path)': does not hold exactly the jobs of shard \(part.shard) (corrupted, or from another ddcalc version)")
            }
            estimates.merge(part.estimates) { a, _ in a }
        }
        let dataSet = regression.population != nil
        var table = SweepReport.table(points: points, simulated: work.assemble(estimates), model: sweep.echo(regression, format: output.format),
                                      risk: sweep.riskOptions.risk, dataSet: dataSet, ridge: ridge)
        table.warnings = ValidatedRange.warnings(model: regression, points: points, monteCarlo: !sweep.simulatedDesigns.isEmpty,
                                                     sampler: sweep.simulation.sampler)
            + sweep.ridgeLambda.warnings(monteCarlo: !sweep.simulatedDesigns.isEmpty)
        if let warning = SweepReport.fractionalSizeWarning(ns: ns, designs: sweep.simulatedDesigns) { table.warnings.append(warning) }
        try output.write(table, tableColumns: SweepReport.tableColumns(of: table))
    }

    /// Same inputs, same shard count, every shard exactly once.
    private func checkBelongTogether(_ loaded: [(path: String, part: PartialResults)]) throws {
        let first = loaded[0]
        var seen: [Int: String] = [:]
        for (path, part) in loaded {
            if part.arguments != first.part.arguments {
                throw InputError("'\(path)': made by a sweep with other inputs than '\(first.path)' "
                    + "(\(Self.difference(part.arguments, first.part.arguments)))")
            }
            if part.fingerprint != first.part.fingerprint {
                throw InputError("'\(path)': made with the same flags as '\(first.path)' but other numbers "
                    + "(a spectrum or w* file changed between the runs)")
            }
            if part.shard.count != first.part.shard.count {
                throw InputError("'\(path)': is shard \(part.shard), but '\(first.path)' is shard \(first.part.shard)")
            }
            if let other = seen[part.shard.index] {
                throw InputError("'\(path)': shard \(part.shard) is given twice (also '\(other)')")
            }
            seen[part.shard.index] = path
        }
        let missing = (1...first.part.shard.count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let list = missing.prefix(5).map { "\($0)/\(first.part.shard.count)" }.joined(separator: ", ")
            throw InputError("merge: shard \(list)\(missing.count > 5 ? ", ..." : "") missing (got \(loaded.count) of \(first.part.shard.count) parts)")
        }
    }

    /// The first flag whose value differs, as "--seed=2 here, --seed=1 there".
    static func difference(_ a: [String], _ b: [String]) -> String {
        for flag in SweepInputs.flags(in: a) + SweepInputs.flags(in: b) {
            let x = SweepInputs.value(of: flag, in: a), y = SweepInputs.value(of: flag, in: b)
            if x != y { return "--\(flag) \(x.map { Excerpt.of($0) } ?? "not given") here, \(y.map { Excerpt.of($0) } ?? "not given") there" }
        }
        return "different flags"
    }

    /// The sweep a part was made by, from its stored arguments.
    private func rebuild(_ arguments: [String], source: String) throws -> Sweep {
        do {
            return try Sweep.parse(arguments)
        } catch {
            let message = Sweep.message(for: error).split(whereSeparator: \.isNewline).joined(separator: "; ")
            throw InputError("\(source): its stored sweep arguments are not valid (\(message))")
        }
    }
}
