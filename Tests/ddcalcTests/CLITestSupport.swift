import Foundation
import XCTest

/// What one run of the `ddcalc` executable produced.
struct CLIResult {
    /// Exit status, or the signal number when `exitedNormally` is false.
    var status: Int32
    /// False when the process died by a signal (a crash or a trap).
    var exitedNormally: Bool
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs the built `ddcalc` executable as a user would, for end-to-end tests.
enum CLI {
    /// The folder holding the built products (the test bundle and the `ddcalc` executable).
    static let productsDirectory: URL = {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }()

    /// The `ddcalc` executable next to the test bundle. `swift test` builds it with the tests; if
    /// it is missing it is built once here (same configuration), and every test that needs it
    /// fails with a clear message if that does not produce it either.
    static let executable: Result<URL, MissingExecutable> = {
        let url = productsDirectory.appendingPathComponent("ddcalc")
        if FileManager.default.isExecutableFile(atPath: url.path) { return .success(url) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "-c", productsDirectory.lastPathComponent == "debug" ? "debug" : "release",
                           "--product", "ddcalc"]
        build.currentDirectoryURL = packageRoot
        if (try? build.run()) != nil { build.waitUntilExit() }
        if FileManager.default.isExecutableFile(atPath: url.path) { return .success(url) }
        return .failure(MissingExecutable(path: url.path))
    }()

    struct MissingExecutable: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "the ddcalc executable is missing at \(path) and could not be built; run `swift build -c release` first"
        }
    }

    /// Runs `ddcalc arguments` in `directory` (default: a fresh temporary folder) and returns its
    /// exit status and both output streams. Fails the calling test, rather than hanging it, if the
    /// process runs longer than `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 60,
                    file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try launch(try executable.get(), arguments, in: directory, timeout: timeout, file: file, line: line)
    }

    /// Runs the shell command `script` with `/bin/sh` in `directory`, `$DDCALC` naming the executable
    /// (for resource limits, redirections and signals as a user would set them).
    static func shell(_ script: String, in directory: URL, environment: [String: String] = [:], timeout: TimeInterval = 60,
                      file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        variables["DDCALC"] = try executable.get().path
        return try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory, environment: variables,
                          timeout: timeout, file: file, line: line)
    }

    private static func launch(_ executable: URL, _ arguments: [String], in directory: URL?, environment: [String: String]? = nil,
                               timeout: TimeInterval, file: StaticString, line: UInt) throws -> CLIResult {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files, not pipes: a child that writes a lot can never block on a full pipe.
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        let workDirectory = directory ?? scratch.appendingPathComponent("cwd", isDirectory: true)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workDirectory
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            XCTFail("ddcalc \(arguments.joined(separator: " ")) ran longer than \(timeout) s", file: file, line: line)
        }
        try outHandle.close()
        try errHandle.close()
        return CLIResult(status: process.terminationStatus,
                         exitedNormally: process.terminationReason == .exit,
                         stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }

    /// A new empty folder under the system's temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ddcalcTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The names in `directory`, hidden files (such as an abandoned temporary output) included.
    static func contents(of directory: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
    }

    /// Parses the JSON object printed by ddcalc, failing the test if it is not one.
    static func jsonObject(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: data)
        return try XCTUnwrap(parsed as? [String: Any], "not a JSON object", file: file, line: line)
    }
}

/// The keys every sweep point carries (docs/OUTPUT.md, "Sweep rows"), in that order.
let contractPointKeys = [
    "n", "ratio", "lambda", "alpha", "theory_mse", "theory_bias", "theory_variance", "de_mse", "iid_exact_mse",
    "mc_surrogate_mse", "mc_surrogate_stderr", "mc_surrogate_mean_rows", "mc_iid_mse", "mc_iid_stderr", "heavy_tail",
]

/// The closed-form part of `contractPointKeys`.
let contractClosedFormKeys = Array(contractPointKeys.prefix(9))
