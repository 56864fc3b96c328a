import DoubleDescent
import Foundation

/// A problem with what the user asked for that the command line itself finds (a flag combination,
/// an output path, a part file). `DDCalc.main` prints `description` as its single error line and
/// exits with status 2, so the message names the flag or file and what is wrong. The library's own
/// typed errors become such lines in `LibraryErrorMessage`.
struct InputError: Error, CustomStringConvertible, Equatable {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension InputError {
    /// The bytes of a file a command reads (bounded as every input is: `TextFile.bytes`), or the
    /// error "COMMAND: file 'PATH' REASON".
    static func bytes(of path: String, command: String) throws -> Data {
        do { return try TextFile.bytes(path) } catch let failure as TextFile.Failure {
            throw InputError("\(command): file '\(Excerpt.of(path, limit: .max))' \(failure)")
        }
    }
}
