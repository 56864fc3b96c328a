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
}
