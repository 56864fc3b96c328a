import DDLinearAlgebra

/// The m-point Gauss-Legendre rule on [-1, 1]: sum_i weights[i] h(nodes[i]) ~ int_{-1}^{1} h, exact
/// for polynomials of degree < 2m (docs/MATH.md, "Exact ridge risk of isotropic Gaussian rows").
///
/// Golub-Welsch: the nodes are the eigenvalues of the Legendre Jacobi matrix (zero diagonal,
/// off-diagonal k / sqrt(4k^2 - 1)), by `TridiagonalEigenvalues`, each polished by three Newton steps
/// on P_m (P_{k+1} = ((2k+1) x P_k - k P_{k-1}) / (k+1), P_m' = m (x P_m - P_{m-1}) / (x^2 - 1));
/// the weight is 2 / ((1 - x^2) P_m'(x)^2). Only + - * / and sqrt: the same bits on every machine.
package struct GaussLegendre: Sendable {
    /// Ascending.
    package let nodes: [Double]
    package let weights: [Double]

    package init(points m: Int) {
        precondition(m >= 2, "Gauss-Legendre needs at least two nodes")
        let offDiagonal = (1..<m).map { k -> Double in
            let k = Double(k)
            return k / (4 * k * k - 1).squareRoot()
        }
        guard let values = TridiagonalEigenvalues.of(diagonal: [Double](repeating: 0, count: m),
                                                     offDiagonal: offDiagonal) else {
            preconditionFailure("the QL iteration failed to converge on the Legendre recurrence matrix")
        }
        var nodes: [Double] = []
        var weights: [Double] = []
        for var x in values.sorted() {
            var derivative = 0.0
            for _ in 0..<3 {
                let (pm, pm1) = Self.legendre(m, at: x)
                derivative = Double(m) * (x * pm - pm1) / (x * x - 1)
                x -= pm / derivative
            }
            let (pm, pm1) = Self.legendre(m, at: x)
            derivative = Double(m) * (x * pm - pm1) / (x * x - 1)
            nodes.append(x)
            weights.append(2 / ((1 - x * x) * derivative * derivative))
        }
        self.nodes = nodes
        self.weights = weights
    }

    /// (P_m(x), P_{m-1}(x)) by the three-term recurrence.
    private static func legendre(_ m: Int, at x: Double) -> (Double, Double) {
        var previous = 1.0, current = x
        for k in 1..<m {
            let k = Double(k)
            (previous, current) = (current, ((2 * k + 1) * x * current - k * previous) / (k + 1))
        }
        return (current, previous)
    }
}
