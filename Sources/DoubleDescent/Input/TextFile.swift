import Foundation

/// Reads a whole input file as UTF-8 text, turning every failure into an
/// `InputError` that names the file and the flag it was given to.
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
        return text
    }
}
