import DoubleDescent
import Foundation

/// Writes a whole file atomically: a temporary file in the same folder, then a rename, so readers
/// (and a later run after a crash) see either the old file or the new one, never a partial one.
enum AtomicFile {
    /// Errors name `flag` and the path.
    static func write(_ data: Data, to path: String, flag: String) throws {
        let url = URL(fileURLWithPath: path)
        try checkFolder(of: path, flag: flag)
        removeStaleTemporaries(of: url)
        let temporary = temporaryURL(for: url, pid: ProcessInfo.processInfo.processIdentifier)
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

    /// `.NAME.PID.tmp` beside the target: the writer's process id keeps concurrent writers apart.
    private static func temporaryURL(for url: URL, pid: Int32) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(pid).tmp")
    }

    /// Deletes the temporary files of `url` left by writers that no longer run (a SIGKILL between
    /// the write and the rename leaves one behind), so a resumed run leaves a clean folder.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).", suffix = ".tmp"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(suffix.count)),
                  pid != ProcessInfo.processInfo.processIdentifier,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporaryURL(for: url, pid: pid))
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
