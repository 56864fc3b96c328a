import DoubleDescent
import Foundation

/// Writes a whole file atomically: a temporary file in the same folder, then a rename, so readers
/// (and a later run after a crash) see either the old file or the new one, never a partial one.
///
/// What the path names decides how:
/// - a new or regular file is replaced atomically, keeping an existing file's permission bits
///   (and, where allowed, its owner);
/// - a symbolic link is followed: the file it names is replaced atomically and the link is kept;
/// - one of the run's own descriptors (`/dev/stdout`, `/dev/fd/N`) is written through that
///   descriptor, so `--out /dev/stdout >> log` appends as the shell asked;
/// - a device, FIFO or socket (`/dev/null`, a named pipe), or another link through `/proc`, is
///   written in place, never replaced and never truncated: it stays what it is.
/// A temporary file is deleted if the write fails or the run is interrupted (`Interrupts`).
enum AtomicFile {
    /// Errors name `flag` and the path.
    static func write(_ data: Data, to path: String, flag: String) throws {
        try checkFolder(of: path, flag: flag)
        let file = FilePath(path)
        if let descriptor = file.descriptor {
            guard let failure = StandardStream.write(data, to: descriptor) else { return }
            throw InputError("\(flag): cannot write '\(path)' (\(String(cString: strerror(failure))))")
        }
        if file.isSpecial || file.throughProc { return try writeInPlace(data, to: path, flag: flag) }
        try checkFolder(of: file.resolved, flag: flag)
        let url = URL(fileURLWithPath: file.resolved)
        removeStaleTemporaries(of: url)
        let temporary = temporaryURL(for: url, pid: ProcessInfo.processInfo.processIdentifier)
        var made = false  // a failure removes the temporary only if this call created it
        do {
            try create(temporary, holding: data, like: file.status)
            made = true
            try commit(temporary, to: url)
        } catch {
            if made { discard(temporary) }
            if error is InputError { throw error }
            throw InputError("\(flag): cannot write '\(path)' (\(error.localizedDescription))")
        }
    }

    /// Renames the temporary `from` (made by `create`) to `to`, replacing what is there (a link
    /// there is replaced, never followed).
    static func commit(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        Interrupts.forget(from.path)
    }

    /// Deletes a temporary made by `create`.
    static func discard(_ url: URL) {
        unlink(url.path)
        Interrupts.forget(url.path)
    }

    /// Creates `url` (which must not exist) holding `data`, with the permission bits and owner of
    /// `existing` when given (new files get the usual 0666 less the umask).
    static func create(_ url: URL, holding data: Data, like existing: stat?) throws {
        let mode = existing.map { $0.st_mode & 0o7777 } ?? 0o666
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        Interrupts.remember(url.path)
        defer { close(descriptor) }
        do {
            if let existing {
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)  // only root may give files away
                guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            try writeAll(data, to: descriptor)
        } catch {
            discard(url)
            throw error
        }
    }

    /// Writes into the existing file itself, appending to a regular file reached through `/proc`
    /// (a descriptor of another process): nothing in place is ever truncated.
    private static func writeInPlace(_ data: Data, to path: String, flag: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | (FilePath(path).isSpecial ? 0 : O_APPEND))
        guard descriptor >= 0 else { throw InputError("\(flag): cannot write '\(path)' (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        if let failure = StandardStream.write(data, to: descriptor) {
            throw InputError("\(flag): cannot write '\(path)' (\(String(cString: strerror(failure))))")
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) throws {
        if let failure = StandardStream.write(data, to: descriptor) { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
    }

    /// The first line of every file ddcalc writes under a temporary name that it may later clean
    /// up: checkpoints and partial results (see `RecordFile`).
    private static let ownHeader = Data("ddcalc-".utf8)

    /// `.NAME.ddcalc-PID.tmp` beside the target: the writer's process id keeps concurrent writers apart.
    static func temporaryURL(for url: URL, pid: Int32) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).ddcalc-\(pid).tmp")
    }

    /// Deletes the temporary files of `url` left by writers that no longer run (a SIGKILL between
    /// the write and the rename leaves one behind), so a resumed run leaves a clean folder. Only
    /// files ddcalc made are touched: the name must match, the writer must be dead, and the file
    /// must be a regular file of this user that starts like a ddcalc checkpoint or partial-results
    /// file; anything else (a user's file that happens to share the name) is left alone.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).ddcalc-", suffix = ".tmp"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(suffix.count)), pid > 0,
                  pid != ProcessInfo.processInfo.processIdentifier,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            let candidate = temporaryURL(for: url, pid: pid)
            var info = stat()
            guard lstat(candidate.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { continue }
            let descriptor = open(candidate.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            var start = [UInt8](repeating: 0, count: ownHeader.count)
            let count = Foundation.read(descriptor, &start, start.count)
            close(descriptor)
            if count == start.count, Data(start) == ownHeader { try? FileManager.default.removeItem(at: candidate) }
        }
    }

    /// Refuses a path whose folder does not exist, or that is itself a folder.
    static func checkFolder(of path: String, flag: String) throws {
        guard !path.isEmpty else { throw InputError("\(flag): the path is empty") }
        try FilePath.checkWorkingFolder(for: path, flag: flag)
        var isDirectory: ObjCBool = false
        let folder = FilePath.folder(of: path)
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
