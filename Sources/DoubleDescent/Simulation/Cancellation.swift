import Foundation

/// A flag that long computations poll between units of work; set from a signal handler's queue.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }
}

/// Thrown when a computation stops because its `Cancellation` was set.
public struct CancelledError: Error {
    public init() {}
}
