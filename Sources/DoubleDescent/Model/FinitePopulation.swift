import DDInput
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
    /// The data's own response per row (`--target`), if it has one.
    public var responses: [Double]?
    /// The rows as given (original coordinates), for printing drawn designs exactly.
    public let rows: [[Double]]

    /// - Parameters:
    ///   - rows: N rows of d features (distinct: see `GeneralPosition.checkRows`).
    ///   - source: names the data in errors, e.g. "--data diabetes.csv".
    public init(rows: [[Double]], source: String, spec: SpectrumSpec) throws {
        let n = rows.count, d = rows.first?.count ?? 0
        guard d >= 1 else { throw InputError("\(source): no feature columns") }
        guard n >= d else {
            throw InputError("\(source): \(n) rows but \(d) features; general position needs at least d rows")
        }
        var a = [Double](repeating: 0, count: n * d)
        for (i, row) in rows.enumerated() {
            for j in 0..<d { a[i + j * n] = row[j] }
        }
        let svd = try ThinSVD(columnMajor: a, rows: n, columns: d)
        try GeneralPosition.checkRank(singularValues: svd.values, rows: n, source: source)
        try Self.checkScale(svd.values, rows: n, source: source)
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
    static func checkScale(_ singularValues: [Double], rows n: Int, source: String) throws {
        for sv in singularValues {
            let s = sv * sv / Double(n)
            guard s >= 1e-150 && s <= 1e150 else {
                throw InputError("\(source): the features are too \(s > 1 ? "large" : "small") for double precision "
                    + "(an eigenvalue of Sigma = A^T A / N is \(s), outside [1e-150, 1e150]); rescale the columns")
            }
        }
    }

    /// The population read from a data file (features only; the target column is left out).
    public init(_ file: DataSetFile) throws {
        try self.init(rows: file.features, source: "--data \(file.path)", spec: .data(file.path))
        responses = file.target
    }

    /// x^T w for every row (w in Sigma's eigenbasis): the linear predictor on the whole population.
    public func linearPredictor(eigenWeights w: [Double]) -> [Double] {
        (0..<count).map { i in (0..<d).reduce(0.0) { $0 + eigenRows[i + $1 * count] * w[$1] } }
    }

    /// A^T y / N = E[x y] under D, in original coordinates, for one response per row:
    /// W diag(sv) U^T y / N.
    public func crossMoment(_ y: [Double]) -> [Double] {
        precondition(y.count == count)
        let eigen = (0..<d).map { j in
            (0..<count).reduce(0.0) { $0 + leftVectors[$1 + j * count] * y[$1] } * singularValues[j] / Double(count)
        }
        return covariance.toOriginal(eigen)
    }
}
