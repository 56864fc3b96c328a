import Foundation
import XCTest

/// Running `ddcalc` in the background (to interrupt it) and the shared reference sweep of the
/// checkpoint and shard tests.
enum Reliability {
    /// A sweep of a few seconds: d = 12, n = 1..24, both designs, 120000 trials (12000 took 0.3 s once the kernels were our own). The spectrum is not
    /// isotropic, so that the draws go through rows and the solver (isotropic draws are so cheap that
    /// the run would end before it could be interrupted).
    static let sweep = sweep(seed: 5)

    /// The same sweep with another seed.
    static func sweep(seed: Int) -> [String] {
        ["sweep", "--d", "12", "--spectrum", "geometric:10", "--trials", "120000", "--seed", "\(seed)"]
    }

    /// The uninterrupted, unsharded CSV output of `sweep` (computed once per test process).
    static func reference() throws -> Data {
        if let cached = cache { return cached }
        let result = try CLI.run(sweep + ["--format", "csv", "--threads", "2"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertGreaterThan(result.stdout.count, 1000)
        cache = result.stdout
        return result.stdout
    }
    private static var cache: Data?

    /// Starts `ddcalc arguments` in `directory`, output discarded.
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = try CLI.executable.get()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `file` exists (a first checkpoint save), failing after `timeout` seconds.
    static func waitForFile(_ file: URL, while process: Process, timeout: TimeInterval = 30,
                            line: UInt = #line) {
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: file.path) {
            guard process.isRunning, Date() < deadline else {
                XCTFail("no checkpoint appeared at \(file.lastPathComponent) (running: \(process.isRunning))", line: line)
                return
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Runs `arguments` with one thread in `folder` and SIGKILLs it as soon as `checkpoint` first
    /// appears; checks that it was killed (not finished) with some finished units saved.
    static func killAtFirstSave(_ arguments: [String], checkpoint: URL, in folder: URL, line: UInt = #line) throws {
        let process = try start(arguments + ["--threads", "1"], in: folder)
        waitForFile(checkpoint, while: process, line: line)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the sweep ended before it could be killed", line: line)
        XCTAssertGreaterThan(records("unit", in: checkpoint), 0, "no finished units were saved", line: line)
    }

    /// The records of a checkpoint or partial-results file whose first field is `kind`.
    static func records(_ kind: String, in file: URL) -> Int {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix(kind + " ") }.count
    }
}
