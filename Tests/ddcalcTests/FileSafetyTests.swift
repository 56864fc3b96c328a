import Foundation
import XCTest

/// Issue 13, items 1 and 3: no output replaces an input or another output of the same run, however
/// the paths are spelled (`./`, `..`, symbolic and hard links, a link not yet pointing anywhere);
/// devices and FIFOs stay what they are; an existing output keeps its mode; the clean-up of stale
/// temporary files only removes ddcalc's own.
final class FileSafetyTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try ProcessRunner.temporaryFolder(self)
    }

    private func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// Every file of the folder with its bytes (hidden files included).
    private func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// `ddcalc arguments` in the folder must exit 2 with one line naming the clash and change no file.
    private func assertRefused(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot()
        let result = try CLI.run(arguments, in: folder)
        XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderrText)", file: file, line: line)
        XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText, file: file, line: line)
        XCTAssertTrue(result.stderrText.contains("is the same file as"), result.stderrText, file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "\(arguments) changed or removed a file", file: file, line: line)
    }

    func testAnOutputNeverCoincidesWithAnotherFileOfTheRun() throws {
        let sweep = ["sweep", "--d", "3", "--trials", "200", "--ns", "1,2"]
        let name = folder.lastPathComponent
        try write("3\n2\n1\n", "s")
        try write("1\n0\n0\n", "w")
        try write("a,b\n1,2\n3,5\n4,1\n", "d.csv")
        try write("2,0,0\n0,1,0\n0,0,1\n", "c.csv")
        try write("keep\n", "r.csv")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "r.csv")
        try FileManager.default.linkItem(at: folder.appendingPathComponent("s"), to: folder.appendingPathComponent("hard"))
        // A link to a file that does not exist yet: writing through it would create the checkpoint.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "new.ckpt")

        let cases: [[String]] = [
            sweep + ["--checkpoint", "r.csv", "--out", "r.csv"],               // the example
            sweep + ["--checkpoint", "./r.csv", "--out", "../\(name)/r.csv"],
            sweep + ["--checkpoint", "r.csv", "--out", "sub/../r.csv"],
            sweep + ["--checkpoint", "new.ckpt", "--out", "./new.ckpt"],       // neither exists yet
            sweep + ["--checkpoint", "new.ckpt", "--out", "dangling"],
            sweep + ["--checkpoint", "r.csv", "--out", "link"],
            sweep + ["--checkpoint", "p", "--shard", "1/2", "--out", "p"],    // a shard's part file
            ["sweep", "--trials", "20", "--ns", "1,2", "--spectrum", "file:s", "--out", "hard"],
            ["sweep", "--trials", "20", "--ns", "1,2", "--spectrum", "file:s", "--out", "s"],
            ["sweep", "--trials", "20", "--ns", "1,2", "--spectrum", "covariance:c.csv", "--out", "./c.csv"],
            ["sweep", "--d", "3", "--trials", "20", "--ns", "1,2", "--wstar", "file:w", "--out", "w"],
            ["sweep", "--trials", "20", "--ns", "1,2", "--data", "d.csv", "--out", "d.csv", "--format", "csv"],
            ["sweep", "--trials", "20", "--ns", "1,2", "--spectrum", "file:sub/sweep.dat", "--format", "gnuplot", "--out", "sub"],
            ["point", "--n", "2", "--spectrum", "file:s", "--out", "hard"],
            ["ridge", "--n", "2", "--trials", "20", "--spectrum", "file:s", "--out", "s"],
            ["sample", "--n", "2", "--spectrum", "file:s", "--out", "./s"],
        ]
        try write("3\n2\n1\n", "sub/sweep.dat")
        for arguments in cases { try assertRefused(arguments) }
    }

    func testMergeNeverWritesOntoItsPartsOrTheirInputs() throws {
        try write("3\n2\n1\n", "s")
        for shard in ["1/2", "2/2"] {
            let name = "p\(shard.prefix(1))"
            let result = try CLI.run(["sweep", "--spectrum", "file:s", "--trials", "50", "--shard", shard, "--out", name], in: folder)
            XCTAssertEqual(result.status, 0, result.stderrText)
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("lp").path, withDestinationPath: "p2")
        for out in ["p1", "./p2", "lp", "s"] {
            try assertRefused(["merge", "p1", "p2", "--format", "csv", "--out", out])
        }
        let merged = try CLI.run(["merge", "p1", "p2", "--format", "csv", "--out", "all.csv"], in: folder)
        XCTAssertEqual(merged.status, 0, merged.stderrText)
    }

    func testDevicesAndFIFOsAreWrittenInPlaceNeverReplaced() throws {
        for device in ["/dev/null", "/dev/full"] {
            let before = try FileManager.default.attributesOfItem(atPath: device)
            // Another program run as root may have replaced it already (the bug this test is about).
            try XCTSkipUnless(before[.type] as? FileAttributeType == .typeCharacterSpecial, "\(device) is not a device on this machine")
            let result = try CLI.run(["point", "--d", "3", "--n", "2", "--out", device], in: folder)
            XCTAssertEqual(result.status, device == "/dev/null" ? 0 : 2, "\(device): \(result.stderrText)")
            let after = try FileManager.default.attributesOfItem(atPath: device)
            XCTAssertEqual(after[.type] as? FileAttributeType, .typeCharacterSpecial, "\(device) was replaced")
            XCTAssertEqual(after[.systemFileNumber] as? Int, before[.systemFileNumber] as? Int, "\(device) was replaced")
        }
        // A checkpoint is replaced and removed as it goes, so it must be a regular file.
        let refused = try CLI.run(["sweep", "--d", "3", "--trials", "20", "--checkpoint", "/dev/null"], in: folder)
        XCTAssertEqual(refused.status, 2, refused.stderrText)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType, .typeCharacterSpecial)

        let fifo = folder.appendingPathComponent("fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        // The reader: `cat fifo > received`, started before ddcalc opens the FIFO.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat fifo > received"]
        reader.currentDirectoryURL = folder
        try reader.run()
        let result = try CLI.run(["point", "--d", "3", "--n", "2", "--format", "csv", "--out", "fifo"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        reader.waitUntilExit()
        let received = try String(contentsOf: folder.appendingPathComponent("received"), encoding: .utf8)
        XCTAssertTrue(received.hasPrefix("n,ratio,"), "the reader did not get the output")
        var status = stat()
        XCTAssertEqual(lstat(fifo.path, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the FIFO was replaced by a regular file")
        XCTAssertEqual(CLI.contents(of: folder), ["fifo", "received"])
    }

    func testAnExistingOutputKeepsItsModeAndASymlinkedOutKeepsTheLink() throws {
        for mode in [0o600, 0o640, 0o604] {
            try write("old\n", "out.csv")
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.appendingPathComponent("out.csv").path)
            let result = try CLI.run(["point", "--d", "3", "--n", "2", "--format", "csv", "--out", "out.csv"], in: folder)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out.csv").path)
            XCTAssertEqual(attributes[.posixPermissions] as? Int, mode, String(mode, radix: 8))
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: "out.csv")
        let result = try CLI.run(["point", "--d", "4", "--n", "2", "--format", "json", "--out", "link.csv"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path), "out.csv")
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8).hasPrefix("{"),
                      "the link's target holds the output")
        XCTAssertEqual(CLI.contents(of: folder), ["out.csv", "link.csv"])
    }

    func testTheCleanUpOfStaleTemporariesOnlyRemovesDdcalcsOwn() throws {
        // A process id that no longer runs.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/bin/true")
        try probe.run()
        probe.waitUntilExit()
        let dead = probe.processIdentifier
        let userFiles = [".out.csv.\(dead).tmp", ".out.csv.ddcalc-\(dead).tmp", ".run.ckpt.ddcalc-\(dead).tmp"]
        for name in userFiles { try write("a user's file\n", name) }
        // What a ddcalc killed between its write and its rename leaves: removed.
        let stale = ".other.ckpt.ddcalc-\(dead).tmp"
        try write("ddcalc-checkpoint 1\n", stale)

        let result = try CLI.run(["point", "--d", "3", "--n", "2", "--out", "out.csv"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let sweep = try CLI.run(["sweep", "--d", "3", "--ns", "1,2", "--trials", "50", "--checkpoint", "run.ckpt", "--out", "s.txt"],
                                in: folder)
        XCTAssertEqual(sweep.status, 0, sweep.stderrText)
        let other = try CLI.run(["sweep", "--d", "3", "--ns", "1,2", "--trials", "50", "--checkpoint", "other.ckpt", "--out", "t.txt"],
                                in: folder)
        XCTAssertEqual(other.status, 0, other.stderrText)
        for name in userFiles {
            XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), "a user's file\n", name)
        }
        XCTAssertFalse(CLI.contents(of: folder).contains(stale), "ddcalc's own stale temporary was kept")
    }

    func testAGnuplotFolderHoldingLinksOrDevicesIsRefused() throws {
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: false)
        try write("precious\n", "target")
        try FileManager.default.createSymbolicLink(atPath: export.appendingPathComponent("sweep.gp").path,
                                                   withDestinationPath: folder.appendingPathComponent("target").path)
        let result = try CLI.run(["sweep", "--d", "3", "--trials", "20", "--format", "gnuplot", "--out", "export"], in: folder)
        XCTAssertEqual(result.status, 2, result.stderrText)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("target"), encoding: .utf8), "precious\n")
        XCTAssertEqual(CLI.contents(of: export), ["sweep.gp"])
    }
}
