@testable import ddcalc
import Foundation
import XCTest

/// `sweep --checkpoint`: a run killed (SIGKILL) or interrupted (SIGINT) and run again prints
/// exactly the bytes of an uninterrupted run; a checkpoint from other inputs is refused; the
/// thread count never changes a byte.
final class CheckpointTests: XCTestCase {
    func testSIGKILLThenResumeGivesTheUninterruptedBytes() throws {
        let reference = try Reliability.reference()
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("run.ckpt")
        let arguments = Reliability.sweep + ["--format", "csv", "--checkpoint", "run.ckpt"]

        let process = try Reliability.start(arguments + ["--threads", "1"], in: folder)
        Reliability.waitForFile(checkpoint, while: process)
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the sweep ended before it could be killed")
        XCTAssertGreaterThan(Reliability.records("done", in: checkpoint), 0, "nothing was saved before the kill")

        // Resumed with another thread count: threads are not part of the inputs.
        let resumed = try CLI.run(arguments + ["--threads", "2"], in: folder)
        XCTAssertEqual(resumed.status, 0, resumed.stderrText)
        XCTAssertEqual(resumed.stdout, reference, "the resumed run printed other bytes")
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint.path), "the checkpoint outlived a successful run")
        XCTAssertEqual(CLI.contents(of: folder), [], "temporary files left behind")
    }

    func testSIGINTSavesExits130AndResumesAndOtherInputsAreRefused() throws {
        let reference = try Reliability.reference()
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("run.ckpt")
        let arguments = Reliability.sweep + ["--format", "csv", "--checkpoint", "run.ckpt"]

        let process = try Reliability.start(arguments + ["--threads", "2"], in: folder)
        Reliability.waitForFile(checkpoint, while: process)
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "died by the signal instead of exiting")
        XCTAssertEqual(process.terminationStatus, 130)
        let saved = try Data(contentsOf: checkpoint)

        // Other inputs (another seed, another trial count) are refused, and the file is kept.
        for other in [["--seed", "6"], ["--trials", "120001"], ["--shard", "1/2", "--out", "part"]] {
            let refused = try CLI.run(Reliability.sweep + ["--format", "csv", "--checkpoint", "run.ckpt"] + other, in: folder)
            XCTAssertEqual(refused.status, 2, "\(other): \(refused.stderrText)")
            XCTAssertEqual(refused.stderrText.split(separator: "\n").count, 1, refused.stderrText)
            XCTAssertTrue(refused.stderrText.contains("run.ckpt"), refused.stderrText)
            XCTAssertEqual(refused.stdout, Data())
        }
        XCTAssertEqual(try Data(contentsOf: checkpoint), saved, "a refused run changed the checkpoint")

        let resumed = try CLI.run(arguments + ["--threads", "1"], in: folder)
        XCTAssertEqual(resumed.status, 0, resumed.stderrText)
        XCTAssertEqual(resumed.stdout, reference, "the resumed run printed other bytes")
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint.path))
    }

    /// A single long job: only the periodic saves of finished units can keep its progress.
    func testUnitsSavedWithinAJobSurviveSIGKILL() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A wide point (n < d): its draws go through the rows and the QR, slow enough to be caught mid-job.
        let single = ["sweep", "--d", "60", "--spectrum", "geometric:10", "--ns", "45", "--design", "surrogate",
                      "--trials", "40000", "--format", "csv"]
        let uninterrupted = try CLI.run(single + ["--threads", "2"])
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.stderrText)

        let checkpoint = folder.appendingPathComponent("one.ckpt")
        let arguments = single + ["--checkpoint", "one.ckpt", "--checkpoint-interval", "0.1"]
        try Reliability.killAtFirstSave(arguments, checkpoint: checkpoint, in: folder)
        XCTAssertEqual(Reliability.records("done", in: checkpoint), 0)

        let resumed = try CLI.run(arguments + ["--threads", "2"], in: folder)
        XCTAssertEqual(resumed.status, 0, resumed.stderrText)
        XCTAssertEqual(resumed.stdout, uninterrupted.stdout, "resuming from saved units changed the bytes")
    }

    func testThreadCounts1And2And7GiveTheSameBytes() throws {
        let reference = try Reliability.reference()  // --threads 2
        for threads in ["1", "7"] {
            let result = try CLI.run(Reliability.sweep + ["--format", "csv", "--threads", threads])
            XCTAssertEqual(result.status, 0, result.stderrText)
            XCTAssertEqual(result.stdout, reference, "--threads \(threads) differs from --threads 2")
        }
    }

    func testDamagedOrForeignCheckpointsAreRefusedNamingTheFile() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let valid = "ddcalc-checkpoint \(Checkpoint.version)\nfingerprint 0000000000000000\nplan 1 1\n"
        let files = [
            "foreign.ckpt": "n,mse\n1,2\n",
            "truncated.ckpt": String(valid.prefix(30)),
            "unsigned.ckpt": valid,
            "future.ckpt": "ddcalc-checkpoint 99\nchecksum 0000000000000000\n",
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            let result = try CLI.run(["sweep", "--d", "4", "--trials", "10", "--checkpoint", name], in: folder)
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
            XCTAssertTrue(result.stderrText.contains(name), result.stderrText)
            XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), text, "\(name) was changed")
        }
    }
}
