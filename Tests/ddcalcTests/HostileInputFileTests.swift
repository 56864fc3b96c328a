import Foundation
import XCTest

/// Issue 13, item 9: huge or hostile input files fail fast with one short line: a file over the
/// size limit is refused from its size, a device or a FIFO nobody writes to neither hangs nor fills
/// memory, and a huge bad value is echoed cut to about 60 characters.
final class HostileInputFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try ProcessRunner.temporaryFolder(self)
    }

    /// Exit 2, one line, short, within a few seconds.
    private func assertShortFailure(_ arguments: [String], mentions: String, maxLength: Int = 400,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let start = Date()
        let result = try CLI.run(arguments, in: folder, timeout: 30, file: file, line: line)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertTrue(result.exitedNormally, "crashed", file: file, line: line)
        XCTAssertEqual(result.status, 2, "\(arguments.prefix(4)): \(result.stderrText.prefix(300))", file: file, line: line)
        XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, String(result.stderrText.prefix(300)), file: file, line: line)
        XCTAssertLessThanOrEqual(result.stderr.count, maxLength, String(result.stderrText.prefix(300)), file: file, line: line)
        XCTAssertTrue(result.stderrText.contains(mentions), String(result.stderrText.prefix(300)), file: file, line: line)
        XCTAssertLessThan(seconds, 20, "took \(seconds) s", file: file, line: line)
    }

    func testAFileOverTheLimitIsRefusedFromItsSize() throws {
        let huge = folder.appendingPathComponent("huge.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: huge.path, contents: Data("1\n".utf8)))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 2 << 30)  // a sparse 2 GiB file
        try handle.close()
        for arguments in [["point", "--n", "2", "--spectrum", "file:huge.txt"],
                          ["point", "--n", "2", "--spectrum", "covariance:huge.txt"],
                          ["point", "--n", "2", "--d", "3", "--wstar", "file:huge.txt"],
                          ["point", "--n", "2", "--data", "huge.txt"],
                          ["merge", "huge.txt"]] {
            try assertShortFailure(arguments, mentions: "huge.txt")
        }
        let result = try CLI.run(["point", "--n", "2", "--spectrum", "file:huge.txt"], in: folder)
        XCTAssertTrue(result.stderrText.contains("limit"), result.stderrText)
    }

    func testDevicesAndSilentFIFOsNeitherHangNorFillMemory() throws {
        try assertShortFailure(["point", "--n", "2", "--spectrum", "file:/dev/zero"], mentions: "/dev/zero")
        try assertShortFailure(["point", "--n", "2", "--data", "/dev/zero"], mentions: "/dev/zero")
        try assertShortFailure(["merge", "/dev/zero"], mentions: "/dev/zero")
        let fifo = folder.appendingPathComponent("fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        try assertShortFailure(["point", "--n", "2", "--spectrum", "file:fifo"], mentions: "fifo")
        // A pipe with a writer is read as usual (as `--spectrum file:<(...)` gives).
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo.path) {
                handle.write(Data("3\n2\n1\n".utf8))
                try? handle.close()
            }
        }
        writer.start()
        let result = try CLI.run(["point", "--n", "2", "--spectrum", "file:fifo", "--format", "json"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stdoutText.hasPrefix("{\"n\": 2.0"), result.stdoutText)
    }

    func testHugeBadValuesAreEchoedCut() throws {
        let long = String(repeating: "7x", count: 1_000_000)  // a 2 MB field
        try Data("3\n\(long)\n1\n".utf8).write(to: folder.appendingPathComponent("spectrum.txt"))
        try Data("1 \(long) 0\n".utf8).write(to: folder.appendingPathComponent("w.txt"))
        try Data("a,b\n1,2\n\(long),3\n".utf8).write(to: folder.appendingPathComponent("d.csv"))
        try Data("2,0\n\(long),1\n".utf8).write(to: folder.appendingPathComponent("c.csv"))
        try assertShortFailure(["point", "--n", "2", "--spectrum", "file:spectrum.txt"], mentions: "line 2")
        try assertShortFailure(["point", "--n", "2", "--d", "3", "--wstar", "file:w.txt"], mentions: "entry 2")
        try assertShortFailure(["point", "--n", "2", "--data", "d.csv"], mentions: "row 3")
        try assertShortFailure(["point", "--n", "2", "--spectrum", "covariance:c.csv"], mentions: "row 2")
        // Flag values are bounded by the system's argument length (128 KiB), still far too long to echo.
        let argument = String(repeating: "x", count: 100_000)
        for arguments in [["sweep", "--d", "3", "--ns", "1," + argument],
                          ["point", "--n", "2", "--d", "3", "--spectrum", argument],
                          ["point", "--n", "2", "--d", "3", "--spectrum", "linear:" + argument],
                          ["point", "--n", "2", "--d", "3", "--wstar", argument],
                          ["point", "--n", "2", "--d", "3", "--wstar", "random:" + argument],
                          ["point", "--n", "2", "--d", "3", "--features", argument],
                          ["sweep", "--d", "3", "--shard", argument, "--out", "p"],
                          ["sweep", "--d", "3", "--max-memory", argument],
                          ["point", "--n", argument, "--d", "3"]] {
            try assertShortFailure(arguments, mentions: "xxxxxxxxxx", maxLength: 1100)
        }
    }
}
