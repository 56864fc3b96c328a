import DoubleDescent
import Foundation

/// Where a command's output goes: standard output, or a file written
/// atomically (a temporary file in the same folder, then a rename), so a
/// failure never leaves a partial output file behind.
enum OutputSink {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("--out: folder '\(folder.path)' does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            guard Foundation.rename(temporary.path, url.path) == 0 else {
                throw InputError("--out: cannot write '\(path)' (\(String(cString: strerror(errno))))")
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError("--out: cannot write '\(path)' (\(error.localizedDescription))")
        }
    }
}
