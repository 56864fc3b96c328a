/// One printable value: every output format renders these the same way
/// (numbers in shortest round-trip form, null for missing or non-finite).
enum Value: Equatable {
    case number(Double?)
    case integer(Int)
    /// A 64-bit seed: every value of `--seed`, printed as digits.
    case unsigned(UInt64)
    case flag(Bool?)
    case text(String)

    /// nil, NaN and infinities are all "no value".
    var isNull: Bool {
        switch self {
        case .number(let x): return x.map { !$0.isFinite } ?? true
        case .flag(let b): return b == nil
        case .integer, .unsigned, .text: return false
        }
    }
}

/// An ordered list of named values: one output row, or the model echo.
struct Record: Equatable {
    var fields: [(key: String, value: Value)]

    init(_ fields: [(String, Value)]) {
        self.fields = fields.map { (key: $0.0, value: $0.1) }
    }

    var keys: [String] { fields.map(\.key) }

    /// The fields of `a` followed by those of `b`.
    static func + (a: Record, b: Record) -> Record {
        var joined = a
        joined.fields += b.fields
        return joined
    }

    /// This record with extra fields appended.
    func appending(_ extra: [(String, Value)]) -> Record {
        self + Record(extra)
    }

    static func == (a: Record, b: Record) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// A titled set of rows sharing the same keys, as printed by `sweep`.
struct ResultTable {
    var title: String
    var model: Record
    var rows: [Record]
    /// Values outside the validated range (`ValidatedRange`): the JSON key `warnings`, else lines on
    /// standard error.
    var warnings: [String] = []
}
