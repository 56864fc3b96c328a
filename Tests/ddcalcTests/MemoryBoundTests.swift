import Foundation
import XCTest

/// `--max-memory` bounds the real peak (issue 22): the bound a command reports when refused
/// (`--max-memory 1`) is at least the peak resident size the same command reaches when run, and
/// within a factor `slack` of it, at several sizes of output (sweep points), drawn design (sample),
/// Monte Carlo (ridge, sweep) and input file (weights, covariance).
/// The peak comes from GNU time's %M (maximum resident set size, KiB), which reads the child's rusage.
final class MemoryBoundTests: XCTestCase {
    /// How far above the peak the bound may be: it counts every array at its largest and every number
    /// at its longest, so it is loose, but not uselessly so.
    static let slack = 4.0

    static let time = URL(fileURLWithPath: "/usr/bin/time")

    static let runs: [[String]] = [
        ["sweep", "--d", "3", "--points", "20000", "--trials", "1", "--threads", "1"],
        ["sweep", "--d", "3", "--points", "100000", "--trials", "1", "--threads", "1"],
        ["sweep", "--d", "3", "--points", "200000", "--trials", "1", "--threads", "1"],
        ["sweep", "--d", "3", "--points", "100000", "--trials", "1", "--threads", "1", "--format", "json"],
        ["sweep", "--d", "3", "--points", "100000", "--trials", "0", "--format", "csv"],
        ["sweep", "--d", "200", "--features", "uniform", "--ns", "400", "--trials", "8", "--threads", "1"],
        ["sweep", "--d", "600", "--features", "uniform", "--ns", "1200", "--trials", "2", "--threads", "1", "--design", "surrogate"],
        ["sweep", "--d", "2000", "--spectrum", "geometric:100", "--ns", "1000,4000", "--trials", "2", "--threads", "1",
         "--design", "surrogate"],
        ["sweep", "--d", "2000", "--spectrum", "geometric:100", "--ns", "4000", "--trials", "2", "--threads", "1",
         "--design", "surrogate"],
        ["sample", "--d", "3", "--n", "200000"],
        ["sample", "--d", "50", "--n", "20000"],
        ["sample", "--d", "50", "--n", "80000"],
        ["sample", "--d", "3", "--n", "20000", "--draws", "20"],
        ["sample", "--d", "50", "--n", "2000", "--draws", "20", "--format", "json"],
        ["ridge", "--d", "200", "--n", "400", "--trials", "50", "--threads", "1"],
        ["sweep", "--d", "400", "--spectrum", "geometric:10", "--ns", "300", "--trials", "64", "--threads", "1",
         "--check-ridge", "--design", "surrogate"],
    ]

    func testBoundsAreAboveThePeak() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.time.path) else {
            throw XCTSkip("GNU time is not installed at /usr/bin/time (Debian package time)")
        }
        let executable = try CLI.executable.get()
        var table: [String] = []
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let weights = folder.appendingPathComponent("w.csv"), covariance = folder.appendingPathComponent("c.csv")
        try Self.matrix(rows: 3000, columns: 300, diagonal: 2).write(to: weights)
        try Self.matrix(rows: 400, columns: 400, diagonal: 2).write(to: covariance)
        let files = [["sweep", "--spectrum", "weights:\(weights.path)", "--trials", "0", "--points", "4"],
                     ["sweep", "--spectrum", "covariance:\(covariance.path)", "--trials", "0", "--points", "4"]]
        for arguments in Self.runs + files {
            let refused = try CLI.run(arguments + ["--max-memory", "1"])
            XCTAssertEqual(refused.status, 2, refused.stderrText)
            let estimate = try XCTUnwrap(Self.bytes(inMessage: refused.stderrText), refused.stderrText)
            let peak = try Self.peakResidentBytes(executable, arguments + ["--out", "/dev/null"])
            table.append("\(arguments.joined(separator: " ")): estimate \(Int(estimate) >> 20) MiB, peak \(Int(peak) >> 20) MiB")
            XCTAssertGreaterThanOrEqual(estimate, peak, table.last!)
            XCTAssertLessThanOrEqual(estimate, Self.slack * peak, table.last!)
        }
        print(table.joined(separator: "\n"))
    }

    /// Runs that do more than one thing are estimated by their largest part: `ridge --design iid` also
    /// runs the surrogate (d rows at n < d, against n for the i.i.d. rows), and `sweep --check-ridge`
    /// runs the ridge Monte Carlo after its own.
    func testCompositeRunsAreEstimatedByTheirLargestPart() throws {
        func estimate(_ arguments: [String]) throws -> Double {
            let refused = try CLI.run(arguments + ["--max-memory", "1"])
            XCTAssertEqual(refused.status, 2, refused.stderrText)
            return try XCTUnwrap(Self.bytes(inMessage: refused.stderrText), refused.stderrText)
        }
        let ridge = ["ridge", "--d", "400", "--spectrum", "geometric:10", "--n", "10", "--trials", "64", "--threads", "1"]
        XCTAssertEqual(try estimate(ridge + ["--design", "iid"]), try estimate(ridge))
        let sweep = ["sweep", "--d", "400", "--spectrum", "geometric:10", "--ns", "10", "--trials", "64", "--threads", "1",
                     "--design", "surrogate"]
        XCTAssertGreaterThan(try estimate(ridge), try estimate(sweep))
        XCTAssertEqual(try estimate(sweep + ["--check-ridge"]), try estimate(ridge))
    }

    /// A rows x columns CSV matrix: `diagonal` on the diagonal, 0.25 elsewhere (positive definite as
    /// a covariance when square), at full precision.
    static func matrix(rows: Int, columns: Int, diagonal: Double) -> Data {
        var text = ""
        for i in 0..<rows {
            text += (0..<columns).map { j in i == j ? "\(diagonal)" : "0.2500000000000001" }.joined(separator: ",") + "\n"
        }
        return Data(text.utf8)
    }

    /// The issue's case: a 20000 x 1500 `weights:` matrix (peak 712 MiB when it was read) is refused
    /// under `--max-memory 200M` before it is read: one line, exit 2, no output.
    func testALargeWeightMatrixIsRefusedBeforeItIsRead() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let weights = folder.appendingPathComponent("w.csv")
        let row = Array(repeating: "1", count: 1500).joined(separator: ",") + "\n"
        try Data(String(repeating: row, count: 20000).utf8).write(to: weights)
        let refused = try CLI.run(["sweep", "--spectrum", "weights:\(weights.path)", "--trials", "0", "--max-memory", "200M"])
        XCTAssertEqual(refused.status, 2, refused.stderrText)
        XCTAssertEqual(refused.stdout, Data())
        XCTAssertEqual(refused.stderrText.split(separator: "\n").count, 1, refused.stderrText)
        XCTAssertTrue(refused.stderrText.contains("--max-memory") && refused.stderrText.contains("reading the input file"),
                      refused.stderrText)
        let bound = try XCTUnwrap(Self.bytes(inMessage: refused.stderrText))
        XCTAssertGreaterThanOrEqual(bound, 712 * 1024 * 1024, "the peak measured when it was read")
    }

    /// "about 67.5 MiB" in an error line, in bytes.
    static func bytes(inMessage text: String) -> Double? {
        let words = text.split(separator: " ")
        guard let at = words.firstIndex(of: "about"), at + 2 < words.count, let value = Double(words[at + 1]) else { return nil }
        let units = ["bytes": 0.0, "KiB": 10, "MiB": 20, "GiB": 30, "TiB": 40]
        guard let shift = units[String(words[at + 2])] else { return nil }
        return value * pow(2, shift)
    }

    /// The peak resident size of one run of `executable arguments`, in bytes; the run must succeed.
    static func peakResidentBytes(_ executable: URL, _ arguments: [String]) throws -> Double {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("rss")
        let process = Process()
        process.executableURL = time
        process.arguments = ["-f", "%M", "-o", report.path, executable.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, arguments.joined(separator: " "))
        let text = try String(contentsOf: report, encoding: .utf8)
        let kib = try XCTUnwrap(text.split(separator: "\n").last.flatMap { Double($0) }, text)
        return kib * 1024
    }
}
