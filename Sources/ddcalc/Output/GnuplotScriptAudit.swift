import DoubleDescent

/// What `ddcalc plot` lets gnuplot run: only scripts shaped like the ones `sweep --format gnuplot`
/// writes, so that a `sweep.gp` someone else put in the folder cannot run commands or write files
/// outside it. Every statement must be `set`/`unset` of a setting ddcalc uses, `plot` or `replot`;
/// outside strings and comments only the characters of expressions ddcalc writes may appear (no
/// `!`, backquote, `@`, `;`, `|`, `<`, `$`), no function or command that runs or loads something
/// (`system`, `eval`, `load`, `call`, `import`), no string that starts with `<` or `|` (a pipe), no
/// unescaped backquote inside a double-quoted string, and `set output` only to `imageNames`.
enum GnuplotScriptAudit {
    /// The `set`/`unset` settings ddcalc's scripts use.
    static let settings: Set<String> = ["encoding", "title", "xlabel", "ylabel", "logscale", "format", "grid", "key",
                                        "tmargin", "bmargin", "border", "bars", "xrange", "yrange", "arrow", "label",
                                        "terminal", "output"]
    static let terminals: Set<String> = ["pngcairo", "svg"]
    /// The images a script may write: a single export's and an overlay's.
    static let imageNames: Set<String> = [GnuplotExport.pngFile, GnuplotExport.svgFile, GnuplotOverlay.pngFile, GnuplotOverlay.svgFile]
    static let forbiddenWords: Set<String> = ["system", "eval", "evaluate", "load", "call", "import", "exec"]
    /// Characters allowed outside strings and comments, besides letters, digits and white space.
    static let punctuation = Set(".,:()[]+-*/_=^%?>")

    /// One piece of a statement.
    enum Token: Equatable {
        case word(String)
        case string(String)
        case other
    }

    /// Throws an `InputError` naming `file` and the line of the first statement outside these rules.
    static func check(_ script: String, file: String) throws {
        for (number, line) in logicalLines(script) {
            let tokens: [Token]
            do {
                tokens = try self.tokens(line)
            } catch let problem as Problem {
                throw InputError("plot: '\(file)' line \(number): \(problem.text); ddcalc only runs the scripts it writes (run gnuplot yourself if you trust this one)")
            }
            if let problem = statementProblem(tokens) {
                throw InputError("plot: '\(file)' line \(number): \(problem); ddcalc only runs the scripts it writes (run gnuplot yourself if you trust this one)")
            }
        }
    }

    /// The statements' lines, a line ending in a backslash joined to the next (as gnuplot does,
    /// comments included), with the number of the first line.
    static func logicalLines(_ script: String) -> [(Int, String)] {
        var lines: [(Int, String)] = []
        var pending: (Int, String)?
        for (index, raw) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = (pending?.1 ?? "") + raw
            let start = pending?.0 ?? index + 1
            if text.hasSuffix("\\") {
                pending = (start, String(text.dropLast()))
            } else {
                pending = nil
                lines.append((start, text))
            }
        }
        if let pending { lines.append(pending) }
        return lines
    }

    struct Problem: Error { let text: String }

    /// The tokens before any `#` comment.
    static func tokens(_ line: String) throws -> [Token] {
        var tokens: [Token] = []
        var characters = Array(line)[...]
        while let c = characters.first {
            if c == "#" { break }
            if c == " " || c == "\t" { characters.removeFirst(); continue }
            if c == "\"" || c == "'" {
                characters.removeFirst()
                var content = "", closed = false
                while let d = characters.popFirst() {
                    if d == c {
                        if c == "'" && characters.first == "'" { characters.removeFirst(); content.append("'"); continue }
                        closed = true
                        break
                    }
                    if c == "\"" && d == "\\" { if let e = characters.popFirst() { content.append(e) }; continue }
                    if c == "\"" && d == "`" { throw Problem(text: "a backquote (command substitution) in a string") }
                    content.append(d)
                }
                guard closed else { throw Problem(text: "an unterminated string") }
                if content.hasPrefix("<") || content.hasPrefix("|") { throw Problem(text: "a pipe '\(Excerpt.of(content))'") }
                tokens.append(.string(content))
            } else if c.isLetter || c == "_" {
                var word = ""
                while let d = characters.first, d.isLetter || d.isNumber || d == "_" { word.append(d); characters.removeFirst() }
                tokens.append(.word(word))
            } else if c.isNumber || punctuation.contains(c) {
                characters.removeFirst()
                tokens.append(.other)
            } else {
                throw Problem(text: "'\(Excerpt.of(String(c)))' outside a string")
            }
        }
        return tokens
    }

    /// Why the statement is refused, or nil.
    static func statementProblem(_ tokens: [Token]) -> String? {
        for case .word(let word) in tokens where forbiddenWords.contains(word.lowercased()) {
            return "'\(word)' runs or loads something"
        }
        guard case .word(let command)? = tokens.first else {
            return tokens.isEmpty ? nil : "a statement that is not set, unset, plot or replot"
        }
        switch command {
        case "plot", "replot":
            return nil
        case "set", "unset":
            guard tokens.count >= 2, case .word(let setting) = tokens[1], settings.contains(setting) else {
                return "\(command) of a setting ddcalc does not write"
            }
            if command == "set" && setting == "output" {
                guard tokens.count == 3, case .string(let name) = tokens[2], imageNames.contains(name) else {
                    return "set output to something other than " + imageNames.sorted().joined(separator: ", ")
                }
            }
            if command == "set" && setting == "terminal" {
                guard tokens.count >= 3, case .word(let terminal) = tokens[2], terminals.contains(terminal) else {
                    return "a terminal other than pngcairo or svg"
                }
            }
            return nil
        default:
            return "'\(Excerpt.of(command))' is not set, unset, plot or replot"
        }
    }
}
