import ArgumentParser
import Foundation

/// Shell completion of the `--spectrum` and `--wstar` specs: the keywords, and after a file prefix
/// (`file:`, `covariance:`, `weights:`) the paths of files, keeping the prefix (docs/USAGE.md, "Shell completion").
enum SpecCompletion {
    /// The words offered for `prefix`, the word being typed.
    static func candidates(_ prefix: String, keywords: [String], filePrefixes: [String]) -> [String] {
        guard let filePrefix = filePrefixes.first(where: { prefix.hasPrefix($0) }) else {
            return (keywords + filePrefixes).filter { $0.hasPrefix(prefix) }
        }
        let typed = String(prefix.dropFirst(filePrefix.count))
        let folder = typed.contains("/") ? String(typed[...typed.lastIndex(of: "/")!]) : ""
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.sorted().map { filePrefix + folder + $0 }.filter { $0.hasPrefix(prefix) }
    }

    /// `--spectrum`.
    static let spectrum = CompletionKind.custom { _, _, prefix in
        candidates(prefix, keywords: ["isotropic", "linear:", "geometric:", "powerlaw:"], filePrefixes: ["file:", "covariance:", "weights:"])
    }

    /// `--wstar`.
    static let wstar = CompletionKind.custom { _, _, prefix in
        candidates(prefix, keywords: ["isotropic", "random", "top", "bottom"], filePrefixes: ["file:"])
    }
}
