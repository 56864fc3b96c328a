import DoubleDescent

/// A mistyped subcommand named as such, with the closest real one: `ddcalc swep --d 10` would
/// otherwise be read as the root command with an unknown option `--d`, and `ddcalc help swep`
/// would print the main help.
enum SubcommandSuggestion {
    /// The error for `arguments` (without the program name) when its first word, or the word after
    /// `help`, is not a subcommand; nil when the arguments name a real subcommand or start with an option.
    static func problem(_ arguments: [String], subcommands: [String]) -> String? {
        var words = arguments[...]
        if words.first == "help" { words = words.dropFirst() }
        guard let word = words.first, !word.hasPrefix("-"), !subcommands.contains(word) else { return nil }
        let list = subcommands.joined(separator: ", ")
        guard let closest = closest(to: word, in: subcommands) else {
            return "Unknown subcommand '\(Excerpt.of(word))' (the subcommands are \(list))"
        }
        return "Unknown subcommand '\(Excerpt.of(word))'. Did you mean '\(closest)'?"
    }

    /// The subcommand at the smallest edit distance from `word`, if it is at most 2 (or a prefix of one).
    static func closest(to word: String, in names: [String]) -> String? {
        if let extended = names.first(where: { $0.hasPrefix(word) }), word.count >= 2 { return extended }
        let scored = names.map { (name: $0, distance: editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 else { return nil }
        return best.name
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
