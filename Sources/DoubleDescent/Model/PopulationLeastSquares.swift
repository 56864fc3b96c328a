/// A data set's own linear model (docs/MATH.md, "The design-based risk of a data set's ridge fits"):
/// D uniform on the rows a_j of A, w* = A^+ b the least-squares fit of the response column b, and
/// sigma^2 = ||b - A w*||^2 / N the residual's mean square over the population.
extension RegressionModel {
    /// Through the population's SVD A = U diag(sv) W^T: w_i = (U^T b)_i / sv_i in Sigma's eigenbasis,
    /// and the residual b - U U^T b summed row by row (not ||b||^2 - ||U^T b||^2, which cancels).
    public init(population: FinitePopulation, leastSquaresOf b: [Double]) {
        precondition(b.count == population.count, "one response per row")
        let n = population.count, d = population.d, u = population.leftVectors
        let z = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + u[$1 + j * n] * b[$1] } }
        var residual = 0.0
        for i in 0..<n {
            let r = b[i] - (0..<d).reduce(0.0) { $0 + u[i + $1 * n] * z[$1] }
            residual += r * r
        }
        covariance = population.covariance
        wEigen = (0..<d).map { z[$0] / population.singularValues[$0] }
        wOriginal = covariance.toOriginal(wEigen)
        wNormSquared = wEigen.reduce(0) { $0 + $1 * $1 }
        sigma = (residual / Double(n)).squareRoot()
        wstar = .leastSquares
        wnorm = wNormSquared.squareRoot()
        features = .gaussian
        self.population = population
    }
}
