import Foundation

/// Reads a whole input file as UTF-8 text, turning every failure into an
/// `InputFileError` that names the file and the input it was read as. Every text input (spectrum,
/// covariance, weights, w* and data files; `NumericFile` tells them from NumPy arrays) goes
/// through here, so all of them accept Windows line ends and a UTF-8 byte order mark (`normalised`).
///
/// Files are bounded: a regular file larger than `maxBytes` is refused from its size before a byte
/// is read, and a pipe, FIFO or device is read only up to `maxBytes`, stops at the first NUL byte
/// (it is not text: `/dev/zero`), and gives up after `idleTimeout` seconds without data (a FIFO
/// nobody writes to), so no input can hang the program or fill its memory.
///
/// The path `-` is standard input, for every input (docs/OUTPUT.md, "Standard input and output");
/// a terminal there is refused at once rather than waited on.
package enum TextFile {
    /// The path that names standard input.
    package static let standardInput = "-"

    /// 1 GiB: five times a d = 10^7 spectrum file (about 200 MB of text), or a 4000 x 4000
    /// covariance matrix; larger inputs would need far more memory than their text to parse.
    package static let maxBytes = 1 << 30

    /// Longest wait for data from a pipe or FIFO, in seconds.
    static let idleTimeout: Int32 = 30

    /// A read failure before the role of the file is known (`bytes`); `read` names the role.
    package struct Failure: Error, CustomStringConvertible {
        package let problem: InputFileError.Problem
        package var description: String { InputFileError.reason(problem, role: .dataSet) }
    }

    package static func read(_ path: String, as role: InputFileRole) throws -> String {
        do {
            guard let text = String(data: try contents(path), encoding: .utf8) else { throw Failure(problem: .notUTF8) }
            return normalised(text)
        } catch let failure as Failure {
            throw InputFileError(path: path, role: role, problem: failure.problem)
        }
    }

    /// The bytes of an existing file that is not a folder, bounded as described above; throws `Failure`.
    package static func contents(_ path: String) throws -> Data {
        if path == standardInput { return try bytes(path) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Failure(problem: .missing) }
        guard !isDirectory.boolValue else { throw Failure(problem: .directory) }
        return try bytes(path)
    }

    /// The text without a leading byte order mark (U+FEFF) and with every CRLF line end as LF.
    /// In Swift "\r\n" is one Character, so a reader that splits on "\n" would not see its lines.
    package static func normalised(_ text: String) -> String {
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return String(text) }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The file's bytes, bounded as described above; throws `Failure`.
    package static func bytes(_ path: String) throws -> Data {
        if path == standardInput, isatty(STDIN_FILENO) != 0 {
            throw Failure(problem: .unreadable(reason: "standard input is a terminal; pipe or redirect the file into ddcalc"))
        }
        // /dev/stdin opens standard input anew, so O_NONBLOCK does not touch the shared descriptor 0.
        let descriptor = open(path == standardInput ? "/dev/stdin" : path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(problem: .unreadable(reason: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(problem: .unreadable(reason: nil)) }
        let regular = status.st_mode & S_IFMT == S_IFREG
        if regular && status.st_size > off_t(maxBytes) {
            throw Failure(problem: .tooLarge(bytes: Int(status.st_size), limit: maxBytes))
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                guard errno == EAGAIN || errno == EINTR else {
                    throw Failure(problem: .unreadable(reason: String(cString: strerror(errno))))
                }
                if errno == EAGAIN { try wait(for: descriptor) }
                continue
            }
            let chunk = buffer[..<count]
            // A NumPy array (binary, `NumericFile`) may hold NUL bytes; it is recognised by its magic.
            if !regular && chunk.contains(0) && !NPYArray.hasMagic(data.prefix(6) + chunk.prefix(6)) {
                throw Failure(problem: .notText)
            }
            guard data.count + count <= maxBytes else { throw Failure(problem: .tooLarge(bytes: nil, limit: maxBytes)) }
            data.append(contentsOf: chunk)
        }
        return data
    }

    /// Waits until a pipe or FIFO has data (or its writer closes it).
    private static func wait(for descriptor: Int32) throws {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, idleTimeout * 1000)
        if ready == 0 { throw Failure(problem: .noData(seconds: Int(idleTimeout))) }
    }
}
