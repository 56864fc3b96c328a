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
}
