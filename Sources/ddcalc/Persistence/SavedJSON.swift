import DoubleDescent
import Foundation

/// A JSON document as ddcalc wrote it, read back for `ddcalc convert`: objects keep their key order
/// and numbers their text, so a value renders again to the same bytes. A strict reader of hostile
/// input: RFC 8259 syntax only, nesting at most `maxDepth`, and every failure one `InputError` line.
indirect enum SavedJSON: Equatable {
    case object([(key: String, value: SavedJSON)])
    case array([SavedJSON])
    case string(String)
    /// A number as written: `1`, `2.0`, `1e-06`.
    case number(String)
    case bool(Bool)
    case null

    static let maxDepth = 16

    static func == (a: SavedJSON, b: SavedJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)), (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// The value of `key` in an object.
    subscript(key: String) -> SavedJSON? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// Parses `bytes`; `source` names the file in errors.
    init(parsing bytes: Data, source: String) throws {
        var parser = Parser(bytes: [UInt8](bytes), source: source)
        self = try parser.document()
    }

    private struct Parser {
        let bytes: [UInt8]
        let source: String
        var index = 0

        init(bytes: [UInt8], source: String) {
            self.bytes = bytes
            self.source = source
        }

        func failure(_ what: String) -> InputError {
            InputError("convert: \(source) is not a ddcalc JSON output: \(what) at byte \(index + 1)")
        }

        mutating func document() throws -> SavedJSON {
            let value = try self.value(depth: 0)
            skipSpace()
            guard index == bytes.count else { throw failure("text after the JSON value") }
            return value
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws -> SavedJSON {
            guard depth < SavedJSON.maxDepth else { throw failure("nesting deeper than \(SavedJSON.maxDepth)") }
            skipSpace()
            guard index < bytes.count else { throw failure("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw failure("unexpected character")
            }
            index += expected.count
        }

        mutating func expect(_ byte: Character) throws {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte.asciiValue! else { throw failure("expected '\(byte)'") }
            index += 1
        }

        mutating func object(depth: Int) throws -> SavedJSON {
            index += 1
            var fields: [(key: String, value: SavedJSON)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try string()
                guard !fields.contains(where: { $0.key == key }) else { throw failure("key '\(Excerpt.of(key))' repeated") }
                try expect(":")
                fields.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard index < bytes.count else { throw failure("unexpected end") }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "}") { return .object(fields) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { index -= 1; throw failure("expected ',' or '}'") }
            }
        }

        mutating func array(depth: Int) throws -> SavedJSON {
            index += 1
            var items: [SavedJSON] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw failure("unexpected end") }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "]") { return .array(items) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { index -= 1; throw failure("expected ',' or ']'") }
            }
        }

        /// A string's value, its escapes decoded (\uXXXX as a scalar; a surrogate pair joined).
        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() throws {
                guard let text = String(bytes: raw, encoding: .utf8) else { throw failure("a string that is not UTF-8") }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { try flush(); return String(scalars) }
                guard byte >= 0x20 else { throw failure("a control character in a string") }
                guard byte == UInt8(ascii: "\\") else { raw.append(byte); continue }
                try flush()
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                       bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("an unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("an unpaired surrogate") }
                    scalars.append(scalar)
                default: throw failure("an unknown escape")
                }
            }
            throw failure("an unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard bytes.count - index >= 4, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw failure("a bad \\u escape") }
            index += 4
            return code
        }

        /// A number's text, checked against JSON's grammar.
        mutating func number() throws -> String {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - from
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integerStart = index
            let count = digits()
            guard count > 0 else { index = start; throw failure("unexpected character") }
            guard count == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw failure("a number with a leading zero") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw failure("a malformed number") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw failure("a malformed number") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}
