/// Draws exact designs of a feature law into a reusable `DesignWorkspace`, in Sigma's eigenbasis
/// (docs/MATH.md, "Exact sampling"). `MonteCarloSimulator` and `DesignDraw` work through this
/// protocol, so a continuous law (`GaussianDesignSampler`) and a data set
/// (`FinitePopulationSampler`) are simulated by the same loop.
public protocol DesignSampler: Sendable {
    /// Columns of every design.
    var d: Int { get }

    /// `k` i.i.d. rows of the feature law.
    func drawIID(rows k: Int, into workspace: DesignWorkspace, using rng: inout RandomStream)

    /// One draw of the surrogate design S_n as `plan` describes it. Without `rotateRows` the rows
    /// may be in a non-exchangeable order (or rotated): fine for errors, which depend on X^T X only.
    func drawSurrogate(_ plan: SurrogatePlan, rotateRows: Bool, into workspace: DesignWorkspace,
                       using rng: inout RandomStream)
}

extension GaussianDesignSampler: DesignSampler {}

extension RegressionModel {
    /// The exact sampler of this model's feature law: the data set's rows when there is one,
    /// Gaussian features otherwise.
    public func makeSampler() -> any DesignSampler {
        if let population { return FinitePopulationSampler(population: population) }
        return GaussianDesignSampler(eigenvalues: eigenvalues)
    }
}
