import Foundation

/// Reads a whole input file as UTF-8 text, turning every failure into an
/// `InputError` that names the file and the flag it was given to. Every text input (spectrum,
/// covariance, w* and data files) goes through here, so all of them accept Windows line ends and a
/// UTF-8 byte order mark (`normalised`).
package enum TextFile {
    package static func read(_ path: String, flag: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("\(flag): file '\(path)' does not exist")
        }
        guard !isDirectory.boolValue else {
            throw InputError("\(flag): '\(path)' is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(flag): file '\(path)' cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(flag): file '\(path)' is not UTF-8 text")
        }
        return normalised(text)
    }

    /// The text without a leading byte order mark (U+FEFF) and with every CRLF line end as LF.
    /// In Swift "\r\n" is one Character, so a reader that splits on "\n" would not see its lines.
    static func normalised(_ text: String) -> String {
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return String(text) }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }
}
