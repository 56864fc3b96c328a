import DDElementary

extension ClosedFormCalculator {
    /// The penalty that minimises the deterministic equivalent of the ridge risk at n for this w* and
    /// the calculator's risk (docs/MATH.md, "Ridge at any lambda"), over lambda > lambda_min; nil when
    /// the equivalent keeps falling as lambda grows (w* = 0: the optimum is lambda = infinity).
    ///
    /// lambda(kappa) = kappa (n - df1(kappa)) increases on kappa > kappa*, so the search runs over
    /// u = log10(kappa - kappa*) on the normalised model: a scan of u in [-12, 12] in steps of 1/20, then
    /// a golden-section search between the neighbours of the best scanned point (the argmin of a smooth
    /// minimum is known to about sqrt(eps) relative).
    public func deOptimalLambda(n: Double) throws -> Double? {
        try Self.check(n: n)
        let ridge = RidgeKappaSolver(eigenvalues: normalised.eigenvalues)
        let kappaStar = ridge.kappaStar(n: n), sigma2 = normalised.sigma * normalised.sigma
        func risk(_ u: Double) -> (risk: Double, lambda: Double) {
            let kappa = kappaStar + Elementary.pow(10, u)
            let sums = ridge.sums(n: n, kappa: kappa, weights: normalised.wEigen)
            let lambda = kappa * sums.gap
            let de = Self.ridgeEquivalent(n: n, lambda: lambda, kappa: kappa, sums: sums, sigma2: sigma2, risk: self.risk)
            return (de.map { $0.bias + $0.variance } ?? .infinity, lambda)
        }
        let grid = stride(from: -12.0, through: 12.0, by: 0.05).map { $0 }
        let values = grid.map { risk($0).risk }
        guard let best = values.indices.min(by: { values[$0] < values[$1] }), best < grid.count - 1 else { return nil }
        var low = grid[max(best - 1, 0)], high = grid[best + 1]
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var fa = risk(a).risk, fb = risk(b).risk
        for _ in 0..<80 where high - low > 1e-12 {
            if fa <= fb {
                high = b; b = a; fb = fa
                a = high - ratio * (high - low); fa = risk(a).risk
            } else {
                low = a; a = b; fa = fb
                b = low + ratio * (high - low); fb = risk(b).risk
            }
        }
        return scale.original(risk(0.5 * (low + high)).lambda)
    }
}
