import Foundation
import XCTest

/// Runs the built `ddcalc` executable (it sits next to the test bundle) and other programs such as gnuplot,
/// with a chosen environment and working folder.
enum ProcessRunner {
    /// What a finished process left behind.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder holding the test bundle and the built products.
    static var productsFolder: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    static var ddcalc: URL { productsFolder.appendingPathComponent("ddcalc") }

    /// Runs `ddcalc arguments...`.
    static func ddcalc(_ arguments: [String], environment: [String: String]? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: ddcalc.path), "no built ddcalc at \(ddcalc.path)",
                      file: file, line: line)
        return try run(ddcalc, arguments, environment: environment)
    }

    /// Runs an executable, optionally in `folder`, and collects its output.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        // Standard error goes to a file, so only one pipe is read and neither can block the child.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("ddcalc-tests-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = try Data(contentsOf: errorFile)
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// The installed gnuplot (the tests need it: `scripts/setup.sh` installs gnuplot-nox).
    static func gnuplot(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        XCTFail("gnuplot is not on PATH; run scripts/setup.sh (Debian package gnuplot-nox)", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }

    /// A fresh empty folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ddcalc-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
