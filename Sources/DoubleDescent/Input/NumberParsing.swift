import Foundation

/// Strict parsing of the numbers that appear in spec strings, flags and files: anything that is
/// not a finite decimal number is refused, and the caller says in its own error where it came from.
package enum NumberParsing {
    /// A comma-separated list that is not a list of finite numbers.
    package enum ListError: Error, Equatable, CustomStringConvertible {
        case empty
        case emptyEntry(list: String)
        case notANumber(String)

        package var description: String {
            switch self {
            case .empty: return "the list is empty"
            case .emptyEntry(let list): return "'\(Excerpt.of(list))' has an empty entry"
            case .notANumber(let text): return "'\(Excerpt.of(text))' is not a finite number"
            }
        }
    }

    /// A finite `Double`, or nil; surrounding white space is allowed.
    package static func finiteDouble<S: StringProtocol>(_ text: S) -> Double? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        return value
    }

    /// A comma-separated list of finite numbers, e.g. `10,20.5,30`.
    package static func doubleList(_ text: String) throws -> [Double] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw ListError.empty }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { field in
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw ListError.emptyEntry(list: text) }
            guard let value = finiteDouble(trimmed) else { throw ListError.notANumber(trimmed) }
            return value
        }
    }
}
