import Foundation
import XCTest

/// Issue 13, item 11: without a terminal, a long run announces its work and estimated time and then
/// prints a plain progress line every interval (30 s; the hidden DDCALC_PROGRESS_INTERVAL shortens it
/// here); short runs and `--quiet` print nothing. `--check-ridge` is checkpointed point by point: a
/// run killed during the ridge checks resumes without redoing the finished ones and prints the bytes
/// of an uninterrupted run.
final class ProgressOutputTests: XCTestCase {
    /// A sweep whose time goes into the ridge checks (no Monte Carlo jobs), a few seconds long.
    static let ridgeSweep = ["sweep", "--d", "20", "--spectrum", "geometric:10", "--ns", "2,4,6,8,10,12,14,16,18",
                             "--design", "none", "--trials", "6000", "--check-ridge", "--format", "csv"]

    /// Runs ddcalc with the progress interval set, standard error to a file (not a terminal).
    private func run(_ arguments: [String], interval: String?, in folder: URL) throws -> ProcessRunner.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DDCALC_PROGRESS_INTERVAL"] = interval
        return try ProcessRunner.run(try CLI.executable.get(), arguments, in: folder, environment: environment)
    }

    func testLongRunsPrintPlainProgressLinesAndQuietSilencesThem() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        // Long enough (a few seconds) for the first report to come before the end, even on a fast machine.
        let sweep = ["sweep", "--d", "12", "--spectrum", "geometric:10", "--trials", "30000", "--seed", "5", "--format", "csv",
                     "--threads", "1"]
        let loud = try run(sweep, interval: "0.2", in: folder)
        XCTAssertEqual(loud.status, 0, loud.stderr)
        let lines = loud.stderr.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("ddcalc: simulating: ") ?? false, loud.stderr)
        XCTAssertTrue(lines.first?.contains("trials; estimated time ") ?? false, loud.stderr)
        XCTAssertTrue(lines.dropFirst().contains { $0.hasPrefix("ddcalc: simulating: ") && $0.contains("% (") && $0.contains(" elapsed") },
                      "no plain progress line: \(loud.stderr)")
        XCTAssertFalse(loud.stderr.contains("\r"), "a terminal bar went to a file")

        let quiet = try run(sweep + ["--quiet"], interval: "0.2", in: folder)
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stderr, "")
        XCTAssertEqual(quiet.stdout, loud.stdout, "progress output changed the results")

        // At the default interval (30 s) this run is too short to say anything.
        let short = try run(sweep, interval: nil, in: folder)
        XCTAssertEqual(short.stderr, "")
    }

    func testRidgeChecksAreCheckpointedAndNotRedoneOnResume() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let reference = try run(Self.ridgeSweep + ["--threads", "2"], interval: nil, in: folder)
        XCTAssertEqual(reference.status, 0, reference.stderr)
        XCTAssertEqual(reference.stdout.split(separator: "\n").count, 10)

        let checkpoint = folder.appendingPathComponent("ridge.ckpt")
        let arguments = Self.ridgeSweep + ["--checkpoint", "ridge.ckpt"]
        let process = try Reliability.start(arguments + ["--threads", "1"], in: folder)
        Reliability.waitForFile(checkpoint, while: process)
        let deadline = Date().addingTimeInterval(30)
        while Reliability.records("ridge", in: checkpoint) < 2, process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the sweep ended before it could be killed")
        let saved = Reliability.records("ridge", in: checkpoint)
        XCTAssertGreaterThanOrEqual(saved, 2, "no ridge check was saved")
        XCTAssertLessThan(saved, 9)

        let resumed = try run(arguments + ["--threads", "2"], interval: "0.05", in: folder)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(resumed.stdout, reference.stdout, "the resumed run printed other bytes")
        XCTAssertTrue(resumed.stderr.contains("resuming from 'ridge.ckpt': 0 of 0 Monte Carlo jobs done, \(saved) ridge checks done"),
                      resumed.stderr)
        // Only the remaining points are checked: their trials are all the work announced.
        XCTAssertTrue(resumed.stderr.contains("checking Theorem 2: \((9 - saved) * 6000) trials;"), resumed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint.path), "the checkpoint outlived a successful run")
        XCTAssertEqual(CLI.contents(of: folder), [], "temporary files left behind")
    }
}
