/// The Householder QR factorization A = Q [R; 0] of a tall N x d matrix (N >= d), in Swift with a
/// fixed operation order (`ThinSVD`'s first step). Reflector k is H_k = I - tau_k v_k v_k^T with
/// v_k = (0, ..., 0, 1, v_(k+1), ..., v_(N-1)), chosen as in LAPACK's dlarfg so that
/// H_k maps column k's rows k..N-1 to (beta_k, 0, ..., 0), |beta_k| = their norm; Q = H_0 ... H_(d-1).
/// Backward stable: Q [R; 0] = A + E with ||E||_F <= c N d eps ||A||_F (Higham, Accuracy and Stability
/// of Numerical Algorithms, 2002, Theorem 19.4).
///
/// The trailing columns get the reflectors of a panel of `panel` columns one column at a time: each
/// column meets the reflectors in the order k = 0, 1, ..., exactly as in the column-by-column
/// algorithm (the same bits), but while it sits in cache. Cost 2 N d^2 - 2 d^3 / 3 flops.
package struct TallQR {
    /// Column-major N x d: R on and above the diagonal, the v_k below it.
    private var factored: [Double]
    private var tau: [Double]
    package let rows: Int, columns: Int
    private static let panel = 32

    package init(columnMajor matrix: [Double], rows n: Int, columns d: Int) {
        precondition(n >= d && d >= 1 && matrix.count == n * d)
        rows = n
        columns = d
        factored = matrix
        tau = [Double](repeating: 0, count: d)
        factored.withUnsafeMutableBufferPointer { a in
            let a = a.baseAddress!
            for start in stride(from: 0, to: d, by: Self.panel) {
                let end = min(d, start + Self.panel)
                for k in start..<end {
                    tau[k] = Self.reflector(a + k * n + k, count: n - k)
                    for j in (k + 1)..<max(end, k + 1) { Self.reflect(a + k * n + k, tau[k], a + j * n + k, count: n - k) }
                }
                for j in end..<d {
                    for k in start..<end { Self.reflect(a + k * n + k, tau[k], a + j * n + k, count: n - k) }
                }
            }
        }
    }

    /// R, column-major d x d (zeros below the diagonal).
    package var r: [Double] {
        var r = [Double](repeating: 0, count: columns * columns)
        for j in 0..<columns {
            for i in 0...j { r[j * columns + i] = factored[j * rows + i] }
        }
        return r
    }

    /// Q [B; 0] for a column-major d x c matrix B: N x c, column-major. Columns go through the
    /// reflectors H_(d-1), ..., H_0 in chunks of 16, so each reflector is read once per chunk.
    package func applyQ(toTop b: [Double], columns c: Int) -> [Double] {
        let n = rows, d = columns
        precondition(b.count == d * c)
        var out = [Double](repeating: 0, count: n * c)
        for j in 0..<c {
            for i in 0..<d { out[j * n + i] = b[j * d + i] }
        }
        factored.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { out in
                for start in stride(from: 0, to: c, by: 16) {
                    for k in stride(from: d - 1, through: 0, by: -1) {
                        for j in start..<min(c, start + 16) {
                            Self.reflect(a.baseAddress! + k * n + k, tau[k], out.baseAddress! + j * n + k, count: n - k)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Turns x (count >= 1 entries) into (beta, v_1, ..., v_(count-1)) and returns tau (dlarfg):
    /// tau = 0 when x_1.. are all zero (H = I), else beta = -sign(x_0) ||x||, tau = (beta - x_0) / beta,
    /// v = x / (x_0 - beta).
    static func reflector(_ x: UnsafeMutablePointer<Double>, count: Int) -> Double {
        let alpha = x[0]
        let tailNorm = norm(x + 1, count: count - 1)
        guard tailNorm > 0 else { return 0 }
        let beta = -Double(signOf: alpha, magnitudeOf: LaneDot.hypot(alpha, tailNorm))
        let scale = 1 / (alpha - beta)
        for i in 1..<count { x[i] *= scale }
        x[0] = beta
        return (beta - alpha) / beta
    }

    /// x <- H x for H = I - tau v v^T, v = (1, v[1], ..., v[count-1]).
    @inline(__always)
    static func reflect(_ v: UnsafePointer<Double>, _ tau: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        guard tau != 0 else { return }
        let w = tau * (x[0] + LaneDot.of(v + 1, x + 1, count: count - 1))
        x[0] -= w
        LaneDot.axpy(-w, v + 1, x + 1, count: count - 1)
    }

    /// ||x||_2 without overflow or underflow: the plain sum of squares when it is safely normal,
    /// else the sum of squares of x / max|x_i|.
    private static func norm(_ x: UnsafePointer<Double>, count: Int) -> Double {
        let squares = LaneDot.of(x, x, count: count)
        if squares.isFinite, squares > 1e-280 { return squares.squareRoot() }
        var largest = 0.0
        for i in 0..<count { largest = max(largest, abs(x[i])) }
        guard largest > 0, largest.isFinite else { return largest }
        var sum = 0.0
        for i in 0..<count {
            let y = x[i] / largest
            sum += y * y
        }
        return largest * sum.squareRoot()
    }
}
