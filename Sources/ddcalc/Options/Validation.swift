import ArgumentParser
import DoubleDescent

/// Runs a library parser inside `validate()`, reporting its `InputError` as an
/// ArgumentParser validation failure (exit 2, one line).
func validating<T>(_ parse: () throws -> T) throws -> T {
    do {
        return try parse()
    } catch let error as InputError {
        throw ValidationError(error.description)
    }
}
