import Foundation
import XCTest

/// Issue 22, item 3: a full or closed standard stream, too few file descriptors, an address-space
/// or file-size limit, SIGQUIT: each is one line (where standard error is open) and a non-zero
/// exit, never a trap or a backtrace, and no temporary file remains.
final class StreamsAndLimitsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let commands = [
        "sweep --d 5 --trials 20 --points 4",
        "point --d 5 --n 3",
        "sample --d 3 --n 4 --draws 2",
    ]

    /// Runs `script`; asserts a normal exit with a non-zero status, `lines` lines on stderr (each
    /// holding `expected`), no trap and no file left in the folder but `kept`.
    private func assertFails(_ script: String, lines: Int = 1, _ expected: String, kept: Set<String> = [],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CLI.shell(script, in: folder)
        XCTAssertTrue(result.exitedNormally, script, file: file, line: line)
        XCTAssertNotEqual(result.status, 0, script, file: file, line: line)
        XCTAssertNotEqual(result.status, 132, "\(script): a trap", file: file, line: line)
        XCTAssertFalse(result.stderrText.contains("Fatal error") || result.stderrText.contains("Backtracing"), result.stderrText, file: file, line: line)
        XCTAssertEqual(result.stderrText.split(separator: "\n").count, lines, "\(script): \(result.stderrText)", file: file, line: line)
        if lines > 0 { XCTAssertTrue(result.stderrText.contains(expected), "\(script): \(result.stderrText)", file: file, line: line) }
        XCTAssertEqual(CLI.contents(of: folder), kept, script, file: file, line: line)
    }

    func testFullOrClosedStandardStreamsFailInOneLine() throws {
        for command in commands {
            try assertFails("$DDCALC \(command) > /dev/full", "cannot write standard output (No space left on device)")
            try assertFails("$DDCALC \(command) >&-", "cannot write standard output (Bad file descriptor)")
            // Standard error closed: nothing can be said, but the failure still shows in the status.
            try assertFails("$DDCALC \(command) > /dev/full 2>&-", lines: 0, "")
            // A warning with standard error closed must not land in the output file (descriptor 2 reused).
            let result = try CLI.shell("$DDCALC \(command) --sigma 1e200 --out out.txt 2>&-", in: folder)
            XCTAssertEqual(result.status, 0, command)
            XCTAssertFalse(try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8).contains("warning"), command)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("out.txt"))
        }
    }

    func testTooFewFileDescriptorsFailInOneLine() throws {
        for limit in [4, 5, 6, 7] {
            try assertFails("ulimit -n \(limit); $DDCALC sweep --d 5 --trials 20 --points 4 --out s.csv", "too few file descriptors")
            try assertFails("ulimit -n \(limit); $DDCALC plot .", "too few file descriptors")
        }
    }

    /// A large JSON sweep under an address-space limit is refused before it allocates.
    func testAnAddressSpaceLimitIsChecked() throws {
        for limit in [400_000, 800_000] {
            try assertFails("ulimit -v \(limit); $DDCALC sweep --d 3 --trials 0 --points 400000 --format json --out big.json",
                            "the address-space limit (ulimit -v)")
        }
    }

    func testAFileSizeLimitFailsTheWriteAndLeavesNoTemporary() throws {
        try assertFails("ulimit -f 1; $DDCALC sweep --d 50 --trials 0 --points 2000 --out big.csv", "--out: cannot write 'big.csv'")
        try assertFails("ulimit -f 1; $DDCALC sweep --d 50 --trials 0 --points 2000 --format gnuplot --out g", "File too large")
    }

    /// SIGQUIT is handled like SIGINT and SIGTERM: one line, 128 + 3, no backtrace, no temporary.
    func testSIGQUITStopsTheRunInOneLine() throws {
        // While the Monte Carlo polls for it, and while the closed forms of a long grid run unpolled.
        for (index, command) in ["sweep --d 200 --trials 100000 --points 30 --out q.csv", "sweep --d 3 --trials 0 --points 1000000 --format json --out q.json"].enumerated() {
            let result = try CLI.shell("$DDCALC \(command) & pid=$!; sleep 1.5; kill -QUIT $pid; wait $pid", in: folder,
                                       environment: ["DDCALC_PROGRESS_INTERVAL": "100000"])
            XCTAssertEqual(result.status, 131, "case \(index): \(result.stderrText)")
            XCTAssertEqual(result.stderrText, "ddcalc: interrupted; nothing written\n", "case \(index)")
            XCTAssertEqual(CLI.contents(of: folder), [], "case \(index)")
        }
    }
}
