import CSV

/// A rectangular table of finite numbers read from a CSV file, through the
/// maintained CSV.swift parser (quoting, CRLF and the like are its business).
/// With `allowHeader`, a first row that is not numeric is taken as a header.
package struct NumericCSV {
    package let header: [String]?
    /// Row-major values: `rows[r][c]`.
    package let rows: [[Double]]

    package var columnCount: Int { rows.first?.count ?? header?.count ?? 0 }

    /// A table without header from rows of equal length (a 2-d NumPy array's).
    package init(rows: [[Double]]) {
        header = nil
        self.rows = rows
    }

    /// Parses `text`, the contents of the file at `path` read as `role`; errors are
    /// `InputFileError`s naming both.
    package init(text: String, path: String, role: InputFileRole, allowHeader: Bool) throws {
        func failure(_ problem: InputFileError.Problem) -> InputFileError {
            InputFileError(path: path, role: role, problem: problem)
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        } catch {
            throw failure(.notCSV(reason: "\(error)"))
        }
        var header: [String]?
        var rows: [[Double]] = []
        var line = 0
        while let fields = reader.next() {
            line += 1
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            let numbers = fields.map { Double($0) }
            if allowHeader && line == 1 && numbers.contains(where: { $0 == nil }) {
                header = fields
                continue
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (column, value) in numbers.enumerated() {
                guard let value, value.isFinite else {
                    throw failure(.notANumber(text: fields[column], at: .cell(row: line, column: column + 1)))
                }
                row.append(value)
            }
            if let width = rows.first?.count ?? header?.count, width != row.count {
                throw failure(.ragged(row: line, columns: row.count, expected: width))
            }
            rows.append(row)
        }
        if let error = reader.error {
            throw failure(.malformedCSV(reason: "\(error)"))
        }
        guard !rows.isEmpty else { throw failure(.noNumbers) }
        self.header = header
        self.rows = rows
    }
}
