/// The reference linear solve of the tests: Gaussian elimination with partial pivoting on a dense
/// m x m system, independent of the library's kernels (and valid for indefinite systems, such as a
/// ridge system at a negative penalty).
enum GaussianElimination {
    /// x with a x = b.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var a = a, b = b
        let m = b.count
        for p in 0..<m {
            let pivot = (p..<m).max { abs(a[$0][p]) < abs(a[$1][p]) }!
            a.swapAt(p, pivot)
            b.swapAt(p, pivot)
            for i in (p + 1)..<max(m, p + 1) {
                let f = a[i][p] / a[p][p]
                for j in p..<m { a[i][j] -= f * a[p][j] }
                b[i] -= f * b[p]
            }
        }
        var x = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) {
            var t = b[i]
            for j in (i + 1)..<m { t -= a[i][j] * x[j] }
            x[i] = t / a[i][i]
        }
        return x
    }
}
