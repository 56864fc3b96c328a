import DDLinearAlgebra

/// A finite population as the feature law: D uniform on the N rows a_j of a data matrix A (N x d),
/// Sigma = A^T A / N (docs/MATH.md, "Finite populations").
///
/// Everything comes from one thin SVD A = U diag(sv) W^T: Sigma's eigenvalues are s_i = sv_i^2 / N
/// and its eigenvectors the columns of W, and the rows in Sigma's eigenbasis are the rows of
/// U diag(sv). The samplers draw row indices from U (`FinitePopulationSampler`).
public struct FinitePopulation: Sendable {
    /// N, the number of rows.
    public let count: Int
    /// d, the number of features.
    public let d: Int
    /// sv_1 >= ... >= sv_d > 0.
    public let singularValues: [Double]
    /// U, column-major N x d, orthonormal columns.
    public let leftVectors: [Double]
    /// The rows in Sigma's eigenbasis, U diag(sv), column-major N x d.
    public let eigenRows: [Double]
    /// Sigma = W diag(sv^2 / N) W^T.
    public let covariance: CovarianceModel
    /// The data's own response per row (`DataSetFile.target`), if it has one.
    public var responses: [Double]?
    /// The rows as given (original coordinates), for printing drawn designs exactly.
    public let rows: [[Double]]

    /// - Parameters:
    ///   - rows: N rows of d features each, distinct and in general position (checked here).
    ///   - path: the file the rows come from, named in errors; nil for rows built in memory.
    /// Throws `ModelError.population` for rows that cannot be a population.
    public init(rows: [[Double]], path: String? = nil, spec: SpectrumSpec) throws {
        let n = rows.count, d = rows.first?.count ?? 0
        guard d >= 1 else { throw ModelError.population(.noFeatureColumns, path: path) }
        guard n >= d else { throw ModelError.population(.tooFewRows(rows: n, features: d), path: path) }
        if let row = rows.firstIndex(where: { $0.count != d }) {
            throw ModelError.population(.raggedRow(row + 1, columns: rows[row].count, expected: d), path: path)
        }
        if let row = rows.firstIndex(where: { $0.contains { !$0.isFinite } }) {
            throw ModelError.population(.notFinite(row: row + 1), path: path)
        }
        if path == nil { try GeneralPosition.checkRows(rows, path: nil, rowNumber: { $0 + 1 }) }
        var a = [Double](repeating: 0, count: n * d)
        for (i, row) in rows.enumerated() {
            for j in 0..<d { a[i + j * n] = row[j] }
        }
        let svd = try ThinSVD(columnMajor: a, rows: n, columns: d)
        try GeneralPosition.checkRank(singularValues: svd.values, rows: n, path: path)
        try Self.checkScale(svd.values, rows: n, path: path)
        count = n
        self.d = d
        self.rows = rows
        singularValues = svd.values
        leftVectors = svd.left
        var b = svd.left
        for j in 0..<d {
            for i in 0..<n { b[i + j * n] *= svd.values[j] }
        }
        eigenRows = b
        let size = Double(n)
        covariance = CovarianceModel(eigenvalues: svd.values.map { $0 * $0 / size }, eigenvectors: svd.right, spec: spec)
    }

    /// Sigma's eigenvalues s_i = sv_i^2 / N must lie in [1e-150, 1e150], so that s_i, their squares and
    /// s_i / (s_i + lambda) stay normal doubles: cells of 1e200 or 1e-200 would make them overflow to
    /// infinity or underflow to zero, and every later number NaN.
    static func checkScale(_ singularValues: [Double], rows n: Int, path: String?) throws {
        for sv in singularValues {
            let s = sv * sv / Double(n)
            guard s >= 1e-150 && s <= 1e150 else { throw ModelError.population(.scale(eigenvalue: s), path: path) }
        }
    }

    /// The population read from a data file (features only; the target column is left out).
    public init(_ file: DataSetFile) throws {
        try self.init(rows: file.features, path: file.path, spec: .data(file.path))
        responses = file.target
    }

    /// x^T w for every row (w in Sigma's eigenbasis): the linear predictor on the whole population.
    package func linearPredictor(eigenWeights w: [Double]) -> [Double] {
        (0..<count).map { i in (0..<d).reduce(0.0) { $0 + eigenRows[i + $1 * count] * w[$1] } }
    }

    /// A^T y / N = E[x y] under D, in original coordinates, for one response per row:
    /// W diag(sv) U^T y / N.
    package func crossMoment(_ y: [Double]) -> [Double] {
        precondition(y.count == count)
        let eigen = (0..<d).map { j in
            (0..<count).reduce(0.0) { $0 + leftVectors[$1 + j * count] * y[$1] } * singularValues[j] / Double(count)
        }
        return covariance.toOriginal(eigen)
    }
}
