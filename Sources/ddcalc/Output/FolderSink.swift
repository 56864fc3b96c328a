import DoubleDescent
import Foundation

/// Writes several files into one output folder (`--out DIR`), atomically as a set, so concurrent
/// writers never mix their files (issue 22, item 2):
/// - a new folder is built whole under a temporary name beside it and renamed into place; if another
///   writer's folder got there first, this one fails (exit 2) and leaves that folder alone;
/// - into an existing folder, every file is first written under a temporary name and only renamed
///   into place once all of them are written, keeping an existing file's permission bits, while an
///   exclusive lock on the folder keeps other ddcalc writers out (they fail, exit 2).
/// A name in the folder that is a symbolic link or a special file is refused, never followed (a
/// rename replaces a link that appears meanwhile, it does not write through it). A failure or an
/// interruption removes the temporary files and folder.
enum FolderSink {
    /// Checks, before any work is done, that `path` can be used as an output folder:
    /// it is an existing folder, or it does not exist yet and its parent folder does.
    static func validate(_ path: String, flag: String = "--out") throws {
        try FilePath.checkWorkingFolder(for: path, flag: flag)
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
    static func write(_ files: [(name: String, data: Data)], into path: String, flag: String = "--out") throws {
        try validate(path, flag: flag)
        let folder = URL(fileURLWithPath: FilePath.absolute(path), isDirectory: true)
        do {
            if FileManager.default.fileExists(atPath: folder.path) {
                try replace(files, in: folder, flag: flag)
            } else {
                try create(files, at: folder, flag: flag)
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError("\(flag): cannot write into '\(path)' (\(error.localizedDescription))")
        }
    }

    /// A new folder: built under `.NAME.ddcalc-PID.tmp`, then renamed to `folder` if nothing is there yet.
    private static func create(_ files: [(name: String, data: Data)], at folder: URL, flag: String) throws {
        let staging = AtomicFile.temporaryURL(for: folder, pid: getpid())
        guard mkdir(staging.path, 0o777) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        Interrupts.remember(staging.path)
        defer {
            try? FileManager.default.removeItem(at: staging)
            for path in [staging.path] + files.map({ staging.appendingPathComponent($0.name).path }) { Interrupts.forget(path) }
        }
        for file in files { try AtomicFile.create(staging.appendingPathComponent(file.name), holding: file.data, like: nil) }
        // rename(2) replaces an empty folder but never one holding files: a concurrent writer's stays.
        if FileManager.default.fileExists(atPath: folder.path) || Foundation.rename(staging.path, folder.path) != 0 {
            throw InputError("\(flag): '\(folder.path)' was created by another writer meanwhile; nothing written")
        }
    }

    /// An existing folder: each file under a temporary name, then every rename, under the folder's lock.
    private static func replace(_ files: [(name: String, data: Data)], in folder: URL, flag: String) throws {
        let lock = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(lock) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            if errno == EWOULDBLOCK { throw InputError("\(flag): another ddcalc is writing into '\(folder.path)'; nothing written") }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let staged = files.map { file in
            (temporary: AtomicFile.temporaryURL(for: folder.appendingPathComponent(file.name), pid: getpid()),
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
            for ((file, target), status) in zip(zip(files, staged), existing) {
                try AtomicFile.create(target.temporary, holding: file.data, like: status)
                made.append(target.temporary)
            }
            for target in staged { try AtomicFile.commit(target.temporary, to: target.final) }
        } catch {
            for temporary in made { AtomicFile.discard(temporary) }
            throw error
        }
    }
}
