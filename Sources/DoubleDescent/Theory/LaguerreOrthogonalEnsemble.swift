import DDElementary

/// The Laguerre orthogonal ensemble LOE(N, M): the eigenvalues of an N x N real Wishart matrix with
/// M >= N degrees of freedom and identity scale, joint density proportional to
/// prod_{i<j} |x_i - x_j| prod_i w(x_i), w(x) = x^((a-1)/2) e^(-x/2), a = M - N. Its linear
/// statistics E sum_i f(x_i) follow from de Bruijn's Pfaffian integration formula as
/// (1/2) tr(A^-1 B) (docs/MATH.md, "Exact ridge risk of isotropic Gaussian rows"):
///
/// - the basis of w times the polynomials of degree < N is phi_0 = w / int w and
///   phi_{m+1} = psi_m' (m < N - 1), with psi_m the orthonormal Laguerre functions of order a + 1
///   (three-term recurrence, never monomials), so that eps[psi_m'] = -2 psi_m and
///   eps[phi_0] = Q(s, x/2) - P(s, x/2), s = (a + 1)/2, where eps[g](x) = int sign(y - x) g(y) dy;
/// - A_jk = int phi_j eps[phi_k], B_jk = int f (phi_j eps[phi_k] - phi_k eps[phi_j]), bordered for
///   odd N by int phi_j = (1, 0, ..., 0) and its derivative int f phi_j;
/// - every integral by Gauss-Legendre panels in t = sqrt(x) (no half-integer powers remain):
///   uniform panels of width 1/2 up to sqrt(4 (M + N) + 60 sqrt(M + N) + 200), past every
///   eigenvalue's reach, and below the first one panels halving down to sqrt(`scale`)/64, where
///   1/(x + lambda) with lambda = `scale` varies.
///
/// The functions are passed with their derivatives: the border terms are integrated by parts
/// (int f psi_m' eps[phi_0] = -int psi_m (f' eps[phi_0] - 2 f phi_0)) so that no derivative of a
/// product is needed.
package struct LaguerreOrthogonalEnsemble {
    /// N, the matrix size.
    package let size: Int
    /// M >= N, the degrees of freedom.
    package let degreesOfFreedom: Int

    /// A linear statistic f and its derivative f'.
    package struct Statistic {
        package let value: (Double) -> Double
        package let derivative: (Double) -> Double

        package init(value: @escaping (Double) -> Double, derivative: @escaping (Double) -> Double) {
            self.value = value
            self.derivative = derivative
        }
    }

    /// The Gauss-Legendre rule of every panel and the uniform panels' width in t.
    let rule: GaussLegendre
    let width: Double

    /// The ensemble with the validated quadrature (24 points per panel of width 1/2); tests pass
    /// finer rules to measure its convergence.
    package init(size: Int, degreesOfFreedom: Int, points: Int = 24, width: Double = 0.5) {
        precondition(size >= 1 && degreesOfFreedom >= size, "LOE needs 1 <= N <= M")
        self.size = size
        self.degreesOfFreedom = degreesOfFreedom
        rule = GaussLegendre(points: points)
        self.width = width
    }

    /// The quadrature nodes x = t^2 and weights (for dx) with panels graded at `scale` (0: none).
    func nodes(gradedAt scale: Double) -> (x: [Double], weight: [Double]) {
        let sum = Double(size + degreesOfFreedom)
        let tMax = (4 * sum + 60 * sum.squareRoot() + 200).squareRoot()
        var cuts: [Double] = [0]
        let inner = scale.squareRoot() / 64
        var geometric: [Double] = []
        var edge = width
        while inner > 0, edge / 2 > inner {
            edge /= 2
            geometric.append(edge)
        }
        cuts += geometric.reversed()
        var t = width
        while t < tMax {
            cuts.append(t)
            t += width
        }
        cuts.append(t)
        var x: [Double] = [], weight: [Double] = []
        for panel in 0..<(cuts.count - 1) {
            let half = (cuts[panel + 1] - cuts[panel]) / 2, mid = (cuts[panel + 1] + cuts[panel]) / 2
            for (z, q) in zip(rule.nodes, rule.weights) {
                let t = mid + half * z
                x.append(t * t)
                weight.append(2 * t * half * q)
            }
        }
        return (x, weight)
    }

    /// E sum_i f(x_i) for each statistic, with the quadrature graded at `scale` (the lambda of
    /// 1/(x + lambda); 0 for statistics smooth at x = 0).
    package func expectations(of statistics: [Statistic], gradedAt scale: Double) -> [Double] {
        let n = size, k = size - 1, a = Double(degreesOfFreedom - size)
        let alpha = a + 1, s = alpha / 2
        let logNorm = s * Elementary.log(2) + Elementary.logGamma(s)
        let logNormPsi = Elementary.logGamma(alpha + 1)
        let (xs, qs) = nodes(gradedAt: scale)
        let count = statistics.count
        var c = [Double](repeating: 0, count: k * k), v = [Double](repeating: 0, count: k)
        // Per statistic j: p[j k^2 + l k + m] = int f psi_l' psi_m, border[j k + l], oddBorder[j k + l].
        var p = [Double](repeating: 0, count: count * k * k)
        var border = [Double](repeating: 0, count: count * k), oddBorder = border
        var oddCorner = [Double](repeating: 0, count: count)
        var psi = [Double](repeating: 0, count: k), dpsi = psi
        for (x, q) in zip(xs, qs) {
            let logX = Elementary.log(x)
            let w0 = Elementary.exp((a - 1) / 2 * logX - x / 2 - logNorm)
            let tails = IncompleteGamma.regularized(s, x / 2)
            let e = tails.q - tails.p
            Self.laguerreFunctions(x: x, logX: logX, alpha: alpha, logNorm: logNormPsi, psi: &psi, derivative: &dpsi)
            psi.withUnsafeBufferPointer { psi in
                for l in 0..<k {
                    v[l] += q * w0 * psi[l]
                    c.withUnsafeMutableBufferPointer { Self.add(q * dpsi[l], psi, to: $0.baseAddress! + l * k) }
                }
                for (j, statistic) in statistics.enumerated() {
                    let f = statistic.value(x), fp = statistic.derivative(x)
                    oddCorner[j] += q * w0 * f
                    let b = q * (-4 * f * w0 + fp * e), du = -q * fp
                    border.withUnsafeMutableBufferPointer { Self.add(b, psi, to: $0.baseAddress! + j * k) }
                    oddBorder.withUnsafeMutableBufferPointer { Self.add(du, psi, to: $0.baseAddress! + j * k) }
                    p.withUnsafeMutableBufferPointer { p in
                        for l in 0..<k { Self.add(q * f * dpsi[l], psi, to: p.baseAddress! + (j * k + l) * k) }
                    }
                }
            }
        }
        let order = n % 2 == 0 ? n : n + 1
        var matrix = [Double](repeating: 0, count: order * order)
        for m in 0..<k {
            matrix[m + 1] = -2 * v[m]
            matrix[(m + 1) * order] = 2 * v[m]
            for l in 0..<k { matrix[(l + 1) * order + m + 1] = -2 * c[l * k + m] }
        }
        if n % 2 == 1 {
            matrix[n] = 1
            matrix[n * order] = -1
        }
        let inverse = Self.inverse(matrix, order: order)
        return statistics.indices.map { j in
            var b = [Double](repeating: 0, count: order * order)
            for m in 0..<k {
                b[m + 1] = border[j * k + m]
                b[(m + 1) * order] = -border[j * k + m]
                for l in 0..<k {
                    b[(l + 1) * order + m + 1] = -2 * (p[(j * k + l) * k + m] - p[(j * k + m) * k + l])
                }
            }
            if n % 2 == 1 {
                b[n] = oddCorner[j]
                b[n * order] = -oddCorner[j]
                for m in 0..<k {
                    b[(m + 1) * order + n] = oddBorder[j * k + m]
                    b[n * order + m + 1] = -oddBorder[j * k + m]
                }
            }
            var trace = 0.0
            for i in 0..<order {
                for l in 0..<order { trace += inverse[i * order + l] * b[l * order + i] }
            }
            return trace / 2
        }
    }

    /// row[m] += scale * psi[m] for every m: one rank-one update of a quadrature sum.
    @inline(__always)
    private static func add(_ scale: Double, _ psi: UnsafeBufferPointer<Double>, to row: UnsafeMutablePointer<Double>) {
        for m in 0..<psi.count { row[m] += scale * psi[m] }
    }

    /// psi_m(x) = sqrt(m!/Gamma(m + alpha + 1)) x^(alpha/2) e^(-x/2) L_m^alpha(x) and psi_m'(x) for
    /// m < psi.count, by psi_{m+1} = ((2m + alpha + 1 - x) psi_m - sqrt(m (m + alpha)) psi_{m-1}) /
    /// sqrt((m + 1)(m + 1 + alpha)) and x psi_m' = (alpha/2 - x/2 + m) psi_m - sqrt(m (m + alpha)) psi_{m-1}.
    static func laguerreFunctions(x: Double, logX: Double, alpha: Double, logNorm: Double,
                                  psi: inout [Double], derivative: inout [Double]) {
        let count = psi.count
        guard count > 0 else { return }
        psi[0] = Elementary.exp((alpha * logX - x - logNorm) / 2)
        derivative[0] = (alpha / 2 - x / 2) * psi[0] / x
        guard count > 1 else { return }
        psi[1] = (alpha + 1 - x) * psi[0] / (1 + alpha).squareRoot()
        for m in 1..<count {
            let mm = Double(m)
            let coupling = (mm * (mm + alpha)).squareRoot()
            if m + 1 < count {
                psi[m + 1] = ((2 * mm + alpha + 1 - x) * psi[m] - coupling * psi[m - 1])
                    / ((mm + 1) * (mm + 1 + alpha)).squareRoot()
            }
            derivative[m] = ((alpha / 2 - x / 2 + mm) * psi[m] - coupling * psi[m - 1]) / x
        }
    }

    /// The inverse of the row-major `order` x `order` matrix by Gauss-Jordan elimination with partial
    /// pivoting (A is skew-symmetric and invertible: its Pfaffian is the ensemble's normalisation).
    static func inverse(_ matrix: [Double], order: Int) -> [Double] {
        var a = matrix
        var result = [Double](repeating: 0, count: order * order)
        for i in 0..<order { result[i * order + i] = 1 }
        for column in 0..<order {
            var pivot = column
            for row in column..<order where abs(a[row * order + column]) > abs(a[pivot * order + column]) { pivot = row }
            if pivot != column {
                for j in 0..<order {
                    a.swapAt(pivot * order + j, column * order + j)
                    result.swapAt(pivot * order + j, column * order + j)
                }
            }
            let scale = 1 / a[column * order + column]
            for j in 0..<order {
                a[column * order + j] *= scale
                result[column * order + j] *= scale
            }
            for row in 0..<order where row != column {
                let factor = a[row * order + column]
                guard factor != 0 else { continue }
                for j in 0..<order {
                    a[row * order + j] -= factor * a[column * order + j]
                    result[row * order + j] -= factor * result[column * order + j]
                }
            }
        }
        return result
    }
}
