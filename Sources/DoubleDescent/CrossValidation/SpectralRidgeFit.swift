import DDLinearAlgebra

/// Everything about the no-intercept ridge fits y_hat = S_lambda y, S_lambda = X (X^T X + lambda I)^-1 X^T,
/// of one N x d data set that does not depend on lambda, from one thin SVD X = U diag(s) V^T of any
/// shape (docs/MATH.md, "Cross-validation of ridge"): the r singular values above the rank tolerance,
/// the N x r columns of U that pair with them, z = U^T y, the part of y outside the column space
/// (y_perp = y - U z, row by row), and each row's leverage complement 1 - h_i = 1 - sum_k U_ik^2.
/// With w_k = 1 / (s_k^2 + lambda) every quantity of a penalty is a positive sum of these
/// (`RidgeCrossValidation`), so nothing cancels at lambda = 0 or near the floor.
public struct SpectralRidgeFit: Sendable {
    /// N, the number of rows.
    public let count: Int
    /// d, the number of columns.
    public let d: Int
    /// The singular values s_1 >= ... >= s_r above `rankTolerance`.
    public let singularValues: [Double]
    /// Column-major N x r: column k of U, paired with `singularValues[k]`.
    let left: [Double]
    /// z_k = (U^T y)_k, r values.
    let coordinates: [Double]
    /// y_perp = y - U z, N values; exactly zero when r = N (the column space is all of R^N).
    let outside: [Double]
    /// 1 - h_i per row; exactly zero when r = N, and for a row whose computed complement is below
    /// `leverageTolerance` (a row of leverage one, the only row reaching its direction).
    let leverageComplement: [Double]
    /// Singular values at or below this, max(N, d) eps s_1 (the rank convention of numpy's
    /// matrix_rank and of LAPACK's dgelsd with rcond = -1), are treated as zero.
    public let rankTolerance: Double

    /// The rank r: the number of singular values above `rankTolerance`.
    public var rank: Int { singularValues.count }

    /// The most negative penalty allowed: minus the smallest nonzero eigenvalue s_r^2 of the Gram
    /// matrix. At lambda = floor, (s_r^2 + lambda)^-1 is infinite; below it S_lambda is not a
    /// limit of ridge fits (docs/MATH.md, "Cross-validation of ridge").
    public var lambdaFloor: Double { -singularValues[rank - 1] * singularValues[rank - 1] }

    /// - Parameters:
    ///   - rows: N >= 1 rows of d >= 1 finite features each.
    ///   - response: N finite responses.
    /// Throws `CrossValidationError.zeroDesign` when every singular value is below the tolerance,
    /// or the SVD's `NumericalError`.
    public init(rows: [[Double]], response: [Double]) throws {
        let n = rows.count, d = rows.first?.count ?? 0
        precondition(n >= 1 && d >= 1 && response.count == n && rows.allSatisfy { $0.count == d })
        // U (N x min(N, d)) and s: the SVD of X when N >= d, of X^T (= V diag(s) U^T) otherwise.
        var values: [Double], u: [Double]
        if n >= d {
            var x = [Double](repeating: 0, count: n * d)
            for i in 0..<n { for j in 0..<d { x[j * n + i] = rows[i][j] } }
            let svd = try ThinSVD(columnMajor: x, rows: n, columns: d)
            (values, u) = (svd.values, svd.left)
        } else {
            var xt = [Double](repeating: 0, count: n * d)
            for i in 0..<n { for j in 0..<d { xt[i * d + j] = rows[i][j] } }
            let svd = try ThinSVD(columnMajor: xt, rows: d, columns: n)
            (values, u) = (svd.values, svd.right)
        }
        let tolerance = Double(max(n, d)) * Double.ulpOfOne * values[0]
        let r = values.prefix { $0 > tolerance }.count
        guard r > 0 else { throw CrossValidationError.zeroDesign }
        values = Array(values.prefix(r))
        u = Array(u.prefix(n * r))
        var z = [Double](repeating: 0, count: r)
        for k in 0..<r { for i in 0..<n { z[k] += u[k * n + i] * response[i] } }
        var outside = [Double](repeating: 0, count: n), complement = [Double](repeating: 0, count: n)
        if r < n {
            let leverageTolerance = Self.leverageTolerance(rank: r)
            for i in 0..<n {
                var fitted = 0.0, leverage = 0.0
                for k in 0..<r {
                    fitted += u[k * n + i] * z[k]
                    leverage += u[k * n + i] * u[k * n + i]
                }
                let rest = 1 - leverage
                if rest > leverageTolerance { (outside[i], complement[i]) = (response[i] - fitted, rest) }
            }
        }
        count = n
        self.d = d
        singularValues = values
        left = u
        coordinates = z
        self.outside = outside
        leverageComplement = complement
        rankTolerance = tolerance
    }

    /// A computed 1 - h_i at or below 8 r eps is rounding of an exact zero: the row has leverage one.
    /// (h_i is a sum of r squares of entries of orthonormal columns, each with relative error of a few
    /// eps.) Such a row's y_perp is zero too: y_i lies in the column space.
    static func leverageTolerance(rank r: Int) -> Double { 8 * Double(r) * Double.ulpOfOne }
}
