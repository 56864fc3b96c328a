import DoubleDescent
import Foundation

/// Writes several files into one output folder (`--out DIR`), atomically as a set: the folder is
/// created if missing (its parent must exist), every file is first written under a temporary name
/// and only renamed into place once all of them are written, keeping an existing file's permission
/// bits. A name in the folder that is a symbolic link or a special file is refused. A failure removes
/// the temporary files, and the folder too if this call created it.
enum FolderSink {
    /// Checks, before any work is done, that `path` can be used as an output folder:
    /// it is an existing folder, or it does not exist yet and its parent folder does.
    static func validate(_ path: String, flag: String = "--out") throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputError("\(flag): '\(path)' exists and is not a folder") }
            return
        }
        let parent = FilePath.folder(of: path)
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("\(flag): cannot create folder '\(path)': its parent '\(parent)' does not exist")
        }
    }

    /// Writes `files` (name inside the folder, contents) into the folder `path`.
    static func write(_ files: [(name: String, text: String)], into path: String, flag: String = "--out") throws {
        try validate(path, flag: flag)
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        let created = !FileManager.default.fileExists(atPath: folder.path)
        let pid = ProcessInfo.processInfo.processIdentifier
        let staged = files.map { file in
            (temporary: AtomicFile.temporaryURL(for: folder.appendingPathComponent(file.name), pid: pid),
             final: folder.appendingPathComponent(file.name))
        }
        // Each name is replaced by a regular file: a link or a device there is refused, not followed.
        let existing = try staged.map { target -> stat? in
            let file = FilePath(target.final.path)
            if file.isLink || file.isSpecial {
                throw InputError("\(flag): '\(target.final.path)' is a symbolic link or a special file; remove it or choose another folder")
            }
            return file.status
        }
        var made: [URL] = []  // only the temporaries this call created are removed on failure
        do {
            if created { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false) }
            for ((file, target), status) in zip(zip(files, staged), existing) {
                try AtomicFile.create(target.temporary, holding: Data(file.text.utf8), like: status)
                made.append(target.temporary)
            }
            for target in staged where Foundation.rename(target.temporary.path, target.final.path) != 0 {
                throw InputError("\(flag): cannot write '\(target.final.path)' (\(String(cString: strerror(errno))))")
            }
        } catch {
            for temporary in made { try? FileManager.default.removeItem(at: temporary) }
            if created { try? FileManager.default.removeItem(at: folder) }
            if error is InputError { throw error }
            throw InputError("\(flag): cannot write into '\(path)' (\(error.localizedDescription))")
        }
    }
}
