import ArgumentParser
import DoubleDescent

/// Runs a library parser inside `validate()`, reporting its error (an `InputError` of the command
/// line or a typed library error, as `LibraryErrorMessage` words it) as an ArgumentParser
/// validation failure (exit 2, one line).
func validating<T>(sampleSize: String = "--n", _ parse: () throws -> T) throws -> T {
    do {
        return try LibraryErrorMessage.mapping(sampleSize: sampleSize, parse)
    } catch let error as InputError {
        throw ValidationError(error.description)
    }
}
