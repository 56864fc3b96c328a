import Foundation
import XCTest

/// `sweep --shard I/N` run by GNU parallel and `merge`: the merged output is the unsharded sweep's
/// bytes; parts that do not belong together are refused with one line naming the file.
final class ShardMergeTests: XCTestCase {
    /// The shards of `Reliability.sweep`, written by GNU parallel into `folder` as part1.ddp ... part4.ddp.
    func makeShards(in folder: URL) throws {
        let parallel = ["/usr/bin/parallel", "/usr/local/bin/parallel"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let parallel else { throw XCTSkip("GNU parallel is not installed (scripts/setup.sh installs it)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parallel)
        // parallel -j 2 ddcalc sweep --d 12 --trials 12000 --seed 5 --threads 1 --shard {}/4 --out part{}.ddp ::: 1 2 3 4
        process.arguments = ["-j", "2", try CLI.executable.get().path] + Reliability.sweep
            + ["--threads", "1", "--shard", "{}/4", "--out", "part{}.ddp", ":::", "1", "2", "3", "4"]
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "parallel failed")
    }

    func merge(_ parts: [String], in folder: URL, _ extra: [String] = ["--format", "csv"]) throws -> CLIResult {
        try CLI.run(["merge"] + parts + extra, in: folder)
    }

    func assertRefused(_ result: CLIResult, naming name: String, _ what: String, line: UInt = #line) {
        XCTAssertEqual(result.status, 2, "\(what): \(result.stderrText)", line: line)
        XCTAssertEqual(result.stdout, Data(), what, line: line)
        XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, "\(what): \(result.stderrText)", line: line)
        XCTAssertTrue(result.stderrText.contains(name), "\(what): the error does not name \(name): \(result.stderrText)", line: line)
    }

    func testFourShardsByGNUParallelMergeToTheUnshardedBytesAndBadPartsAreRefused() throws {
        let reference = try Reliability.reference()
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeShards(in: folder)
        let parts = (1...4).map { "part\($0).ddp" }

        let merged = try merge(parts, in: folder)
        XCTAssertEqual(merged.status, 0, merged.stderrText)
        XCTAssertEqual(merged.stdout, reference, "merged shards differ from the unsharded sweep")
        let shuffled = try merge(parts.reversed(), in: folder, ["--format", "csv", "--out", "merged.csv"])
        XCTAssertEqual(shuffled.status, 0, shuffled.stderrText)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("merged.csv")), reference, "order of parts matters")

        // A missing shard, a duplicate.
        assertRefused(try merge(Array(parts.dropLast()), in: folder), naming: "4/4", "a missing shard")
        assertRefused(try merge(parts + ["part2.ddp"], in: folder), naming: "part2.ddp", "a duplicate shard")

        // A part from another seed.
        let other = try CLI.run(Reliability.sweep(seed: 6) + ["--threads", "2", "--shard", "3/4", "--out", "seed6.ddp"],
                                in: folder)
        XCTAssertEqual(other.status, 0, other.stderrText)
        let mixed = try merge(["part1.ddp", "part2.ddp", "seed6.ddp", "part4.ddp"], in: folder)
        assertRefused(mixed, naming: "seed6.ddp", "a part from another seed")
        XCTAssertTrue(mixed.stderrText.contains("--seed"), mixed.stderrText)

        // A truncated part, a damaged one, a foreign file.
        let full = try Data(contentsOf: folder.appendingPathComponent("part3.ddp"))
        try full.prefix(full.count * 2 / 3).write(to: folder.appendingPathComponent("cut.ddp"))
        assertRefused(try merge(["part1.ddp", "part2.ddp", "cut.ddp", "part4.ddp"], in: folder), naming: "cut.ddp", "a truncated part")
        var damaged = full
        damaged[damaged.count / 2] ^= 0x01
        try damaged.write(to: folder.appendingPathComponent("flip.ddp"))
        assertRefused(try merge(["part1.ddp", "part2.ddp", "flip.ddp", "part4.ddp"], in: folder), naming: "flip.ddp", "a flipped bit")
        try Data("n,mse\n1,2\n".utf8).write(to: folder.appendingPathComponent("foreign.csv"))
        assertRefused(try merge(["part1.ddp", "foreign.csv"], in: folder), naming: "foreign.csv", "a foreign file")
        assertRefused(try merge(["part1.ddp", "nothere.ddp"], in: folder), naming: "nothere.ddp", "a missing file")
    }

    func testShardNeedsOutAndAValidSpec() throws {
        for (arguments, flag) in [(["--shard", "1/2"], "--shard"), (["--shard", "3/2", "--out", "p"], "--shard"),
                                  (["--shard", "x", "--out", "p"], "--shard"), (["--shard", "0/2", "--out", "p"], "--shard")] {
            let result = try CLI.run(["sweep", "--d", "4", "--trials", "10"] + arguments)
            assertRefused(result, naming: flag, arguments.joined(separator: " "))
        }
    }
}
