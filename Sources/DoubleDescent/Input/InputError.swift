/// A problem with what the user asked for: a flag value, a spec string or an
/// input file. The CLI prints `description` as its single error line and exits
/// with status 2, so the message names the flag or file and what is wrong.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
