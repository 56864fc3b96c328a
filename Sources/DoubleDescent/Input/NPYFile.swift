import Foundation

/// Why a `.npy` file cannot be read, in words without the file's name: `NumericFile` names the file
/// and its role (`InputFileError.Problem.npy`).
package struct NPYFailure: Error, Equatable, CustomStringConvertible {
    package let reason: String
    package var description: String { reason }
}

/// A NumPy `.npy` array (format versions 1.0, 2.0 and 3.0) read into finite `Double`s, row-major.
///
/// The file is untrusted: the header is parsed as the small Python literal NumPy writes
/// (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`) by a strict tokenizer, never
/// evaluated; only those three keys are accepted. Supported dtypes are float64 and float32 and the
/// integers i1..i8 and u1..u8, in either byte order; 1-d and 2-d arrays in C or Fortran order. Every
/// other file (object, complex, string, structured or boolean arrays, other dimensions, truncated
/// or trailing data, a shape that does not fit the file) is refused with one line that names it.
package struct NPYArray {
    /// One entry per dimension (1 or 2 of them), each at least 1.
    package let shape: [Int]
    /// Row-major values whatever the file's order; all finite.
    package let values: [Double]

    /// The 6 bytes every `.npy` file starts with.
    package static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// True when `bytes` starts with the `.npy` magic.
    package static func hasMagic<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.starts(with: magic)
    }

    /// Parses a whole file; throws `NPYFailure` (which `NumericFile` turns into an `InputFileError`).
    package init(data: Data) throws {
        let bytes = [UInt8](data)
        func fail(_ reason: String) -> NPYFailure { NPYFailure(reason: reason) }
        guard Self.hasMagic(bytes) else { throw fail("not a .npy file (it does not start with \\x93NUMPY)") }
        guard bytes.count >= 10 else { throw fail("the .npy file is truncated in its preamble") }
        let major = bytes[6], minor = bytes[7]
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0), (3, 0): lengthBytes = 4
        default: throw fail(".npy format version \(major).\(minor) is not supported (1.0, 2.0 or 3.0)")
        }
        let start = 8 + lengthBytes
        guard bytes.count >= start else { throw fail("the .npy file is truncated in its preamble") }
        let headerLength = (0..<lengthBytes).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        guard bytes.count - start >= headerLength else {
            throw fail("the .npy header is truncated (it announces \(headerLength) bytes, the file has \(bytes.count - start) left)")
        }
        let headerBytes = bytes[start..<start + headerLength]
        // Versions 1 and 2 store the header in latin-1, version 3 in UTF-8; a valid header is ASCII either way.
        let header = major == 3 ? String(decoding: headerBytes, as: UTF8.self) : String(headerBytes.map { Character(Unicode.Scalar($0)) })
        let fields = try NPYHeader(parsing: header)
        let dtype = try NPYDType(fields.descr)

        guard (1...2).contains(fields.shape.count) else {
            throw fail("the array has \(fields.shape.count) dimensions, shape \(fields.shapeText); expected 1 or 2")
        }
        var count = 1
        for size in fields.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= Self.maxEntries else {
                throw fail("the shape \(fields.shapeText) is over the limit of \(Self.maxEntries) entries")
            }
            count = product
        }
        guard count > 0 else { throw fail("the array is empty (shape \(fields.shapeText))") }
        let dataStart = start + headerLength
        let expected = count * dtype.size
        guard bytes.count - dataStart == expected else {
            let have = bytes.count - dataStart
            throw fail(have < expected
                ? "the data is truncated: shape \(fields.shapeText) of \(fields.descr) needs \(expected) bytes, the file has \(have)"
                : "\(have - expected) bytes follow the data of shape \(fields.shapeText) of \(fields.descr) (not a single array?)")
        }
        var stored = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for k in 0..<count { stored[k] = dtype.value(raw, at: dataStart + k * dtype.size) }
        }
        if let position = stored.firstIndex(where: { !$0.isFinite }) {
            let index = Self.index(ofStorage: position, shape: fields.shape, fortranOrder: fields.fortranOrder)
            throw fail("entry \(index) is \(stored[position]), not a finite number")
        }
        shape = fields.shape
        if fields.fortranOrder && shape.count == 2 {
            let rows = shape[0], columns = shape[1]
            var rowMajor = stored
            for j in 0..<columns {
                for i in 0..<rows { rowMajor[i * columns + j] = stored[j * rows + i] }
            }
            values = rowMajor
        } else {
            values = stored
        }
    }

    /// As many entries as a 1 GiB float64 file holds (`TextFile.maxBytes` / 8), so a small file of
    /// bytes cannot ask for eight times its size in doubles.
    package static let maxEntries = TextFile.maxBytes / 8

    /// The array's entries as a vector: a 1-d array, or a 2-d one with a single row or column.
    package func vector() throws -> [Double] {
        guard shape.count == 1 || shape.contains(1) else {
            throw NPYFailure(reason: "expected a vector (a 1-d array), got shape \(shapeText)")
        }
        return values
    }

    /// The array's rows: it must be 2-d.
    package func matrixRows() throws -> [[Double]] {
        guard shape.count == 2 else {
            throw NPYFailure(reason: "expected a matrix (a 2-d array), got shape \(shapeText)")
        }
        let columns = shape[1]
        return (0..<shape[0]).map { i in Array(values[i * columns..<(i + 1) * columns]) }
    }

    /// The shape as Python prints it: "(3,)" or "(3, 4)".
    var shapeText: String { NPYHeader.text(ofShape: shape) }

    /// The 1-based index "(i, j)" or "i" of the entry stored at `position`.
    private static func index(ofStorage position: Int, shape: [Int], fortranOrder: Bool) -> String {
        guard shape.count == 2 else { return String(position + 1) }
        let (i, j) = fortranOrder ? (position % shape[0], position / shape[0]) : (position / shape[1], position % shape[1])
        return "(\(i + 1), \(j + 1))"
    }
}

/// The three keys of a `.npy` header dictionary, parsed without evaluating anything.
struct NPYHeader {
    let descr: String
    let fortranOrder: Bool
    let shape: [Int]

    var shapeText: String { Self.text(ofShape: shape) }

    static func text(ofShape shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    private enum Value {
        case string(String), bool(Bool), tuple([Int])
    }

    init(parsing header: String) throws {
        var scanner = Scanner(Array(header.unicodeScalars))
        try scanner.expect("{")
        var entries: [String: Value] = [:]
        while !scanner.consume("}") {
            let key = try scanner.string()
            guard ["descr", "fortran_order", "shape"].contains(key) else {
                throw scanner.error("unknown key '\(Excerpt.of(key))' (a .npy header has descr, fortran_order and shape)")
            }
            guard entries[key] == nil else { throw scanner.error("key '\(key)' is given twice") }
            try scanner.expect(":")
            entries[key] = try scanner.value()
            if !scanner.consume(",") {
                try scanner.expect("}")
                break
            }
        }
        guard scanner.atEnd() else { throw scanner.error("text follows the header dictionary") }
        guard case .string(let descr)? = entries["descr"] else {
            if entries["descr"] == nil { throw scanner.error("the key 'descr' is missing") }
            throw scanner.error("'descr' is not a string: structured dtypes are not supported, save a plain numeric array")
        }
        guard case .bool(let fortranOrder)? = entries["fortran_order"] else {
            throw scanner.error(entries["fortran_order"] == nil ? "the key 'fortran_order' is missing" : "'fortran_order' is not True or False")
        }
        guard case .tuple(let shape)? = entries["shape"] else {
            throw scanner.error(entries["shape"] == nil ? "the key 'shape' is missing" : "'shape' is not a tuple of sizes")
        }
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// A cursor over the header's characters, skipping white space between tokens.
    private struct Scanner {
        let text: [Unicode.Scalar]
        var position = 0

        init(_ text: [Unicode.Scalar]) { self.text = text }

        func error(_ reason: String) -> NPYFailure { NPYFailure(reason: "bad .npy header: \(reason)") }

        mutating func skipSpace() {
            while position < text.count, text[position].properties.isWhitespace { position += 1 }
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return position == text.count
        }

        mutating func consume(_ token: Unicode.Scalar) -> Bool {
            skipSpace()
            guard position < text.count, text[position] == token else { return false }
            position += 1
            return true
        }

        mutating func expect(_ token: Unicode.Scalar) throws {
            guard consume(token) else { throw error("expected '\(token)' at character \(position + 1)") }
        }

        /// A quoted string without escapes.
        mutating func string() throws -> String {
            skipSpace()
            guard position < text.count, text[position] == "'" || text[position] == "\"" else {
                throw error("expected a quoted key or string at character \(position + 1)")
            }
            let quote = text[position]
            position += 1
            var out = String.UnicodeScalarView()
            while position < text.count, text[position] != quote {
                guard text[position] != "\\" else { throw error("escapes in strings are not supported") }
                out.append(text[position])
                position += 1
            }
            guard position < text.count else { throw error("unterminated string") }
            position += 1
            return String(out)
        }

        mutating func value() throws -> Value {
            skipSpace()
            guard position < text.count else { throw error("the header ends where a value was expected") }
            switch text[position] {
            case "'", "\"": return .string(try string())
            case "(": return .tuple(try tuple())
            case "[": throw error("'descr' is a list: structured dtypes are not supported, save a plain numeric array")
            default:
                let word = self.word()
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                default: throw error("unexpected value '\(Excerpt.of(word))'")
                }
            }
        }

        mutating func word() -> String {
            var out = String.UnicodeScalarView()
            while position < text.count, text[position].properties.isAlphabetic || ("0"..."9").contains(text[position]) || text[position] == "-" || text[position] == "_" {
                out.append(text[position])
                position += 1
            }
            return String(out)
        }

        /// A tuple of non-negative integers (Python 2's `3L` included), each at most 10^15.
        mutating func tuple() throws -> [Int] {
            try expect("(")
            var sizes: [Int] = []
            while !consume(")") {
                skipSpace()
                var word = self.word()
                if word.hasSuffix("L") { word.removeLast() }
                guard !word.isEmpty, word.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
                    throw error("shape entry '\(Excerpt.of(word))' is not a non-negative integer")
                }
                guard word.count <= 15, let size = Int(word) else {
                    throw error("shape entry \(Excerpt.of(word)) is too large")
                }
                sizes.append(size)
                if !consume(",") {
                    try expect(")")
                    break
                }
            }
            return sizes
        }
    }
}

/// A supported `.npy` element type: its size in bytes and how to read one as a `Double`.
struct NPYDType {
    enum Kind { case float, signed, unsigned }

    let kind: Kind
    let size: Int
    let bigEndian: Bool

    init(_ descr: String) throws {
        func refuse(_ what: String) -> NPYFailure {
            NPYFailure(reason: "dtype '\(Excerpt.of(descr))' (\(what)) is not supported; save the array as float64, float32 or integers")
        }
        let scalars = Array(descr.unicodeScalars)
        guard scalars.count >= 2, "<>|=".unicodeScalars.contains(scalars[0]) else {
            throw refuse("not a plain dtype")
        }
        let order = scalars[0], code = scalars[1]
        guard let size = Int(String(String.UnicodeScalarView(scalars.dropFirst(2)))) else {
            switch code {
            case "O": throw refuse("Python objects")
            case "M", "m": throw refuse("dates or times")
            default: throw refuse("not a plain dtype")
            }
        }
        switch (code, size) {
        case ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("f", _): throw refuse("float\(size * 8)")
        case ("c", _): throw refuse("complex numbers")
        case ("b", _): throw refuse("booleans")
        case ("U", _), ("S", _), ("a", _): throw refuse("strings")
        case ("M", _), ("m", _): throw refuse("dates or times")
        case ("V", _): throw refuse("raw or structured records")
        case ("O", _): throw refuse("Python objects")
        default: throw refuse("unknown type code")
        }
        guard size == 1 || order != "|" else { throw refuse("no byte order") }
        self.size = size
        // '=' is the writer's native order; NumPy writes '<' or '>' for it, and every platform ddcalc runs on is little-endian.
        bigEndian = order == ">"
    }

    /// The element at byte `offset`.
    func value(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Double {
        var bits: UInt64 = 0
        for b in 0..<size {
            let byte = UInt64(raw[offset + (bigEndian ? size - 1 - b : b)])
            bits |= byte << (8 * UInt64(b))
        }
        switch kind {
        case .float:
            return size == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .unsigned:
            return Double(bits)
        case .signed:
            // Sign-extend the size-byte integer.
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }
}
