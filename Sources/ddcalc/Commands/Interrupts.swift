import ArgumentParser
import DoubleDescent
import Foundation

/// SIGINT, SIGTERM and SIGQUIT, handled alike for the whole run (issue 22, item 3). While a long
/// computation runs (`run`), a signal sets the `Cancellation` it polls, so it stops within one unit
/// of work, may save progress, and the command exits with 128 + the signal's number. At any other
/// moment the run stops at once, the same way: the temporary files it made and the gnuplot it started
/// (`cleanUp`) are removed or killed first, then one line, then the exit status. Never a backtrace.
enum Interrupts {
    private static let lock = NSLock()
    private static var sources: [DispatchSourceSignal] = []
    private static var received: Int32 = 0
    private static var polling = false
    private static var temporaries: Set<String> = []
    private static var childGroups: Set<pid_t> = []
    private static let cancellation = Cancellation()

    /// Installs the handlers (once; `DDCalc.main` does it first) and returns the cancellation they set.
    @discardableResult
    static func install() -> Cancellation {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return cancellation }
        for signal in [SIGINT, SIGTERM, SIGQUIT] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { handle(signal) }
            source.resume()
            sources.append(source)
        }
        return cancellation
    }

    private static func handle(_ signal: Int32) {
        lock.lock()
        received = signal
        let polled = polling
        lock.unlock()
        if polled { return cancellation.cancel() }
        cleanUp()
        StandardStream.error("ddcalc: interrupted; nothing written\n")
        _exit(exitCode)
    }

    /// A temporary file or folder to delete if the run is stopped before `forget(path)`.
    static func remember(_ path: String) { lock.lock(); temporaries.insert(path); lock.unlock() }
    static func forget(_ path: String) { lock.lock(); temporaries.remove(path); lock.unlock() }

    /// A child's process group to kill if the run is stopped before `forgetChild`.
    static func remember(childGroup: pid_t) { lock.lock(); childGroups.insert(childGroup); lock.unlock() }
    static func forget(childGroup: pid_t) { lock.lock(); childGroups.remove(childGroup); lock.unlock() }

    /// Kills the remembered children and deletes the remembered temporaries.
    static func cleanUp() {
        lock.lock()
        let (paths, groups) = (temporaries, childGroups)
        lock.unlock()
        for group in groups { killpg(group, SIGKILL) }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The conventional exit status after a signal: 128 + its number.
    static var exitCode: Int32 { 128 + (received == 0 ? SIGINT : received) }

    /// Runs `body`, a computation that polls the cancellation `install()` returned, and finishes
    /// `progress` when it returns. If it was cancelled, `onInterrupt` runs (it may save progress, and
    /// says what became of the run: "nothing written" by default), one line goes to standard error and
    /// the command exits with the signal's status.
    static func run<T>(progress: ProgressBar, onInterrupt: () throws -> String = { "nothing written" },
                       _ body: () throws -> T) throws -> T {
        setPolling(true)
        defer { setPolling(false) }
        do {
            let result = try body()
            progress.finish()
            if cancellation.isCancelled { throw CancelledError() }
            return result
        } catch is CancelledError {
            progress.finish()
            let outcome = try onInterrupt()
            cleanUp()
            StandardStream.error("ddcalc: interrupted; \(outcome)\n")
            throw ExitCode(exitCode)
        }
    }

    private static func setPolling(_ on: Bool) { lock.lock(); polling = on; lock.unlock() }
}
