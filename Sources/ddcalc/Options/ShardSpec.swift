import DoubleDescent

/// `--shard I/N`: shard I (1-based) of N.
struct ShardSpec: Equatable, CustomStringConvertible {
    /// 1-based.
    let index: Int
    let count: Int

    /// Far more shards than jobs would ever be useful.
    static let maxCount = 1_000_000

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "I/N" with 1 <= I <= N; `context` names the flag or file in errors.
    init(parsing text: String, context: String = "--shard") throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw InputError("\(context): expected I/N (shard I of N, as in 2/4), got '\(Excerpt.of(text))'")
        }
        guard count >= 1, count <= Self.maxCount else {
            throw InputError("\(context): the shard count N must be between 1 and \(Self.maxCount), got \(count)")
        }
        guard index >= 1, index <= count else {
            throw InputError("\(context): the shard number I must be between 1 and N = \(count), got \(index)")
        }
        self.init(index: index, count: count)
    }

    var description: String { "\(index)/\(count)" }
}
