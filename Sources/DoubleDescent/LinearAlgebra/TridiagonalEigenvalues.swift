/// The eigenvalues of a real symmetric tridiagonal matrix by the implicit QL iteration with
/// Wilkinson shifts (values only; Bowdler, Martin, Reinsch and Wilkinson, "The QR and QL algorithms
/// for symmetric matrices", Numer. Math. 11, 1968, the algorithm of LAPACK's dsteqr without
/// vectors), in our own code with a fixed operation order (README.md, "Own kernels, fixed order").
///
/// An off-diagonal e_j counts as zero once |e_j| <= eps (|d_j| + |d_(j+1)|); each eigenvalue gets
/// at most 30 iterations. Plane rotations use `hypot`, a scaled sqrt(a^2 + b^2) of our own
/// (no libm call), so the bits depend on the inputs only.
package enum TridiagonalEigenvalues {
    static let maximumIterations = 30

    /// The eigenvalues (ascending) of the matrix with this diagonal and off-diagonal
    /// (`offDiagonal.count == diagonal.count - 1`), or nil if the QL iteration did not converge.
    package static func of(diagonal: [Double], offDiagonal: [Double]) -> [Double]? {
        precondition(offDiagonal.count + 1 == diagonal.count, "n diagonal and n - 1 off-diagonal entries")
        let n = diagonal.count
        var d = diagonal, e = offDiagonal + [0]
        for l in 0..<n {
            var iterations = 0
            while true {
                // The first negligible off-diagonal at or after l splits the matrix.
                var m = l
                while m < n - 1 && abs(e[m]) > .ulpOfOne * (abs(d[m]) + abs(d[m + 1])) { m += 1 }
                if m == l { break }
                guard iterations < maximumIterations else { return nil }
                iterations += 1
                // Wilkinson shift from the leading 2 x 2 block, then one implicit QL sweep from m up to l.
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = hypot(g, 1)
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i]
                    let b = c * e[i]
                    r = hypot(f, g)
                    e[i + 1] = r
                    if r == 0 {
                        // Underflow: e[i + 1] is zero, so the sweep stops and the iteration restarts.
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
        return d.sorted()
    }

    /// sqrt(a^2 + b^2) without overflow or underflow, by scaling with the larger magnitude.
    static func hypot(_ a: Double, _ b: Double) -> Double {
        let x = abs(a), y = abs(b)
        let large = max(x, y), small = min(x, y)
        guard large > 0, large.isFinite else { return large }
        let ratio = small / large
        return large * (1 + ratio * ratio).squareRoot()
    }
}
