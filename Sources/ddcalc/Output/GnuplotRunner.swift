import DoubleDescent
import Foundation

/// A failure that is not the user's input (exit status 1); `description` is the error line.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

/// Finds and runs the installed gnuplot on a script made in memory (`GnuplotExport`,
/// `GnuplotOverlay`), given on its standard input; the picture comes back on its standard output,
/// so gnuplot opens no file at all (issue 22, items 1 and 4). gnuplot runs in its own process group,
/// dies with ddcalc (PR_SET_PDEATHSIG on Linux; killed by `Interrupts` on SIGINT, SIGTERM, SIGQUIT)
/// and is killed when it takes longer than `timeLimit` seconds.
enum GnuplotRunner {
    /// What one gnuplot run left behind.
    struct Result {
        var status: Int32
        var picture: Data
        var standardError: String
    }

    /// The default time limit of one gnuplot run, in seconds (a figure takes well under one).
    static let defaultTimeLimit = 60.0
    /// The hidden environment variable that replaces it (for tests).
    static let timeLimitVariable = "DDCALC_GNUPLOT_TIMEOUT"
    /// The largest picture accepted, in bytes.
    static let maxPicture = 1 << 28

    static func timeLimit(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        environment[timeLimitVariable].flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? defaultTimeLimit
    }

    /// The first executable `gnuplot` on `PATH`; an `InputError` naming the package to install if none.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw InputError("gnuplot not found on PATH; install the Debian package gnuplot-nox (apt-get install gnuplot-nox)")
    }

    /// Runs `gnuplot` on `script`; what it wrote on standard output (the picture) and standard error
    /// (its warnings and errors). Throws `CommandFailure` when it cannot start or runs out of time,
    /// `CancelledError` when the run is interrupted (gnuplot is killed first either way).
    static func run(_ gnuplot: URL, script: String, timeLimit: Double, cancellation: Cancellation) throws -> Result {
        var pipes: [[Int32]] = []
        defer { for pipe in pipes { for end in pipe where end >= 0 { close(end) } } }
        for _ in 0..<3 {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { throw failure("cannot start gnuplot") }
            pipes.append(ends)
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        let (input, output, errors) = (pipes[0], pipes[1], pipes[2])
        let child = try spawn(gnuplot.path, stdin: input[0], stdout: output[1], stderr: errors[1])
        Interrupts.remember(childGroup: child)
        defer { Interrupts.forget(childGroup: child) }
        for index in 0..<3 {
            let childEnd = index == 0 ? 0 : 1
            close(pipes[index][childEnd])
            pipes[index][childEnd] = -1
        }
        var exchange = Exchange(script: Data(script.utf8), input: input[1], output: output[0], errors: errors[0])
        pipes[0][1] = -1  // the exchange closes it once the script is written
        let deadline = Date().addingTimeInterval(timeLimit)
        do {
            while !exchange.finished {
                if cancellation.isCancelled { throw CancelledError() }
                if Date() >= deadline {
                    throw CommandFailure(description: "gnuplot did not finish within \(String(format: "%g", timeLimit)) s and was stopped")
                }
                try exchange.step()
            }
        } catch {
            exchange.closeInput()
            killpg(child, SIGKILL)
            _ = wait(child)
            throw error
        }
        return Result(status: wait(child), picture: exchange.picture, standardError: String(decoding: exchange.messages, as: UTF8.self))
    }

    /// The script written to gnuplot's standard input while its standard output and error are read.
    private struct Exchange {
        var script: Data
        var written = 0
        var input: Int32
        let output: Int32, errors: Int32
        var picture = Data(), messages = Data()
        var open: Set<Int32>

        init(script: Data, input: Int32, output: Int32, errors: Int32) {
            (self.script, self.input, self.output, self.errors) = (script, input, output, errors)
            open = [output, errors]
            _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
            if script.isEmpty { closeInput() }
        }

        var finished: Bool { open.isEmpty }

        mutating func closeInput() {
            if input >= 0 { close(input) }
            input = -1
        }

        /// Waits at most 0.1 s for one of the pipes, then moves what it can.
        mutating func step() throws {
            var polled = open.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if input >= 0 { polled.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            guard poll(&polled, nfds_t(polled.count), 100) >= 0 || errno == EINTR else { throw failure("cannot run gnuplot") }
            for entry in polled where entry.revents != 0 {
                if entry.fd == input {
                    let count = script.withUnsafeBytes { Foundation.write(input, $0.baseAddress! + written, $0.count - written) }
                    if count > 0 { written += count }
                    if written == script.count || (count < 0 && errno != EAGAIN && errno != EINTR) { closeInput() }
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                let count = Foundation.read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == output { picture.append(contentsOf: buffer[..<count]) } else { messages.append(contentsOf: buffer[..<count]) }
                    if picture.count > maxPicture { throw CommandFailure(description: "gnuplot wrote more than \(maxPicture) bytes") }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    open.remove(entry.fd)
                }
            }
        }
    }

    /// Forks and runs `path` with the three descriptors as its standard streams, in a new process
    /// group, with the default signal dispositions and mask, set to die with this process.
    private static func spawn(_ path: String, stdin: Int32, stdout: Int32, stderr: Int32) throws -> pid_t {
        // Everything the child needs is made before fork: after it, only async-signal-safe calls.
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        defer { for argument in argv { free(argument) } }
        var empty = sigset_t()
        sigemptyset(&empty)
        let parent = getpid()
        let prctl = processControl
        let defaults = [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGXFSZ]
        let child = fork()
        if child == 0 {
            setpgid(0, 0)
            if let prctl { _ = prctl(1 /* PR_SET_PDEATHSIG */, UInt(SIGKILL), 0, 0, 0) }
            if getppid() != parent { _exit(127) }
            for signal in defaults { Foundation.signal(signal, SIG_DFL) }
            sigprocmask(SIG_SETMASK, &empty, nil)
            dup2(stdin, 0)
            dup2(stdout, 1)
            dup2(stderr, 2)
            execv(path, argv)
            _exit(127)
        }
        guard child > 0 else { throw failure("cannot start gnuplot") }
        setpgid(child, child)
        return child
    }

    private typealias ProcessControl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    /// prctl(2), which Glibc's Swift module does not export (nil where the C library has none).
    private static let processControl: ProcessControl? = dlsym(nil, "prctl").map { unsafeBitCast($0, to: ProcessControl.self) }

    /// The child's exit status, or 128 + the signal that ended it.
    private static func wait(_ child: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func failure(_ what: String) -> CommandFailure {
        CommandFailure(description: "\(what) (\(String(cString: strerror(errno))))")
    }
}
