/// User text (paths, spec strings, column names) made safe for the gnuplot export: it can never end
/// a comment, a string or a line, so it never becomes a gnuplot command (gnuplot runs `!cmd` lines
/// and expands backquotes inside double-quoted strings; a comment ending in a backslash swallows
/// the next line).
enum GnuplotText {
    /// A double-quoted gnuplot string. gnuplot interprets its backslash escapes, so `\n` breaks a
    /// line of a title; backslash, double quote and backquote are escaped, every other control
    /// character is written as an octal escape.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "`": out += "\\`"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    // Octal escapes are bytes: a C1 control or separator goes as its UTF-8 bytes.
                    for byte in String(scalar).utf8 { out += "\\" + String(byte, radix: 8).leftPadded(to: 3) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` as it may stand inside a `#` comment line: unchanged when it is plain printable text
    /// without backslashes or double quotes, else as a `quoted` string (which ends with a quote, so
    /// the comment can neither break nor run into the next line).
    static func commentValue(_ text: String) -> String {
        text.unicodeScalars.contains { isControl($0) || $0 == "\\" || $0 == "\"" } ? quoted(text) : text
    }

    /// A whitespace-separated field of the data file: quoted when it holds white space, a quote,
    /// a `#`, a control character, or nothing.
    static func dataField(_ text: String) -> String {
        let plain = !text.isEmpty && !text.unicodeScalars.contains {
            isControl($0) || $0 == "\\" || $0 == "\"" || $0 == "#" || $0.properties.isWhitespace
        }
        return plain ? text : quoted(text)
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
