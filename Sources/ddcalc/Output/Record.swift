/// One printable value: every output format renders these the same way
/// (numbers in shortest round-trip form, null for missing or non-finite).
enum Value: Equatable {
    case number(Double?)
    case integer(Int)
    case flag(Bool?)
    case text(String)

    /// nil, NaN and infinities are all "no value".
    var isNull: Bool {
        switch self {
        case .number(let x): return x.map { !$0.isFinite } ?? true
        case .flag(let b): return b == nil
        case .integer, .text: return false
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
    /// Keys JSON prints at the top level after `points` (the ridge path's `de_optimal_lambda` and
    /// `bayes_lambda`); the other formats show them in the model echo.
    var topLevel = Record([])
}

extension ResultTable {
    /// Adds a warning for each row holding numbers that no warning names yet and that are printed
    /// null because they lie beyond double precision (an infinity or NaN where a value was
    /// computed), or that are subnormal, below 2.2e-308, where fewer than 15 digits are significant
    /// (issue 22, item 5): no printed null or lost digit goes unnamed.
    mutating func warnOutsideDoublePrecision() {
        for row in rows {
            let point = row.fields.first { $0.key == "n" }.flatMap { field -> String? in
                if case .number(let n?) = field.value { return "n = \(n)" } else { return nil }
            } ?? "a row"
            let named = warnings.filter { $0.hasPrefix(point + ":") }.joined()
            let unnamed = { (keys: [String]) in keys.filter { !named.contains($0) } }
            let overflowed = unnamed(row.keys(where: { !$0.isFinite }))
            if !overflowed.isEmpty {
                warnings.append("\(point): \(overflowed.joined(separator: ", ")) beyond double precision (printed null)")
            }
            let subnormal = row.keys(where: { $0.isFinite && $0 != 0 && abs($0) < .leastNormalMagnitude })
            if !subnormal.isEmpty {
                warnings.append("\(point): \(subnormal.joined(separator: ", ")) below 2.2e-308 (subnormal: fewer than 15 significant digits)")
            }
        }
    }
}

extension Record {
    /// The keys of computed numbers (not missing ones) for which `test` holds.
    func keys(where test: (Double) -> Bool) -> [String] {
        fields.compactMap { field in
            guard case .number(let x?) = field.value, test(x) else { return nil }
            return field.key
        }
    }
}
