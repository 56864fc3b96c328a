extension ClosedFormCalculator {
    /// The penalty lambda = kappa (n - df1(kappa)) whose fixed point at n is `kappa`: the inverse of the
    /// root that `ridgeEquivalent(n:lambda:)` solves (docs/MATH.md, "Ridge at any lambda", and "The
    /// design-based risk of a data set's ridge fits"), on the model's scale. nil where `kappa` is not
    /// on the admissible branch, kappa < kappa* (n - df2(kappa) < 0, or kappa <= -s_d), where no
    /// penalty at n has it as its fixed point. n - df1 is the compensated sum of `RidgeKappaSolver`.
    /// Throws `ModelError.invalidSampleSize` for a bad n.
    public func ridgeLambda(n: Double, kappa: Double) throws -> Double? {
        try Self.check(n: n)
        let ridge = RidgeKappaSolver(eigenvalues: normalised.eigenvalues)
        let k = scale.normalised(kappa)
        guard k.isFinite, k + normalised.eigenvalues[normalised.d - 1] > 0 else { return nil }
        let sums = ridge.sums(n: n, kappa: k)
        guard sums.gap2 >= 0 else { return nil }
        return scale.original(k * sums.gap)
    }
}

extension ClosedFormCalculator {
    /// For a data-set model of N rows: the subsample penalty at n whose mean fit under the regularized
    /// surrogate design is the full-data ridge fit (A^T A + `fullDataLambda` I)^-1 A^T b, that is
    /// `ridgeLambda(n:kappa:)` at kappa = `fullDataLambda` / N (docs/MATH.md, "The design-based risk of
    /// a data set's ridge fits"); nil where that kappa is below kappa*, or for a model that is not a data set.
    public func subsampleLambda(n: Double, fullDataLambda: Double) throws -> Double? {
        guard let rows = model.population?.count else { return nil }
        return try ridgeLambda(n: n, kappa: fullDataLambda / Double(rows))
    }
}
