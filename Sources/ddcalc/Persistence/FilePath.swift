import DoubleDescent
import Foundation

/// Where a path really leads: its symbolic links followed hop by hop to the file they name in the
/// end (which need not exist yet), and that file's device and inode when it exists. Two paths name
/// the same file when their inodes agree (hard links, `./x` and `x`, links) or, for files not yet
/// written, when their resolved paths agree.
struct FilePath {
    /// `-`: standard output where a path is written, standard input where one is read
    /// (`TextFile.standardInput`, docs/OUTPUT.md, "Standard input and output").
    static let standardStream = TextFile.standardInput

    /// The path as given.
    let given: String
    /// The file the path names once every link is followed, with `.`, `..` and links in its folders
    /// resolved.
    let resolved: String
    /// True when a link led through `/proc` (such as `/dev/stdout`): the kernel resolves those per
    /// process, so the file is written through the given path.
    let throughProc: Bool
    /// stat(2) of the resolved file, when it exists.
    let status: stat?
    /// The run's own descriptor the path names (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`), if any:
    /// written through it, it keeps the offset and append mode the shell gave it.
    let descriptor: Int32?

    init(_ path: String) {
        given = path
        var current = Self.absolute(path)
        var proc = current.hasPrefix("/proc/")
        var descriptor = Self.ownDescriptor(current)
        for _ in 0..<40 {
            guard descriptor == nil, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            current = target.hasPrefix("/") ? target : Self.folder(of: current) + "/" + target
            proc = proc || current.hasPrefix("/proc/")
            descriptor = Self.ownDescriptor(current)
        }
        if let real = realpath(Self.folder(of: current), nil) {
            current = String(cString: real) + "/" + Self.name(of: current)
            free(real)
        }
        resolved = current
        throughProc = proc
        status = Self.status(of: path)
        self.descriptor = descriptor
    }

    /// N when `path` is `DIR/N` for a folder that is this process's descriptor table.
    private static func ownDescriptor(_ path: String) -> Int32? {
        guard let number = Int32(name(of: path)), number >= 0, let real = realpath(folder(of: path), nil) else { return nil }
        defer { free(real) }
        let table = String(cString: real)
        return table == "/proc/self/fd" || table == "/proc/\(getpid())/fd" ? number : nil
    }

    /// Refuses a relative path when the working folder no longer exists (it was deleted): it would
    /// name a file in `/` (issue 22, item 2).
    static func checkWorkingFolder(for path: String, flag: String) throws {
        guard !path.hasPrefix("/") else { return }
        if let folder = getcwd(nil, 0) { return free(folder) }
        throw InputError("\(flag): '\(path)' is relative, but the working folder no longer exists (\(String(cString: strerror(errno)))); give an absolute path")
    }

    /// `path` made absolute against the working folder, without touching `.`, `..` or links.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Everything before the last `/` ("." for a bare name, "/" at the root), as dirname(1) without
    /// resolving anything (Foundation's URLs drop `..` lexically, which is wrong after a link).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component.
    static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func status(of path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    var exists: Bool { status != nil }

    /// An existing file that is not a regular file: a device, a FIFO, a socket.
    var isSpecial: Bool { status.map { $0.st_mode & S_IFMT != S_IFREG } ?? false }

    /// True when the given path itself is a symbolic link.
    var isLink: Bool { (try? FileManager.default.destinationOfSymbolicLink(atPath: given)) != nil }

    /// A character or block device (`/dev/null`, a terminal).
    var isDevice: Bool { status.map { [S_IFCHR, S_IFBLK].contains($0.st_mode & S_IFMT) } ?? false }

    /// Whether both paths name one file. Devices never count: writing `/dev/null` twice loses nothing.
    func coincides(with other: FilePath) -> Bool {
        if isDevice || other.isDevice { return false }
        if let a = status, let b = other.status, a.st_dev == b.st_dev, a.st_ino == b.st_ino { return true }
        return resolved == other.resolved
    }
}

/// The files one run reads and writes, checked before any work: no output may be the same file as
/// another output or an input, so nothing the run is given or writes is overwritten or deleted by
/// another of its files. Two inputs may coincide (reading a file twice harms nothing).
///
/// `-` is standard output for an output and standard input for an input (`FilePath.standardStream`):
/// those are streams, never files, so they coincide with nothing; standard input can be read once
/// and standard output written once per run.
struct RunFiles {
    private var files: [(role: String, path: FilePath, output: Bool)] = []
    private var streams: [(role: String, output: Bool)] = []

    init() {}

    /// The input files of `model`.
    init(model: ModelOptions) { model.declareInputs(&self) }

    mutating func input(_ role: String, _ path: String?) { add(role, path, output: false) }

    mutating func output(_ role: String, _ path: String?) { add(role, path, output: true) }

    private mutating func add(_ role: String, _ path: String?, output: Bool) {
        guard let path else { return }
        if path == FilePath.standardStream { return streams.append((role, output)) }
        files.append((role, FilePath(path), output))
    }

    /// The paths of the files read, as given.
    var inputPaths: [String] { files.filter { !$0.output }.map(\.path.given) }

    /// Refuses (exit 2) the first pair of files that coincide where one of them is written.
    func checkDistinct() throws {
        for output in [false, true] {
            let roles = streams.filter { $0.output == output }.map(\.role)
            guard roles.count > 1 else { continue }
            let stream = output ? "standard output" : "standard input"
            throw InputError("\(roles[0]) and \(roles[1]) both give '-', \(stream); it can be "
                + (output ? "written" : "read") + " once per run, give a file for one of them")
        }
        for (i, a) in files.enumerated() {
            for b in files[(i + 1)...] where (a.output || b.output) && a.path.coincides(with: b.path) {
                throw InputError("\(b.role) '\(b.path.given)' is the same file as \(a.role) '\(a.path.given)'; "
                    + "an output may not replace an input or another output, give another path")
            }
        }
    }
}
