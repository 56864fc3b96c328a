import DoubleDescent

/// A byte count as typed on the command line: a whole number with an optional binary suffix
/// K, M, G, T (or KB/KiB and so on, all powers of 1024), e.g. 512M or 8G.
enum ByteCount {
    static func parse(_ text: String, context: String) throws -> UInt64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let suffix = trimmed.dropFirst(digits.count).uppercased()
        var shifts: [String: UInt64] = ["": 0, "B": 0]
        for (letter, shift) in [("K", 10), ("M", 20), ("G", 30), ("T", 40)] as [(String, UInt64)] {
            for form in [letter, letter + "B", letter + "IB"] { shifts[form] = shift }
        }
        guard !digits.isEmpty, let value = UInt64(digits), let shift = shifts[suffix] else {
            throw InputError("\(context): expected a byte count such as 8G, 512M or 1000000, got '\(Excerpt.of(text))'")
        }
        guard value <= UInt64.max >> shift else { throw InputError("\(context): '\(Excerpt.of(text))' is too large") }
        return value << shift
    }
}
