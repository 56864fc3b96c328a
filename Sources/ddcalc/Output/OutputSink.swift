import DoubleDescent
import Foundation

/// Where a command's output goes: standard output, or a file written
/// atomically (a temporary file in the same folder, then a rename), so a
/// failure never leaves a partial output file behind.
enum OutputSink {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            return try StandardStream.output(text)
        }
        try AtomicFile.write(Data(text.utf8), to: path, flag: "--out")
    }
}
