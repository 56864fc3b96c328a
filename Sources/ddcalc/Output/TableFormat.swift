import DoubleDescent
import Foundation

/// The human-readable format: a header naming the model, then right-aligned
/// columns with six significant digits; "-" marks a value that does not apply.
enum TableFormat {
    /// `columns` picks (and renames) the keys to show, in order.
    static func render(_ table: ResultTable, columns: [(key: String, title: String)]) -> String {
        var lines = ["# " + DDCalcVersion.stamped(table.title)]
        lines.append("# " + table.model.fields.map { "\($0.key) = \(human($0.value))" }.joined(separator: ", "))
        let cells = table.rows.map { row in
            columns.map { column in human(row.fields.first { $0.key == column.key }?.value ?? .number(nil)) }
        }
        let widths = columns.indices.map { c in
            max(columns[c].title.count, cells.map { $0[c].count }.max() ?? 0)
        }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        lines.append(line(columns.map(\.title)))
        lines.append(contentsOf: cells.map(line))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Key-value lines for a single record (`point --format table`).
    static func render(title: String, model: Record, record: Record) -> String {
        let all = model.fields + record.fields
        let width = all.map(\.key.count).max() ?? 0
        return (["# " + DDCalcVersion.stamped(title)] + all.map { $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + human($0.value) })
            .joined(separator: "\n") + "\n"
    }

    static func human(_ value: Value) -> String {
        guard !value.isNull else { return "-" }
        switch value {
        case .number(let x): return sixSignificantDigits(x!)
        case .integer(let i): return String(i)
        case .unsigned(let u): return String(u)
        case .flag(let b): return b! ? "yes" : "no"
        case .text(let s): return Excerpt.of(s, limit: .max)  // one line, whatever the text holds
        }
    }

    /// printf's "%.6g", straight from the C library: String(format:) goes through
    /// CoreFoundation and took a tenth of a d = 10^5, 1000-point sweep.
    static func sixSignificantDigits(_ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            _ = withVaList([x]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.6g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
