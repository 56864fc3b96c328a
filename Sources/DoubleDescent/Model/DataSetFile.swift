import DDInput

/// A data set read from a file (the CLI's `data` flag): a numeric CSV file, one row per sample, with
/// an optional header, or a 2-d `.npy` array (rows x columns, no header). With a `target` column, that
/// column holds the responses and is not a feature: a header name, or a 1-based column index in both formats
/// (docs/MATH.md, "Finite populations").
public struct DataSetFile {
    /// The file, as given on the command line.
    public let path: String
    /// The header's names of the feature columns, when the file has a header.
    public let featureNames: [String]?
    /// N rows of d features each, in file order.
    public let features: [[Double]]
    /// The response column, when a target was given.
    public let target: [Double]?
    /// The target column's header name, or its 1-based index when the file has no header.
    public let targetName: String?
    /// The file's row number of data row 0: records counted from 1, the header included.
    private let firstRowNumber: Int

    /// Reads the file and splits off the target column. Malformed cells, ragged rows and an unknown
    /// target throw `InputFileError`s that name the file; repeated rows and zero rows throw
    /// `ModelError.population` (`GeneralPosition`), and `FinitePopulation` checks the rank.
    public init(path: String, target: String? = nil) throws {
        try self.init(path: path, target: target, generalPosition: true)
    }

    /// The file as `init(path:target:)` reads it, but with any rows, repeated and zero ones included:
    /// for cross-validation on the data (`SpectralRidgeFit`), which needs no general position.
    public static func anyRows(path: String, target: String?) throws -> DataSetFile {
        try DataSetFile(path: path, target: target, generalPosition: false)
    }

    private init(path: String, target: String?, generalPosition: Bool) throws {
        func failure(_ problem: InputFileError.Problem) -> InputFileError {
            InputFileError(path: path, role: .dataSet, problem: problem)
        }
        let table = try NumericFile(path, as: .dataSet).table(allowHeader: true)
        let columns = table.columnCount
        var targetColumn: Int?
        if let target {
            targetColumn = try Self.column(target, header: table.header, columns: columns, path: path)
        }
        guard columns - (targetColumn == nil ? 0 : 1) >= 1 else { throw failure(.noFeatureColumns) }
        self.path = path
        featureNames = table.header.map { names in names.indices.filter { $0 != targetColumn }.map { names[$0] } }
        features = table.rows.map { row in row.indices.filter { $0 != targetColumn }.map { row[$0] } }
        self.target = targetColumn.map { c in table.rows.map { $0[c] } }
        targetName = targetColumn.map { c in table.header?[c] ?? String(c + 1) }
        firstRowNumber = table.header == nil ? 1 : 2
        if generalPosition { try checkGeneralPosition() }
    }

    /// The row checks of `init(path:target:)` (distinct, nonzero rows: `GeneralPosition`), for a file
    /// read by `anyRows` that is then made a population; errors name the file and its row numbers.
    public func checkGeneralPosition() throws {
        let first = firstRowNumber
        try GeneralPosition.checkRows(features, path: path, rowNumber: { $0 + first })
    }

    /// The 0-based column `text` names: a header name first, else a 1-based index.
    private static func column(_ text: String, header: [String]?, columns: Int, path: String) throws -> Int {
        if let header, let index = header.firstIndex(of: text) { return index }
        if let index = Int(text) {
            guard index >= 1 && index <= columns else {
                throw InputFileError(path: path, role: .dataSet, problem: .columnOutOfRange(text, columns: columns))
            }
            return index - 1
        }
        throw InputFileError(path: path, role: .dataSet, problem: .noSuchColumn(text, header: header))
    }
}
