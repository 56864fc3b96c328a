import Foundation

/// Strict parsing of the numbers that appear in flags, spec strings and files.
/// Anything that is not a finite decimal number is refused with a message that
/// names `context` (the flag or the file position it came from).
package enum NumberParsing {
    /// A finite `Double`; surrounding white space is allowed.
    public static func finiteDouble<S: StringProtocol>(_ text: S, context: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else {
            throw InputError("\(context): '\(Excerpt.of(trimmed))' is not a finite number")
        }
        return value
    }

    /// A comma-separated list of finite numbers, e.g. `--ns 10,20.5,30`.
    public static func doubleList(_ text: String, context: String) throws -> [Double] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputError("\(context): the list is empty")
        }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { field in
            guard !field.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw InputError("\(context): '\(Excerpt.of(text))' has an empty entry")
            }
            return try finiteDouble(field, context: context)
        }
    }
}
