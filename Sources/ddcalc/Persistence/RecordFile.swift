import DoubleDescent
import Foundation

/// The text layout shared by checkpoints and partial-results files: a first line naming the kind
/// and format version, then one record per line (space-separated fields, the first naming the
/// record), and a last line `checksum HEX` with the FNV-1a hash of every byte before it. A file
/// cut short or changed anywhere fails the checksum; another kind of file fails the first line.
enum RecordFile {
    /// The first line, e.g. "ddcalc-checkpoint 1".
    static func header(kind: String, version: Int) -> String { "ddcalc-\(kind) \(version)" }

    /// The file for `records` (each a list of fields without spaces).
    static func encode(kind: String, version: Int, records: [[String]]) -> Data {
        var text = header(kind: kind, version: version) + "\n"
        for record in records { text += record.joined(separator: " ") + "\n" }
        return Data((text + "checksum " + FNV1a.hex(FNV1a.hash(text.utf8)) + "\n").utf8)
    }

    /// The records of a file of this kind and version; `source` names the file in errors.
    static func decode(_ data: Data, kind: String, version: Int, source: String) throws -> [[Substring]] {
        let expected = "ddcalc-\(kind) "
        if Data(expected.utf8).starts(with: data) {
            throw InputError("\(source): the \(kind) file is truncated (\(data.count) bytes)")
        }
        guard data.starts(with: Data(expected.utf8)) else {
            throw InputError("\(source): not a ddcalc \(kind) file")
        }
        guard let text = String(data: data, encoding: .utf8), text.hasSuffix("\n") else {
            throw InputError("\(source): the \(kind) file is truncated or corrupted")
        }
        var lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(header(kind: kind, version: version)) else {
            let found = lines.first.map { $0.dropFirst(expected.count).prefix(20) } ?? ""
            throw InputError("\(source): \(kind) format version '\(found)', but this ddcalc reads version \(version)")
        }
        guard let last = lines.popLast(), last.hasPrefix("checksum "), lines.count >= 1 else {
            throw InputError("\(source): the \(kind) file is truncated (no checksum line)")
        }
        let body = lines.joined(separator: "\n") + "\n"
        guard last.dropFirst("checksum ".count) == Substring(FNV1a.hex(FNV1a.hash(body.utf8))) else {
            throw InputError("\(source): the \(kind) file is truncated or corrupted (checksum mismatch)")
        }
        return lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: false) }
    }
}

/// Strict readers and lossless writers of single fields: every failure is an `InputError`
/// naming `source`.
enum Field {
    static func int(_ field: Substring, source: String, what: String) throws -> Int {
        guard let value = Int(field), value >= 0 else {
            throw InputError("\(source): corrupted (\(what) '\(field.prefix(40))' is not a non-negative integer)")
        }
        return value
    }

    static func uint64Hex(_ field: Substring, source: String, what: String) throws -> UInt64 {
        guard field.count == 16, let value = UInt64(field, radix: 16) else {
            throw InputError("\(source): corrupted (\(what) '\(field.prefix(40))' is not 16 hex digits)")
        }
        return value
    }

    /// A double as the 16 hex digits of its bit pattern (lossless), or "-" for nil.
    static func bits(_ value: Double?) -> String { value.map { FNV1a.hex($0.bitPattern) } ?? "-" }

    static func bits(_ field: Substring, source: String, what: String) throws -> Double? {
        if field == "-" { return nil }
        return Double(bitPattern: try uint64Hex(field, source: source, what: what))
    }

    /// Comma-separated bit patterns.
    static func bitsList(_ values: [Double]) -> String { values.map { bits($0) }.joined(separator: ",") }

    static func bitsList(_ field: Substring, source: String, what: String) throws -> [Double] {
        try field.split(separator: ",", omittingEmptySubsequences: false).map {
            guard let value = try bits($0, source: source, what: what) else {
                throw InputError("\(source): corrupted (\(what) has a missing value)")
            }
            return value
        }
    }

    static func flag(_ value: Bool) -> String { value ? "1" : "0" }

    static func flag(_ field: Substring, source: String, what: String) throws -> Bool {
        switch field {
        case "1": return true
        case "0": return false
        default: throw InputError("\(source): corrupted (\(what) '\(field.prefix(40))' is not 0 or 1)")
        }
    }

    /// Percent-encoded text, so that it holds no spaces or new lines.
    static func text(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.:/,=+")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func text(_ field: Substring, source: String, what: String) throws -> String {
        guard let value = String(field).removingPercentEncoding else {
            throw InputError("\(source): corrupted (\(what) is not percent-encoded text)")
        }
        return value
    }
}

/// A `MonteCarloEstimate` as the fields of a record, losslessly.
extension MonteCarloEstimate {
    var fields: [String] {
        [String(trials), Field.bits(mean), Field.bits(standardError), Field.bits(meanRows), Field.flag(heavyTail)]
    }

    init(fields: ArraySlice<Substring>, source: String) throws {
        let f = Array(fields)
        guard f.count == 5 else { throw InputError("\(source): corrupted (an estimate has \(f.count) fields, not 5)") }
        self.init(trials: try Field.int(f[0], source: source, what: "trials"),
                  mean: try Field.bits(f[1], source: source, what: "mse"),
                  standardError: try Field.bits(f[2], source: source, what: "stderr"),
                  meanRows: try Field.bits(f[3], source: source, what: "mean rows"),
                  heavyTail: try Field.flag(f[4], source: source, what: "heavy tail"))
    }
}
