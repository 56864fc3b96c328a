import DDLAPACKReference
import Foundation
@testable import DDLinearAlgebra
@testable import DDRandom

/// Column-major matrices and the few operations the kernel tests need, computed in Float80 so that
/// the checks' own rounding is negligible against the double-precision bounds they test.
struct TestMatrix {
    let rows: Int, columns: Int
    var entries: [Double]

    init(rows: Int, columns: Int, entries: [Double]) {
        precondition(entries.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    subscript(i: Int, j: Int) -> Double {
        get { entries[i + j * rows] }
        set { entries[i + j * rows] = newValue }
    }

    /// I.i.d. N(0, 1) entries, column j scaled by grading^(-j / (columns - 1)) (condition number
    /// about `grading` times that of a Gaussian matrix).
    static func gaussian(rows: Int, columns: Int, grading: Double = 1, _ rng: inout RandomStream) -> TestMatrix {
        var m = TestMatrix(rows: rows, columns: columns, entries: [Double](repeating: 0, count: rows * columns))
        for j in 0..<columns {
            let scale = columns > 1 ? Foundation.pow(grading, -Double(j) / Double(columns - 1)) : 1
            for i in 0..<rows { m[i, j] = rng.normal() * scale }
        }
        return m
    }

    var transposed: TestMatrix {
        var t = TestMatrix(rows: columns, columns: rows, entries: entries)
        for i in 0..<rows {
            for j in 0..<columns { t[j, i] = self[i, j] }
        }
        return t
    }

    /// self * other, and |self| * |other| (entrywise absolute values), both rounded once from Float80.
    func times(_ other: TestMatrix) -> (product: TestMatrix, magnitude: TestMatrix) {
        precondition(columns == other.rows)
        var p = [Double](repeating: 0, count: rows * other.columns), q = p
        entries.withUnsafeBufferPointer { a in
            other.entries.withUnsafeBufferPointer { b in
                for j in 0..<other.columns {
                    for i in 0..<rows {
                        var s: Float80 = 0, t: Float80 = 0
                        for k in 0..<columns {
                            let x = Float80(a[i + k * rows]) * Float80(b[k + j * columns])
                            s += x
                            t += abs(x)
                        }
                        p[i + j * rows] = Double(s)
                        q[i + j * rows] = Double(t)
                    }
                }
            }
        }
        return (TestMatrix(rows: rows, columns: other.columns, entries: p), TestMatrix(rows: rows, columns: other.columns, entries: q))
    }

    var frobenius: Double {
        Double(entries.reduce(Float80(0)) { $0 + Float80($1) * Float80($1) }.squareRoot())
    }

    static func - (a: TestMatrix, b: TestMatrix) -> TestMatrix {
        TestMatrix(rows: a.rows, columns: a.columns, entries: zip(a.entries, b.entries).map { $0 - $1 })
    }

    static func identity(_ n: Int) -> TestMatrix {
        var m = TestMatrix(rows: n, columns: n, entries: [Double](repeating: 0, count: n * n))
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// sigma_max / sigma_min over the singular values above 0 (LAPACK's dgesvd).
    var conditionNumber: Double {
        let sigma = LAPACKReference.svd(entries, rows: rows, columns: columns).sigma.filter { $0 > 0 }
        return sigma[0] / sigma[sigma.count - 1]
    }
}

let eps = Double.ulpOfOne
