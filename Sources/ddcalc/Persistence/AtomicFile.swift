import DoubleDescent
import Foundation

/// Writes a whole file atomically: a temporary file in the same folder, then a rename, so readers
/// (and a later run after a crash) see either the old file or the new one, never a partial one.
enum AtomicFile {
    /// Errors name `flag` and the path.
    static func write(_ data: Data, to path: String, flag: String) throws {
        let url = URL(fileURLWithPath: path)
        try checkFolder(of: path, flag: flag)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            guard Foundation.rename(temporary.path, url.path) == 0 else {
                throw InputError("\(flag): cannot write '\(path)' (\(String(cString: strerror(errno))))")
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError("\(flag): cannot write '\(path)' (\(error.localizedDescription))")
        }
    }

    /// Refuses a path whose folder does not exist, or that is itself a folder.
    static func checkFolder(of path: String, flag: String) throws {
        guard !path.isEmpty else { throw InputError("\(flag): the path is empty") }
        var isDirectory: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("\(flag): folder '\(folder)' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError("\(flag): '\(path)' is a directory, not a file")
        }
    }

    /// The file's bytes, or nil when it does not exist; other failures name `flag` and the path.
    static func readIfPresent(_ path: String, flag: String) throws -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else { throw InputError("\(flag): '\(path)' is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(flag): cannot read '\(path)'")
        }
        return data
    }
}
