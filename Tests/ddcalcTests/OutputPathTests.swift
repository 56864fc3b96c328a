import Foundation
import XCTest

/// Issue 22, item 2: no output lost, no file replaced by surprise.
final class OutputPathTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// `--out /dev/stdout` (or `/dev/fd/1`) writes through the descriptor the shell gave: opened for
    /// appending, the log keeps what it held.
    func testStandardOutputOpenedForAppendingIsAppendedTo() throws {
        for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            try Data("first line\n".utf8).write(to: folder.appendingPathComponent("log"))
            let result = try CLI.shell("$DDCALC point --d 5 --n 3 --format csv --out \(path) >> log", in: folder)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let log = try String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)
            XCTAssertTrue(log.hasPrefix("first line\nn,ratio,"), "\(path): \(log)")
            XCTAssertEqual(log.split(separator: "\n").count, 3, path)
        }
    }

    /// From a deleted working folder a relative `--out` is refused, not written to `/`.
    func testARelativeOutFromADeletedWorkingFolderIsRefused() throws {
        let name = "ddcalc-deleted-cwd-\(UUID().uuidString)"
        for arguments in ["point --d 5 --n 3 --out \(name)", "sweep --d 4 --trials 0 --format gnuplot --out \(name)"] {
            let result = try CLI.shell("mkdir gone && cd gone && rmdir ../gone && $DDCALC \(arguments)", in: folder)
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("the working folder no longer exists"), result.stderrText)
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1)
            XCTAssertFalse(FileManager.default.fileExists(atPath: "/" + name), arguments)
        }
    }

    /// Paths are bytes: a name that is not UTF-8 is refused, never rewritten into another name.
    func testANonUTF8PathIsRefusedNotRewritten() throws {
        // U+FFFD is what the old decoding turned \xff into: that file must stay untouched.
        try Data("unrelated\n".utf8).write(to: folder.appendingPathComponent("x\u{FFFD}"))
        try Data("3\n2\n1\n".utf8).write(to: folder.appendingPathComponent("s\u{FFFD}"))
        for arguments in ["point --d 5 --n 3 --out $(printf 'x\\377')", "point --n 2 --spectrum file:$(printf 's\\377')"] {
            let result = try CLI.shell("printf '3\\n2\\n1\\n' > \"$(printf 's\\377')\"; $DDCALC \(arguments)", in: folder)
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("is not UTF-8"), result.stderrText)
            XCTAssertFalse(result.stderrText.contains("does not exist"), result.stderrText)
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1)
        }
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("x\u{FFFD}"), encoding: .utf8), "unrelated\n")
    }

    /// Concurrent writers of one new gnuplot folder: each succeeds whole or fails with exit 2; the
    /// folder holds one writer's three files (the same seed in each), no temporary remains.
    func testConcurrentWritersOfOneGnuplotFolderNeverMix() throws {
        for round in 0..<3 {
            let out = "g\(round)"
            let writers = (1...4).map { "$DDCALC sweep --d 30 --trials 50 --points 40 --seed \($0) --format gnuplot --out \(out) 2>>errors & " }.joined()
            let result = try CLI.shell(writers + "fail=0; for job in $(jobs -p); do wait $job || fail=$((fail+1)); done; echo $fail", in: folder)
            let failed = Int(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            XCTAssertTrue((0...3).contains(failed), "round \(round): \(failed) writers failed")
            let errors = (try? String(contentsOf: folder.appendingPathComponent("errors"), encoding: .utf8)) ?? ""
            for line in errors.split(separator: "\n") {
                XCTAssertTrue(line.contains("another writer") || line.contains("another ddcalc is writing"), String(line))
            }
            let export = folder.appendingPathComponent(out)
            XCTAssertEqual(CLI.contents(of: export), ["model.json", "sweep.dat", "sweep.gp"], "round \(round)")
            let model = try String(contentsOf: export.appendingPathComponent("model.json"), encoding: .utf8)
            let script = try String(contentsOf: export.appendingPathComponent("sweep.gp"), encoding: .utf8)
            let seed = try XCTUnwrap(model.range(of: #"\["seed","\d""#, options: .regularExpression).map { String(model[$0].dropLast().suffix(1)) })
            XCTAssertTrue(script.contains("seed = \(seed),"), "round \(round): sweep.gp from another run than model.json")
            let reference = try CLI.run(["sweep", "--d", "30", "--trials", "50", "--points", "40", "--seed", seed, "--format", "gnuplot", "--out", "ref\(round)"], in: folder)
            XCTAssertEqual(reference.status, 0)
            for name in ["sweep.dat", "sweep.gp"] {
                XCTAssertEqual(try Data(contentsOf: export.appendingPathComponent(name)),
                               try Data(contentsOf: folder.appendingPathComponent("ref\(round)/" + name)), "round \(round): \(name)")
            }
            XCTAssertFalse(CLI.contents(of: folder).contains { $0.hasSuffix(".tmp") }, "round \(round)")
        }
    }

    /// An input named like one of the export's files (here `model.json`) is never replaced by it.
    func testAGnuplotExportNeverReplacesAnInputOfTheSameName() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("g"), withIntermediateDirectories: false)
        try Data("3\n2\n1\n".utf8).write(to: folder.appendingPathComponent("g/model.json"))
        let result = try CLI.run(["sweep", "--spectrum", "file:g/model.json", "--trials", "0", "--format", "gnuplot", "--out", "g"], in: folder)
        XCTAssertEqual(result.status, 2, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("is the same file as"), result.stderrText)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("g/model.json"), encoding: .utf8), "3\n2\n1\n")
    }
}
