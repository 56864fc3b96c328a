import DDLinearAlgebra
import Foundation

/// Gauss-Hermite quadrature for expectations under the standard normal law:
/// E[h(Z)] ~ sum_i weights[i] h(nodes[i]), Z ~ N(0, 1), exact for polynomials of degree < 2m
/// (docs/MATH.md, "Gauss-Hermite quadrature").
///
/// Golub-Welsch: the nodes are the eigenvalues of the Jacobi matrix of the orthonormal
/// (probabilists') Hermite polynomials (zero diagonal, off-diagonal sqrt(k)). As the rule is
/// symmetric, the half-size problem is solved instead: He_m(x) is proportional to
/// x^(m mod 2) L_r^(a)(x^2 / 2) with r = floor(m / 2) and a = -1/2 (m even) or +1/2 (m odd), so the
/// positive nodes are sqrt(2 t) for the eigenvalues t of the generalized Laguerre Jacobi matrix
/// (diagonal 2k + a + 1, off-diagonal sqrt(k (k + a))), computed by `TridiagonalEigenvalues` (implicit QL,
/// values only, O(r^2)), plus the node 0 when m is odd. Each node is then polished by Newton steps on p_m, and
/// its weight is the Christoffel number 1 / sum_{k<m} p_k(x)^2, which equals the squared first
/// component of the normalised eigenvector but needs no eigenvectors (O(m) per node). Here
/// p_0 = 1, p_{k+1} = (x p_k - sqrt(k) p_{k-1}) / sqrt(k+1) and p_m' = sqrt(m) p_{m-1}.
/// Nodes so far out that the sum overflows get weight 0; their true weight is below 1e-300.
package struct GaussHermite: Sendable {
    /// Ascending.
    package let nodes: [Double]
    package let weights: [Double]

    package init(points m: Int) {
        precondition(m >= 1, "Gauss-Hermite needs at least one node")
        let r = m / 2, a = m % 2 == 0 ? -0.5 : 0.5
        var positive: [Double] = []
        if r > 0 {
            let diagonal = (0..<r).map { 2 * Double($0) + a + 1 }
            let offDiagonal = (1..<r).map { (Double($0) * (Double($0) + a)).squareRoot() }
            guard let values = TridiagonalEigenvalues.of(diagonal: diagonal, offDiagonal: offDiagonal) else {
                preconditionFailure("the QL iteration failed to converge on the Hermite recurrence matrix")
            }
            positive = values.sorted().map { (2 * max($0, 0)).squareRoot() }
        }
        let recurrence = Recurrence(m: m)
        var positiveWeights = [Double](repeating: 0, count: r)
        for i in 0..<r {
            for _ in 0..<2 {
                let (pm, pm1, _) = recurrence.evaluate(at: positive[i])
                let derivative = Double(m).squareRoot() * pm1
                guard pm.isFinite, derivative.isFinite, derivative != 0 else { break }
                positive[i] -= pm / derivative
            }
            let christoffel = recurrence.evaluate(at: positive[i]).sumOfSquares
            positiveWeights[i] = christoffel.isFinite ? 1 / christoffel : 0
        }
        let centre = m % 2 == 1 ? [0.0] : []
        let centreWeight = m % 2 == 1 ? [1 / recurrence.evaluate(at: 0).sumOfSquares] : []
        nodes = positive.reversed().map { -$0 } + centre + positive
        weights = positiveWeights.reversed() + centreWeight + positiveWeights
    }

    /// The orthonormal three-term recurrence with its square roots tabulated.
    struct Recurrence {
        let m: Int
        /// root[k] = sqrt(k), inverseRoot[k] = 1 / sqrt(k + 1).
        let root: [Double]
        let inverseRoot: [Double]

        init(m: Int) {
            self.m = m
            root = (0...m).map { Double($0).squareRoot() }
            inverseRoot = (0...m).map { 1 / Double($0 + 1).squareRoot() }
        }

        /// (p_m(x), p_{m-1}(x), sum_{k<m} p_k(x)^2).
        func evaluate(at x: Double) -> (pm: Double, pm1: Double, sumOfSquares: Double) {
            var previous = 0.0, current = 1.0, sum = 0.0
            for k in 0..<m {
                sum += current * current
                let next = (x * current - root[k] * previous) * inverseRoot[k]
                previous = current
                current = next
            }
            return (current, previous, sum)
        }
    }

    /// sum_i w_i h(x_i).
    package func expectation(_ h: (Double) -> Double) -> Double {
        var sum = 0.0
        for (x, w) in zip(nodes, weights) where w > 0 { sum += w * h(x) }
        return sum
    }

    /// E[h(Z)] to an absolute accuracy `tolerance`. Rules with m = 17, 33, 65, ... nodes (odd, so
    /// one node sits at 0 and an h concentrated there is never missed by all of them) are compared
    /// in turn; when two successive rules agree to `tolerance / 2` the finer one is returned (for
    /// analytic h the error falls faster than geometrically in m, so it is then far below the
    /// difference). Returns nil when no two rules up to `maxPoints` nodes agree: h varies on a scale
    /// the rule cannot resolve, and no value is better than a wrong one.
    package static func adaptiveExpectation(tolerance: Double = 1e-12, maxPoints: Int = 8193,
                                           _ h: (Double) -> Double) -> (value: Double, points: Int)? {
        var m = 17
        var previous = GaussHermite(points: m).expectation(h)
        while 2 * m - 1 <= maxPoints {
            m = 2 * m - 1
            let value = GaussHermite(points: m).expectation(h)
            if abs(value - previous) <= 0.5 * tolerance { return (value, m) }
            previous = value
        }
        return nil
    }
}
