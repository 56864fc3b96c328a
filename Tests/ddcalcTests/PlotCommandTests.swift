@testable import ddcalc
import Foundation
import XCTest

/// `ddcalc plot DIR`: draws an export folder from its data with the installed gnuplot, and its
/// error paths. A stand-in `gnuplot` on PATH (a shell script) plays a gnuplot that fails, warns,
/// draws half a picture or never ends (issue 22, items 4 to 6).
final class PlotCommandTests: XCTestCase {
    func testPlotLeavesPNGAndSVG() throws {
        let folder = try ProcessRunner.temporaryFolder(self).appendingPathComponent("export")
        let export = try ProcessRunner.ddcalc(["sweep", "--d", "10", "--trials", "200", "--format", "gnuplot", "--out", folder.path])
        XCTAssertEqual(export.status, 0, export.stderr)

        let result = try ProcessRunner.ddcalc(["plot", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        for name in ["sweep.png", "sweep.svg"] {
            let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int
            XCTAssertGreaterThan(size ?? 0, 20_000, name)
        }
        XCTAssertEqual(CLI.contents(of: folder), ["model.json", "sweep.dat", "sweep.gp", "sweep.png", "sweep.svg"], "no temporary left")
    }

    /// A refusal: exit 2 and one line holding `expected`.
    private func assertRefused(_ result: ProcessRunner.Result, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(expected), result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, file: file, line: line)
    }

    func testMissingFolderIsNamed() throws {
        let missing = try ProcessRunner.temporaryFolder(self).appendingPathComponent("no-such-export").path
        assertRefused(try ProcessRunner.ddcalc(["plot", missing]), "'\(missing)' does not exist")
    }

    /// Issue 22, item 6: a regular file that is not a JSON output is refused, naming it; an export without sweep.dat or model.json
    /// is refused before gnuplot runs (exit 2, one line naming the file).
    func testNotAFolderAndMissingFilesAreNamed() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("file")
        try Data("x\n".utf8).write(to: file)
        assertRefused(try ProcessRunner.ddcalc(["plot", file.path]), "'\(file.path)'")
        XCTAssertEqual(CLI.contents(of: folder), ["file"], "nothing drawn")
        assertRefused(try ProcessRunner.ddcalc(["plot", folder.path]), folder.appendingPathComponent("sweep.dat").path + "' not found")
        let export = folder.appendingPathComponent("g")
        XCTAssertEqual(try ProcessRunner.ddcalc(["sweep", "--d", "4", "--trials", "0", "--format", "gnuplot", "--out", export.path]).status, 0)
        try FileManager.default.removeItem(at: export.appendingPathComponent("model.json"))
        assertRefused(try ProcessRunner.ddcalc(["plot", export.path]), export.appendingPathComponent("model.json").path + "' not found")
    }

    /// A genuine export in a fresh folder, and a folder `bin` holding a `gnuplot` that runs `body`.
    private func exportWithGnuplot(_ body: String) throws -> (export: URL, bin: URL) {
        let folder = try ProcessRunner.temporaryFolder(self)
        let export = folder.appendingPathComponent("g")
        let made = try ProcessRunner.ddcalc(["sweep", "--d", "4", "--trials", "20", "--format", "gnuplot", "--out", export.path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let gnuplot = bin.appendingPathComponent("gnuplot")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: gnuplot)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gnuplot.path)
        return (export, bin)
    }

    private func environment(_ bin: URL, _ extra: [String: String] = [:]) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(["PATH": bin.path + ":/usr/bin:/bin"].merging(extra) { $1 }) { $1 }
    }

    func testMissingGnuplotNamesTheDebianPackage() throws {
        let (export, bin) = try exportWithGnuplot("exit 0")
        try FileManager.default.removeItem(at: bin.appendingPathComponent("gnuplot"))
        assertRefused(try ProcessRunner.ddcalc(["plot", export.path], environment: ["PATH": bin.path]), "gnuplot-nox")
    }

    func testGnuplotErrorsAndWarningsAreReported() throws {
        let (export, bin) = try exportWithGnuplot("cat > /dev/null; echo 'line 3: undefined variable: x' >&2; exit 1")
        let failed = try ProcessRunner.ddcalc(["plot", export.path], environment: environment(bin))
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("gnuplot failed (exit status 1): line 3: undefined variable: x"), failed.stderr)
        try Data("#!/bin/sh\ncat > /dev/null; echo 'warning: Skipping data file with no valid points' >&2\n".utf8)
            .write(to: bin.appendingPathComponent("gnuplot"))
        let warned = try ProcessRunner.ddcalc(["plot", export.path], environment: environment(bin))
        XCTAssertEqual(warned.status, 1)
        XCTAssertTrue(warned.stderr.contains("gnuplot printed warnings: warning: Skipping data file"), warned.stderr)
        XCTAssertEqual(CLI.contents(of: export), ["model.json", "sweep.dat", "sweep.gp"], "no picture, no temporary")
    }

    /// Issue 22, item 5: a picture cut short (a full disk, a crash) is refused, never reported as drawn.
    func testAnIncompletePictureIsRefused() throws {
        let (export, bin) = try exportWithGnuplot("cat > /dev/null; printf '\\211PNG\\r\\n\\032\\n'")
        let result = try ProcessRunner.ddcalc(["plot", export.path], environment: environment(bin))
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("did not draw a complete png picture (8 bytes)"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(CLI.contents(of: export), ["model.json", "sweep.dat", "sweep.gp"])
    }

    /// Issue 22, item 5: pictures that cannot be written whole (here a file-size limit, as a full
    /// disk) fail the command, and no partial picture or temporary remains.
    func testAPictureThatCannotBeWrittenFailsTheCommand() throws {
        let folder = try ProcessRunner.temporaryFolder(self)
        let made = try CLI.shell("$DDCALC sweep --d 4 --trials 20 --format gnuplot --out g && ulimit -f 8 && $DDCALC plot g", in: folder)
        XCTAssertNotEqual(made.status, 0, made.stderrText)
        XCTAssertTrue(made.exitedNormally)
        XCTAssertTrue(made.stderrText.contains("File too large"), made.stderrText)
        XCTAssertEqual(made.stderrText.split(separator: "\n").count, 1, made.stderrText)
        XCTAssertEqual(made.stdoutText, "", "no path printed")
        XCTAssertEqual(CLI.contents(of: folder.appendingPathComponent("g")), ["model.json", "sweep.dat", "sweep.gp"])
    }

    /// Issue 22, item 4: a gnuplot that never finishes is stopped after the time limit, and said so.
    func testAGnuplotThatNeverEndsIsStopped() throws {
        let (export, bin) = try exportWithGnuplot("echo $$ > \"$(dirname \"$0\")/pid\"; exec sleep 1000")
        let started = Date()
        let result = try ProcessRunner.ddcalc(["plot", export.path], environment: environment(bin, [GnuplotRunner.timeLimitVariable: "1"]))
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("gnuplot did not finish within 1 s and was stopped"), result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        try assertGone(bin)
    }

    /// Issue 22, item 4: an interrupted (SIGINT, SIGTERM, SIGQUIT) or killed (SIGKILL) `plot` takes
    /// its gnuplot with it.
    func testAnInterruptedPlotLeavesNoGnuplotBehind() throws {
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGKILL] {
            let (export, bin) = try exportWithGnuplot("echo $$ > \"$(dirname \"$0\")/pid\"; exec sleep 1000")
            let process = Process()
            process.executableURL = ProcessRunner.ddcalc
            process.arguments = ["plot", export.path]
            process.environment = environment(bin)
            process.standardError = FileHandle.nullDevice
            try process.run()
            let pidFile = bin.appendingPathComponent("pid")
            let deadline = Date().addingTimeInterval(30)
            while (try? String(contentsOf: pidFile, encoding: .utf8))?.hasSuffix("\n") != true, Date() < deadline { usleep(20_000) }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if signal != SIGKILL {
                XCTAssertEqual(process.terminationReason, .exit, "signal \(signal)")
                XCTAssertEqual(process.terminationStatus, 128 + signal, "signal \(signal)")
            }
            try assertGone(bin)
            XCTAssertEqual(CLI.contents(of: export), ["model.json", "sweep.dat", "sweep.gp"], "signal \(signal)")
        }
    }

    /// The stand-in gnuplot whose pid is in `bin/pid` no longer runs (within 5 s).
    private func assertGone(_ bin: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try String(contentsOf: bin.appendingPathComponent("pid"), encoding: .utf8)
        let pid = try XCTUnwrap(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), file: file, line: line)
        let deadline = Date().addingTimeInterval(5)
        while kill(pid, 0) == 0, Date() < deadline { usleep(20_000) }
        XCTAssertNotEqual(kill(pid, 0), 0, "gnuplot \(pid) still runs", file: file, line: line)
    }
}
