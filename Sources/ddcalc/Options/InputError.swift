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
