import Foundation
import XCTest

/// Issue 25, item 6: `-` is standard output for every output path (`--out`) and standard input for
/// every input path (`--data`, `file:`, `covariance:`, `weights:`, `--wstar file:`, merge's parts);
/// standard input is read at most once per run (docs/OUTPUT.md, "Standard input and output").
final class StandardStreamTests: XCTestCase {
    static let spectrum = Data("1\n2\n3\n4\n".utf8)

    /// `ddcalc arguments` run twice in one folder that holds `name` (holding `bytes`): once reading the
    /// file, once with its path replaced by `-` and the bytes as standard input. Both must print the
    /// same bytes; the folder must hold no file named `-` afterwards.
    func assertReadsStandardInput(_ arguments: [String], file name: String, holding bytes: Data,
                                  line: UInt = #line) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bytes.write(to: folder.appendingPathComponent(name))
        let fromFile = try CLI.run(arguments, in: folder)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderrText, line: line)
        let piped = arguments.map { $0.replacingOccurrences(of: name, with: "-") }
        XCTAssertNotEqual(piped, arguments, line: line)
        let fromStandardInput = try CLI.run(piped, in: folder, standardInput: bytes)
        XCTAssertEqual(fromStandardInput.status, 0, fromStandardInput.stderrText, line: line)
        // The echo names the path as given: `-` for the stream.
        XCTAssertEqual(fromStandardInput.stdoutText, fromFile.stdoutText.replacingOccurrences(of: name, with: "-"), line: line)
        XCTAssertFalse(CLI.contents(of: folder).contains("-"), line: line)
    }

    func testEveryInputPathReadsStandardInputFromDash() throws {
        try assertReadsStandardInput(["point", "--spectrum", "file:s.txt", "--n", "3"], file: "s.txt", holding: Self.spectrum)
        try assertReadsStandardInput(["point", "--spectrum", "covariance:c.csv", "--n", "2"], file: "c.csv",
                                     holding: Data("2,1,0\n1,2,0\n0,0,1\n".utf8))
        try assertReadsStandardInput(["point", "--spectrum", "weights:w.csv", "--n", "2"], file: "w.csv",
                                     holding: Data("1,0,2\n0,1,1\n3,1,0\n1,1,1\n".utf8))
        try assertReadsStandardInput(["point", "--d", "4", "--wstar", "file:ws.txt", "--n", "3"], file: "ws.txt",
                                     holding: Data("1\n0\n0\n2\n".utf8))
        try assertReadsStandardInput(["point", "--data", "rows.csv", "--n", "2"], file: "rows.csv",
                                     holding: Data("a,b,c\n1,2,0\n0,1,3\n2,2,2\n1,0,1\n4,1,0\n".utf8))
    }

    func testStandardInputIsAlsoReadFromAPipe() throws {
        let process = Process()
        process.executableURL = try CLI.executable.get()
        process.arguments = ["point", "--spectrum", "file:-", "--n", "3", "--format", "json"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Self.spectrum)
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.spectrum.write(to: folder.appendingPathComponent("s.txt"))
        let fromFile = try CLI.run(["point", "--spectrum", "file:s.txt", "--n", "3", "--format", "json"], in: folder)
        XCTAssertFalse(printed.isEmpty)
        XCTAssertEqual(String(decoding: printed, as: UTF8.self), fromFile.stdoutText.replacingOccurrences(of: "s.txt", with: "-"))
    }

    func testDashOutIsStandardOutputAndCreatesNoFile() throws {
        for arguments in [["sweep", "--d", "5", "--ns", "2,3,7"], ["point", "--d", "5", "--n", "3", "--format", "json"],
                          ["sample", "--d", "3", "--n", "2", "--draws", "2"],
                          ["ridge", "--d", "4", "--n", "2", "--trials", "50", "--format", "csv"]] {
            let folder = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let plain = try CLI.run(arguments, in: folder)
            let dashed = try CLI.run(arguments + ["--out", "-"], in: folder)
            XCTAssertEqual(plain.status, 0, plain.stderrText)
            XCTAssertEqual(dashed.status, 0, dashed.stderrText)
            XCTAssertFalse(plain.stdout.isEmpty)
            XCTAssertEqual(dashed.stdout, plain.stdout, arguments[0])
            XCTAssertEqual(CLI.contents(of: folder), [], "\(arguments[0]) --out - wrote a file")
        }
    }

    func testAShardPartThroughStandardOutputMergesFromStandardInput() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = ["sweep", "--d", "6", "--ns", "3,8", "--trials", "40", "--seed", "3"]
        let part = try CLI.run(sweep + ["--shard", "1/1", "--out", "-"], in: folder)
        XCTAssertEqual(part.status, 0, part.stderrText)
        let merged = try CLI.run(["merge", "-"], in: folder, standardInput: part.stdout)
        XCTAssertEqual(merged.status, 0, merged.stderrText)
        XCTAssertEqual(merged.stdout, try CLI.run(sweep, in: folder).stdout)
        XCTAssertEqual(CLI.contents(of: folder), [])
    }

    func testTwoReadersOfStandardInputAndStreamsWhereAFileIsNeededAreRefused() throws {
        let cases: [([String], String)] = [
            (["point", "--spectrum", "file:-", "--wstar", "file:-", "--n", "3"],
             "ddcalc: error: --spectrum file: and --wstar file: both give '-', standard input; it can be read once per run, give a file for one of them\n"),
            (["merge", "-", "-"], "ddcalc: error: part and part both give '-', standard input; it can be read once per run, give a file for one of them\n"),
            (["sweep", "--d", "4", "--ns", "2", "--checkpoint", "-"],
             "ddcalc: error: --checkpoint: '-' is standard output, but a checkpoint is read back on resume; give a file\n"),
            (["sweep", "--d", "4", "--ns", "2", "--format", "gnuplot", "--out", "-"],
             "ddcalc: error: --format gnuplot: --out is the folder for sweep.dat and sweep.gp, not '-' (standard output)\n"),
        ]
        for (arguments, message) in cases {
            let folder = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try CLI.run(arguments, in: folder, standardInput: Self.spectrum)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.stdout, Data())
            XCTAssertTrue(result.stderrText.hasPrefix(message) || result.stderrText.contains(message.dropFirst("ddcalc: error: ".count)),
                          result.stderrText)
            XCTAssertEqual(CLI.contents(of: folder), [])
        }
    }
}
