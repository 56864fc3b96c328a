/// A user-supplied value as echoed in an error message: at most `Excerpt.limit` characters, its
/// control characters (new lines, carriage returns, tabs, escapes) shown as `\n`, `\r`, `\t` or
/// `\u{..}`, so one bad field of a huge or hostile file gives one short error line.
package enum Excerpt {
    /// Characters of a value kept in a message; the rest is replaced by "... (N characters)".
    package static let limit = 60

    /// `value`, cut to `limit` characters and escaped for an error message (without quotes);
    /// `limit: .max` only escapes.
    package static func of<S: StringProtocol>(_ value: S, limit: Int = Excerpt.limit) -> String {
        var out = ""
        var kept = 0, total = 0
        for character in value {
            total += 1
            guard kept < limit else { continue }
            kept += 1
            out += escaped(character)
        }
        return total > limit ? out + "... (\(total) characters)" : out
    }

    private static func escaped(_ character: Character) -> String {
        switch character {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\r\n": return "\\r\\n"
        case "\t": return "\\t"
        default:
            guard character.unicodeScalars.contains(where: isControl) else { return String(character) }
            return character.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        }
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
