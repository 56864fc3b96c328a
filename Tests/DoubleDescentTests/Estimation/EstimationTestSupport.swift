import CLapack
import Foundation
@testable import DDLinearAlgebra
@testable import DDRandom
@testable import DDSampling

/// Deterministic standard normals for the estimation tests: a 64-bit LCG
/// (Knuth's MMIX constants) feeding Box-Muller. Independent of the project's RNG.
struct TestGaussian {
    private var state: UInt64
    private var spare: Double?

    init(seed: UInt64) { state = seed }

    /// Uniform on (0, 1) from the top 53 bits.
    mutating func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) * 0x1p-53
    }

    mutating func next() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        let radius = (-2 * Foundation.log(uniform())).squareRoot(), angle = 2 * Double.pi * uniform()
        spare = radius * Foundation.sin(angle)
        return radius * Foundation.cos(angle)
    }

    mutating func vector(_ count: Int) -> [Double] { (0..<count).map { _ in next() } }

    /// Eigenvalues of Sigma, spread over [0.2, 2].
    mutating func eigenvalues(_ count: Int) -> [Double] { (0..<count).map { _ in 0.2 + 1.8 * uniform() } }
}

/// A column-major K x d design (leading dimension K).
struct Design {
    let rows: Int
    let columns: Int
    var entries: [Double]

    subscript(i: Int, j: Int) -> Double { entries[i + j * rows] }

    static func gaussian(rows: Int, columns: Int, _ random: inout TestGaussian) -> Design {
        Design(rows: rows, columns: columns, entries: random.vector(rows * columns))
    }

    /// Row i of the result is row `pattern[i]` of `self`.
    func selectingRows(_ pattern: [Int]) -> Design {
        var entries = [Double](repeating: 0, count: pattern.count * columns)
        for (i, source) in pattern.enumerated() {
            for j in 0..<columns { entries[i + j * pattern.count] = self[source, j] }
        }
        return Design(rows: pattern.count, columns: columns, entries: entries)
    }

    func times(_ x: [Double]) -> [Double] {
        (0..<rows).map { i in (0..<columns).reduce(0.0) { $0 + self[i, $1] * x[$1] } }
    }

    func transposeTimes(_ r: [Double]) -> [Double] {
        (0..<columns).map { j in (0..<rows).reduce(0.0) { $0 + self[$1, j] * r[$1] } }
    }
}

/// An explicitly formed d x K pseudo-inverse (row-major storage: entry (i, k) at i * K + k)
/// and the errors it implies, all in Float80.
struct ReferencePseudoInverse {
    let design: Design
    let entries: [Float80]

    /// X^+ from the normal equations, solved by Cholesky in Float80 (64-bit
    /// significand, so the squared condition number costs nothing at 1e-11):
    /// X^+ = (X^T X)^{-1} X^T for K >= d, X^T (X X^T)^{-1} for K < d. Full rank only.
    init(normalEquationsOf x: Design) {
        design = x
        let (k, d) = (x.rows, x.columns)
        let value = { (i: Int, j: Int) in Float80(x[i, j]) }
        guard k > 0 else {
            entries = []
            return
        }
        var result = [Float80](repeating: 0, count: d * k)
        if k >= d {
            // Columns of X^+ solve (X^T X) z = X^T e_k.
            let gram = (0..<d).map { a in (0..<d).map { b in sum(k) { value($0, a) * value($0, b) } } }
            let chol = Self.cholesky(gram)
            for row in 0..<k {
                let z = Self.solve(chol, (0..<d).map { value(row, $0) })
                for i in 0..<d { result[i * k + row] = z[i] }
            }
        } else {
            // Rows of X^+ solve (X X^T) z = X e_i.
            let gram = (0..<k).map { a in (0..<k).map { b in sum(d) { value(a, $0) * value(b, $0) } } }
            let chol = Self.cholesky(gram)
            for i in 0..<d {
                let z = Self.solve(chol, (0..<k).map { value($0, i) })
                for row in 0..<k { result[i * k + row] = z[row] }
            }
        }
        entries = result
    }

    /// X^+ = V_r diag(1/sigma_r) U_r^T from LAPACK's dgesdd applied to X
    /// itself, keeping singular values above 1e-10 sigma_1.
    init(svdOf x: Design) {
        design = x
        let (k, d) = (x.rows, x.columns), m = min(k, d)
        var a = x.entries, sigma = [Double](repeating: 0, count: m)
        var u = [Double](repeating: 0, count: k * m), vt = [Double](repeating: 0, count: m * d)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(k), Int32(d), &a, Int32(k),
                                  &sigma, &u, Int32(k), &vt, Int32(m))
        precondition(info == 0, "reference dgesdd failed")
        var result = [Float80](repeating: 0, count: d * k)
        for l in 0..<m where sigma[l] > 1e-10 * sigma[0] {
            for i in 0..<d {
                for row in 0..<k {
                    result[i * k + row] += Float80(vt[l + i * m]) * Float80(u[row + l * k]) / Float80(sigma[l])
                }
            }
        }
        entries = result
    }

    /// X^+ y.
    func times(_ y: [Double]) -> [Double] {
        let k = design.rows
        return (0..<design.columns).map { i in Double(sum(k) { entries[i * k + $0] * Float80(y[$0]) }) }
    }

    /// (I - X^+ X) w, the component of w outside the row space of X.
    func nullSpaceComponent(_ w: [Double]) -> [Float80] {
        let (k, d) = (design.rows, design.columns)
        let xw = (0..<k).map { row in sum(d) { Float80(design[row, $0]) * Float80(w[$0]) } }
        return (0..<d).map { i in Float80(w[i]) - sum(k) { entries[i * k + $0] * xw[$0] } }
    }

    /// The two conditional errors of the min-norm estimator, straight from the definitions.
    func conditionalError(wstar: [Double], eigenvalues s: [Double], sigma: Double) -> (parameter: Double, prediction: Double) {
        let (k, d) = (design.rows, design.columns)
        let residual = nullSpaceComponent(wstar)
        var parameter = Float80(0), prediction = Float80(0)
        for i in 0..<d {
            let rowSquares = sum(k) { entries[i * k + $0] * entries[i * k + $0] }
            let noise = Float80(sigma) * Float80(sigma) * rowSquares
            parameter += residual[i] * residual[i] + noise
            prediction += Float80(s[i]) * (residual[i] * residual[i] + noise)
        }
        return (Double(parameter), Double(prediction))
    }

    private static func cholesky(_ a: [[Float80]]) -> [[Float80]] {
        let n = a.count
        var l = [[Float80]](repeating: [Float80](repeating: 0, count: n), count: n)
        for j in 0..<n {
            let pivot = a[j][j] - sum(j) { l[j][$0] * l[j][$0] }
            precondition(pivot > 0, "reference Cholesky needs a full-rank design")
            l[j][j] = pivot.squareRoot()
            for i in (j + 1)..<n {
                l[i][j] = (a[i][j] - sum(j) { l[i][$0] * l[j][$0] }) / l[j][j]
            }
        }
        return l
    }

    /// Solves L L^T z = b.
    private static func solve(_ l: [[Float80]], _ b: [Float80]) -> [Float80] {
        let n = b.count
        var z = b
        for i in 0..<n {
            z[i] = (z[i] - sum(i) { l[i][$0] * z[$0] }) / l[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            z[i] = (z[i] - sum(n - i - 1) { l[i + 1 + $0][i] * z[i + 1 + $0] }) / l[i][i]
        }
        return z
    }
}

func squaredNorm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } }

/// term(0) + ... + term(n - 1) in Float80.
private func sum(_ n: Int, _ term: (Int) -> Float80) -> Float80 {
    var total: Float80 = 0
    for i in 0..<n { total += term(i) }
    return total
}

/// Calls the solver's pointer API with Swift arrays.
extension MinNormSolver {
    func conditionalError(_ x: Design, wstar: [Double], eigenvalues s: [Double], sigma: Double) -> ConditionalError {
        conditionalError(design: x.entries, rows: x.rows, wstar: wstar, eigenvalues: s, sigma: sigma)
    }

    func solve(_ x: Design, _ y: [Double]) -> [Double] {
        var solution = [Double](repeating: .nan, count: x.columns)
        solve(design: x.entries, rows: x.rows, response: y, solution: &solution)
        return solution
    }
}
