@testable import ddcalc
import DoubleDescent
import Foundation
import XCTest

/// `--max-memory`: suffixed byte counts, and a refusal (exit 2, one line with the estimate) above the limit.
final class MemoryLimitTests: XCTestCase {
    func testByteCounts() throws {
        XCTAssertEqual(try ByteCount.parse("1000", context: "x"), 1000)
        XCTAssertEqual(try ByteCount.parse("512M", context: "x"), 512 << 20)
        XCTAssertEqual(try ByteCount.parse("8G", context: "x"), 8 << 30)
        XCTAssertEqual(try ByteCount.parse("8GiB", context: "x"), 8 << 30)
        XCTAssertEqual(try ByteCount.parse("2kb", context: "x"), 2048)
        for bad in ["", "G", "8X", "-1", "1.5G", "99999999999999999999", "16777216T"] {
            XCTAssertThrowsError(try ByteCount.parse(bad, context: "x"), bad)
        }
    }

    func testASweepAboveTheLimitIsRefusedWithItsEstimate() throws {
        let refused = try CLI.run(["sweep", "--d", "8000", "--spectrum", "geometric:100", "--trials", "10", "--threads", "8"])
        XCTAssertEqual(refused.status, 2, refused.stderrText)
        XCTAssertEqual(refused.stderrText.split(separator: "\n").count, 1, refused.stderrText)
        XCTAssertTrue(refused.stderrText.contains("--max-memory") && refused.stderrText.contains("GiB"), refused.stderrText)
        // Isotropic Gaussian draws hold no matrix: the same sweep fits in far less.
        let isotropic = try CLI.run(["sweep", "--d", "5000", "--trials", "10", "--threads", "8", "--points", "4",
                                     "--max-memory", "256M", "--format", "csv"])
        XCTAssertEqual(isotropic.status, 0, isotropic.stderrText)
        let small = try CLI.run(["sweep", "--d", "6", "--trials", "10", "--max-memory", "1M"])
        XCTAssertEqual(small.status, 2, small.stderrText)
        XCTAssertTrue(small.stderrText.contains("--max-memory"), small.stderrText)
        let fine = try CLI.run(["sweep", "--d", "6", "--trials", "10", "--max-memory", "512M", "--format", "csv"])
        XCTAssertEqual(fine.status, 0, fine.stderrText)
    }

    /// The address-space limit (`ulimit -v`) is a limit like --max-memory: a run that cannot fit in it
    /// is refused with one line (exit 2) instead of aborting on allocation; a small run still runs.
    func testARunAboveTheAddressSpaceLimitIsRefused() throws {
        let executable = try CLI.executable.get().path
        func run(_ arguments: String) throws -> (status: Int32, stdout: Data, stderr: String) {
            let process = Process(), out = Pipe(), err = Pipe()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v 600000 && exec '\(executable)' \(arguments)"]
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, stderr)
        }
        let large = try run("sweep --d 3000 --spectrum geometric:10 --trials 10 --threads 2 --points 4 --format csv")
        XCTAssertEqual(large.status, 2, large.stderr)
        XCTAssertEqual(large.stdout, Data())
        XCTAssertEqual(large.stderr.split(separator: "\n").count, 1, large.stderr)
        XCTAssertTrue(large.stderr.contains("of address space") && large.stderr.contains("ulimit -v"), large.stderr)
        let small = try run("sweep --d 3 --trials 10 --threads 2 --points 4 --format csv")
        XCTAssertEqual(small.status, 0, small.stderr)
    }
}
