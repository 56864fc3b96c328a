import DDInput
import DDLinearAlgebra
import Foundation

/// Sigma = V diag(s) V^T, held as its eigen-decomposition: eigenvalues in
/// descending order and, for a covariance given as a matrix, its eigenvectors.
/// Every parametric spectrum and `file:` list is diagonal in the standard basis, so
/// `eigenvectors` is nil for them: V = I for the parametric forms, and for a `file:` list V is the
/// permutation that sorts it (`permutation`), so that coordinate i of w* (`WStarSpec.file`) and of a
/// drawn design belongs to the eigenvalue on the file's line i, not to the i-th largest.
public struct CovarianceModel: Sendable {
    /// s_1 >= ... >= s_d > 0.
    public let eigenvalues: [Double]
    /// Column-major d x d orthonormal V (column j is v_j), or nil for V = I or a permutation.
    public let eigenvectors: [Double]?
    /// For a `file:` list not already in descending order: entry j is the original coordinate (the
    /// position of its eigenvalue among the file's values) of v_j, i.e. v_j = e_permutation[j];
    /// nil when V = I or when `eigenvectors` holds V.
    public let permutation: [Int]?
    /// The spectrum it was built from, echoed in outputs.
    public let spec: SpectrumSpec
    /// For eigenvalues computed by a decomposition (`covariance:`, `weights:`, a data set), a bound on
    /// their relative error (the smallest eigenvalue's, the largest of all; docs/MATH.md, "Accuracy
    /// of computed spectra"); nil when they are given (parametric spectra, `file:` lists).
    public let eigenvalueAccuracy: Double?

    public var d: Int { eigenvalues.count }

    /// True when all eigenvalues are equal (Sigma = s I): the exact i.i.d.
    /// formula for n <= d - 2 applies only then.
    public var isIsotropic: Bool { eigenvalues.first == eigenvalues.last }

    /// The largest d: far beyond any feasible run; a larger d would only fail on allocation.
    public static let maximumDimension = 10_000_000

    /// Builds the model; `d` is required for parametric spectra and, when
    /// given with a file, must agree with it. Throws `ModelError` for a bad spec or d and
    /// `InputFileError` for a bad file.
    public init(spec: SpectrumSpec, d: Int?) throws {
        if let d, d < 1 { throw ModelError.invalidDimension(d) }
        if let d, d > Self.maximumDimension { throw ModelError.dimensionTooLarge(d, limit: Self.maximumDimension) }
        self.spec = spec
        switch spec {
        case .file(let path):
            let values = try Self.readEigenvalueFile(path)
            try Self.check(d, against: values.count, path: path, role: .eigenvalues)
            // Descending, ties in file order; the permutation pairs each eigenvalue with its line.
            let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            eigenvalues = order.map { values[$0] }
            eigenvectors = nil
            permutation = order == Array(values.indices) ? nil : order
            eigenvalueAccuracy = nil
        case .covariance(let path):
            let table = try NumericFile(path, as: .covariance).table(allowHeader: false)
            let size = table.rows.count
            guard table.columnCount == size else {
                throw InputFileError(path: path, role: .covariance, problem: .notSquare(rows: size, columns: table.columnCount))
            }
            try Self.check(d, against: size, path: path, role: .covariance)
            let matrix = try Self.symmetrised(table.rows, path: path)
            let eigen = try SymmetricEigen(symmetric: matrix, dimension: size)
            try Self.checkPositiveDefinite(eigen.values, path: path)
            eigenvalues = eigen.values
            eigenvectors = eigen.vectors
            permutation = nil
            eigenvalueAccuracy = SymmetricEigen.relativeErrorBound(eigen.values)
        case .weights(let path):
            let values = try Self.weightSpectrum(path)
            try Self.check(d, against: values.count, path: path, role: .weights)
            eigenvalues = values
            eigenvectors = nil
            permutation = nil
            eigenvalueAccuracy = Self.squaredSingularValueAccuracy(values)
        case .data:
            throw ModelError.unsupportedSpectrum(spec)
        default:
            guard let d else { throw ModelError.dimensionRequired(spec) }
            eigenvalues = spec.parametricEigenvalues(d: d)
            eigenvectors = nil
            permutation = nil
            eigenvalueAccuracy = nil
            guard let smallest = eigenvalues.last, smallest > 0 else {
                throw ModelError.spectrumUnderflow(spec, dimension: d)
            }
        }
    }

    /// A model whose eigen-decomposition is already known (a data set's, from its SVD: eigenvalues
    /// sv_i^2 / N, accurate to `squaredSingularValueAccuracy`).
    init(eigenvalues: [Double], eigenvectors: [Double]?, spec: SpectrumSpec) {
        self.eigenvalues = eigenvalues
        self.eigenvectors = eigenvectors
        permutation = nil
        self.spec = spec
        eigenvalueAccuracy = Self.squaredSingularValueAccuracy(eigenvalues)
    }

    /// Sigma = diag(eigenvalues), already in descending order and positive; `spec` is only echoed.
    init(eigenvalues: [Double], spec: SpectrumSpec) {
        self.eigenvalues = eigenvalues
        eigenvectors = nil
        permutation = nil
        self.spec = spec
        eigenvalueAccuracy = nil
    }

    /// The relative accuracy of eigenvalues s_i = sv_i^2 / m computed from singular values: twice
    /// the singular values' (`ThinSVD.relativeErrorBound`), i.e. 2 p(d) eps sqrt(s_1 / s_d).
    static func squaredSingularValueAccuracy(_ values: [Double]) -> Double {
        2 * ThinSVD.relativeErrorBound(values.map { $0.squareRoot() })
    }

    /// Maps a vector in Sigma's eigenbasis (coordinates v_i^T x) to original coordinates.
    package func toOriginal(_ eigenCoordinates: [Double]) -> [Double] {
        if let permutation {
            var original = eigenCoordinates
            for (j, i) in permutation.enumerated() { original[i] = eigenCoordinates[j] }
            return original
        }
        guard let v = eigenvectors else { return eigenCoordinates }
        return DenseOps.multiply(columnMajor: v, rows: d, columns: d, vector: eigenCoordinates)
    }

    /// Maps the rows of a K x d design in eigen coordinates (column-major) to original coordinates:
    /// X V^T, since a row z^T in the eigenbasis is the feature vector V z.
    package func designToOriginal(columnMajor design: [Double], rows: Int) -> [Double] {
        if let permutation {
            // Column j of the design (coordinate v_j^T x) becomes column permutation[j].
            var original = design
            for (j, i) in permutation.enumerated() {
                original[i * rows..<(i + 1) * rows] = design[j * rows..<(j + 1) * rows]
            }
            return original
        }
        guard let v = eigenvectors else { return design }
        return DenseOps.multiplyByTransposed(columnMajor: design, rows: rows, inner: d, v, columns: d)
    }

    /// Maps a vector in original coordinates to Sigma's eigenbasis (V^T x).
    package func toEigen(_ original: [Double]) -> [Double] {
        if let permutation { return permutation.map { original[$0] } }
        guard let v = eigenvectors else { return original }
        return DenseOps.multiplyTransposed(columnMajor: v, rows: d, columns: d, vector: original)
    }

    private static func readEigenvalueFile(_ path: String) throws -> [Double] {
        func failure(_ problem: InputFileError.Problem) -> InputFileError {
            InputFileError(path: path, role: .eigenvalues, problem: problem)
        }
        let values = try NumericFile(path, as: .eigenvalues).vector { text in
            var values: [Double] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let field = line.trimmingCharacters(in: .whitespaces)
                if field.isEmpty || field.hasPrefix("#") { continue }
                guard let value = NumberParsing.finiteDouble(field) else { throw failure(.notANumber(text: field, at: .line(index + 1))) }
                guard value > 0 else { throw failure(.nonPositiveEigenvalue(text: field, at: .line(index + 1))) }
                values.append(value)
            }
            return values
        }
        // A `.npy` array's entries, checked here (the text's were checked line by line above).
        if let index = values.firstIndex(where: { !($0 > 0) }) {
            throw failure(.nonPositiveEigenvalue(text: "\(values[index])", at: .entry(index + 1)))
        }
        guard !values.isEmpty else { throw failure(.noNumbers) }
        return values
    }

    /// The eigenvalues of W^T W / rows for a weight matrix W (rows x d, a 2-d `.npy` array or a CSV
    /// table), in descending order: the squared singular values of W over its row count
    /// (docs/MATH.md, "Spectra of weight matrices"). Only the spectrum is kept: Sigma is taken
    /// diagonal, as for a `file:` list.
    private static func weightSpectrum(_ path: String) throws -> [Double] {
        let table = try NumericFile(path, as: .weights).table(allowHeader: false)
        let rows = table.rows.count, columns = table.columnCount
        func failure(_ problem: InputFileError.Problem) -> InputFileError {
            InputFileError(path: path, role: .weights, problem: problem)
        }
        guard rows >= columns else { throw failure(.wideWeightMatrix(rows: rows, columns: columns)) }
        var matrix = [Double](repeating: 0, count: rows * columns)
        for (i, row) in table.rows.enumerated() {
            for j in 0..<columns { matrix[i + j * rows] = row[j] }
        }
        let singular = try ThinSVD.singularValues(columnMajor: matrix, rows: rows, columns: columns)
        let size = Double(rows)
        let values = singular.map { $0 * $0 / size }
        // A nonzero W whose scale is out of range says so, whichever way (its squares may overflow to
        // infinity or underflow to zero); then a rank-deficient W; then any other value out of range.
        let inRange = { (x: Double) in x >= 1e-150 && x <= 1e150 }
        if let largest = values.first, (singular.first ?? 0) > 0, !inRange(largest) { throw failure(.eigenvalueOutOfRange(largest)) }
        try checkPositiveDefinite(values, path: path, role: .weights)
        if let outside = values.first(where: { !inRange($0) }) { throw failure(.eigenvalueOutOfRange(outside)) }
        return values
    }

    private static func check(_ d: Int?, against size: Int, path: String, role: InputFileRole) throws {
        if let d, d != size {
            throw InputFileError(path: path, role: role, problem: .dimension(count: size, expected: d))
        }
    }

    /// Checks symmetry to a tolerance that allows for decimal round-off in the
    /// file, then returns (A + A^T)/2 column-major.
    private static func symmetrised(_ rows: [[Double]], path: String) throws -> [Double] {
        let size = rows.count
        let scale = rows.lazy.flatMap { $0 }.map(abs).max() ?? 0
        var matrix = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0..<size {
                let a = rows[i][j], b = rows[j][i]
                if abs(a - b) > 1e-9 * scale {
                    throw InputFileError(path: path, role: .covariance,
                                         problem: .notSymmetric(row: i + 1, column: j + 1, value: a, mirror: b))
                }
                matrix[j * size + i] = 0.5 * (a + b)
            }
        }
        return matrix
    }

    /// Positive definite to working precision: s_d > 0 and s_d / s_1 above the
    /// round-off level d * eps of the eigensolver.
    private static func checkPositiveDefinite(_ values: [Double], path: String, role: InputFileRole = .covariance) throws {
        guard let largest = values.first, let smallest = values.last, largest > 0, smallest > 0,
              smallest >= Double(values.count) * Double.ulpOfOne * largest
        else {
            let smallest = values.last ?? .nan
            throw InputFileError(path: path, role: role, problem: .notPositiveDefinite(smallestEigenvalue: smallest))
        }
    }
}
