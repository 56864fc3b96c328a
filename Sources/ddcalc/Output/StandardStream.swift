import Foundation

/// Standard output and standard error, written with write(2) loops that report failures (a full
/// disk behind `> /dev/full`, a closed stream behind `>&-`), never with FileHandle's `write`, which
/// traps on them (issue 22, item 3).
enum StandardStream {
    /// Writes `text` to standard output; an error names it (exit 1) when it cannot be written whole.
    static func output(_ text: String) throws {
        guard let failure = write(Data(text.utf8), to: STDOUT_FILENO) else { return }
        throw CommandFailure(description: "cannot write standard output (\(String(cString: strerror(failure))))")
    }

    /// Writes `text` to standard error, as well as it can: a message that cannot be shown is lost,
    /// and the caller's exit status still says that something went wrong.
    static func error(_ text: String) {
        _ = write(Data(text.utf8), to: STDERR_FILENO)
    }

    /// Writes all of `data` to `descriptor`; nil on success, else errno.
    static func write(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written == 0 ? EIO : errno }
                offset += written
            }
            return nil
        }
    }

    /// Makes descriptors 0, 1 and 2 hold something: a closed one (`>&-`) gets `/dev/null` opened
    /// read-only, so the first file the run opens cannot take its number (a warning would land in an
    /// output file) and writing the stream fails with EBADF, which is reported.
    static func occupyClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
    }
}
