/// A numerical routine that could not deliver its result: a LAPACK driver that did not converge,
/// or a factorization of a matrix that is singular to working precision. Never about user input
/// as such; the caller says which input led there.
public struct NumericalError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The routine, e.g. "dsyevd".
    public let routine: String
    /// What went wrong, in one sentence.
    public let reason: String

    package init(routine: String, reason: String) {
        self.routine = routine
        self.reason = reason
    }

    public var description: String { "\(reason) (LAPACK \(routine))" }
}
