import DDModel
import DDRandom

/// One design drawn on its own, in original coordinates, with responses: what `ddcalc sample` prints.
public struct DesignDraw {
    /// K x d, row-major, original coordinates.
    public let rows: [[Double]]
    /// y = X w* + xi, xi ~ N(0, sigma^2 I); for a data set with a response column, that column's
    /// values plus xi.
    public let responses: [Double]
    /// The noise-free responses: `responses` without xi (X w*, or the data set's response column).
    public let cleanResponses: [Double]

    /// Draws design `design` at expected size n from the stream (seed, bits of n, design, draw):
    /// each draw is a function of the seed and its index alone. The surrogate draw includes its
    /// Haar rotation and random row order, so the printed rows have the design's full law (the
    /// Monte Carlo skips them, as they do not change its errors). The surrogate below d needs
    /// `lambda` = lambda_n (`ClosedForms.lambda`). With `regularized` (kappa > 0 and gamma >= 0 on the
    /// model's scale, `RidgeEquivalent`) the surrogate is the regularized surrogate design at that
    /// ridge penalty (docs/MATH.md, "Ridge at any lambda"). Throws `ModelError` for a bad n or lambda.
    public init(model: RegressionModel, design: DesignKind, n: Double, lambda: Double?, seed: UInt64, draw: UInt64 = 0,
                regularized: (kappa: Double, gamma: Double)? = nil) throws {
        try SampleSizeLimit.check(n)
        switch design {
        case .surrogate where n < Double(model.d):
            guard let lambda, lambda >= 0, lambda.isFinite else { throw ModelError.invalidLambda(lambda) }
        case .iid:
            guard n == n.rounded() else { throw ModelError.nonIntegerSampleSize(n) }
        default: break
        }
        if let population = model.population {
            (rows, cleanResponses, responses) = try Self.dataRows(population, model: model, design: design,
                                                                  plan: Self.plan(model, n: n, lambda: lambda, regularized: regularized),
                                                                  n: n, seed: seed, draw: draw)
            return
        }
        let sampler = model.features.sampler(eigenvalues: model.eigenvalues)
        var rng = RandomStream(seed: seed, keys: [n.bitPattern, design.streamKey, draw])
        let plan = Self.plan(model, n: n, lambda: lambda, regularized: regularized)
        let workspace = DesignWorkspace(d: model.d, maxRows: plan.typicalMaximumRows(d: model.d))
        switch design {
        case .surrogate:
            sampler.drawSurrogate(plan, rotateRows: true, into: workspace, using: &rng)
        case .iid:
            sampler.drawIID(rows: Int(n), into: workspace, using: &rng)
        }
        let k = workspace.rows, d = model.d
        let original = model.covariance.designToOriginal(columnMajor: workspace.copy(rowMajor: false), rows: k)
        rows = (0..<k).map { i in (0..<d).map { j in original[i + j * k] } }
        cleanResponses = rows.map { row in zip(row, model.wOriginal).reduce(0) { $0 + $1.0 * $1.1 } }
        responses = cleanResponses.map { $0 + model.sigma * rng.normal() }
    }

    /// A draw from a data set: the chosen rows exactly as in the file, in random order, their
    /// noise-free responses (the data's column when it has one, else x^T w*) and those plus noise.
    /// The surrogate's plan: S_n, or the regularized surrogate design at (kappa, gamma).
    private static func plan(_ model: RegressionModel, n: Double, lambda: Double?,
                             regularized: (kappa: Double, gamma: Double)?) -> SurrogatePlan {
        regularized.map { SurrogatePlan(kappa: $0.kappa, gamma: $0.gamma, eigenvalues: model.eigenvalues) }
            ?? SurrogatePlan(n: n, lambda: lambda, eigenvalues: model.eigenvalues)
    }

    private static func dataRows(_ population: FinitePopulation, model: RegressionModel, design: DesignKind, plan: SurrogatePlan,
                                 n: Double, seed: UInt64, draw: UInt64) throws -> ([[Double]], [Double], [Double]) {
        let sampler = FinitePopulationSampler(population: population)
        var rng = RandomStream(seed: seed, keys: [n.bitPattern, design.streamKey, draw])
        let indices: [Int]
        switch design {
        case .surrogate:
            indices = sampler.surrogateRows(plan, shuffled: true, using: &rng)
        case .iid:
            indices = sampler.iidRows(Int(n), using: &rng)
        }
        let rows = indices.map { population.rows[$0] }
        let clean = zip(indices, rows).map { index, row in
            population.responses?[index] ?? zip(row, model.wOriginal).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return (rows, clean, clean.map { $0 + model.sigma * rng.normal() })
    }
}
