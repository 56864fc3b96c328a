import ArgumentParser
import DoubleDescent
import Foundation

/// Turns SIGINT and SIGTERM into a `Cancellation` that long computations poll, so Ctrl-C stops them
/// within one unit of work and the command exits cleanly (130 or 143) instead of dying by the signal.
enum Interrupts {
    private static var sources: [DispatchSourceSignal] = []
    private static var received: Int32 = 0

    /// Installs the handlers (once) and returns the cancellation they set.
    static func install() -> Cancellation {
        let cancellation = Cancellation()
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                received = signal
                cancellation.cancel()
            }
            source.resume()
            sources.append(source)
        }
        return cancellation
    }

    /// The conventional exit status after a signal: 128 + its number.
    static var exitCode: Int32 { 128 + (received == 0 ? SIGINT : received) }

    /// Runs `body`, a computation that polls the cancellation `install()` returned, and finishes
    /// `progress` when it returns. If it was cancelled, `onInterrupt` runs (it may save progress, and
    /// says what became of the run: "nothing written" by default), one line goes to standard error and
    /// the command exits with the signal's status.
    static func run<T>(progress: ProgressBar, onInterrupt: () throws -> String = { "nothing written" },
                       _ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            progress.finish()
            return result
        } catch is CancelledError {
            progress.finish()
            let outcome = try onInterrupt()
            FileHandle.standardError.write(Data("ddcalc: interrupted; \(outcome)\n".utf8))
            throw ExitCode(exitCode)
        }
    }
}
