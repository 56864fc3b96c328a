import Foundation

/// Deterministic test matrices for the one-off decompositions (`SymmetricEigenTests`, `ThinSVDTests`).
struct MatrixRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Uniform on (0, 1), from SplitMix64.
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// Standard normal (Box-Muller).
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    mutating func normals(_ count: Int) -> [Double] { (0..<count).map { _ in normal() } }

    /// The first `columns` columns of H_1 ... H_k, k = min(rows, 8), Householder reflections
    /// I - 2 u u^T / u^T u with Gaussian u: a rows x columns matrix with orthonormal columns,
    /// column-major, built without any factorization.
    mutating func orthonormalColumns(rows: Int, columns: Int) -> [Double] {
        var q = [Double](repeating: 0, count: rows * columns)
        for j in 0..<columns { q[j * rows + j] = 1 }
        for _ in 0..<min(rows, 8) {
            let u = normals(rows)
            let uu = u.reduce(0) { $0 + $1 * $1 }
            for j in 0..<columns {
                var dot = 0.0
                for i in 0..<rows { dot += u[i] * q[j * rows + i] }
                let f = 2 * dot / uu
                for i in 0..<rows { q[j * rows + i] -= f * u[i] }
            }
        }
        return q
    }
}

/// A diag(s) B^T for column-major A (rows x k) and B (columns x k).
func scaledProduct(_ a: [Double], rows: Int, _ s: [Double], _ b: [Double], columns: Int) -> [Double] {
    let k = s.count
    var c = [Double](repeating: 0, count: rows * columns)
    for j in 0..<columns {
        for l in 0..<k {
            let f = s[l] * b[l * columns + j]
            for i in 0..<rows { c[j * rows + i] += a[l * rows + i] * f }
        }
    }
    return c
}

/// max |A^T B - I| over column-major A, B with `rows` rows and `columns` columns.
func orthogonalityError(_ a: [Double], _ b: [Double], rows: Int, columns: Int) -> Double {
    var worst = 0.0
    for i in 0..<columns {
        for j in 0..<columns {
            var dot = 0.0
            for k in 0..<rows { dot += a[i * rows + k] * b[j * rows + k] }
            worst = max(worst, abs(dot - (i == j ? 1 : 0)))
        }
    }
    return worst
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
