import DDModel
import DDRandom

/// Exact draws of the two designs for one feature law, in Sigma's eigenbasis: a row is
/// x = diag(sqrt(s)) z with z from the law (docs/MATH.md, "Exact sampling").
///
/// `rotateRows` asks for the rows' full exchangeable law (a Haar rotation or a uniformly random row
/// order). The min-norm errors depend on a design only through X^T X, which neither changes, so the
/// Monte Carlo passes false; `ddcalc sample` and anything that uses the rows themselves pass true.
package protocol DesignSampler: Sendable {
    /// s_1 >= ... >= s_d > 0.
    var eigenvalues: [Double] { get }

    /// `rows` i.i.d. rows.
    func drawIID(rows: Int, into workspace: DesignWorkspace, using rng: inout RandomStream)

    /// One draw of the surrogate design S_n, its rows chosen by `plan`.
    func drawSurrogate(_ plan: SurrogatePlan, rotateRows: Bool, into workspace: DesignWorkspace,
                       using rng: inout RandomStream)
}

extension DesignSampler {
    package var d: Int { eigenvalues.count }
}

extension RegressionModel {
    /// The exact sampler of this model's feature law: the data set's rows when there is one
    /// (`FinitePopulationSampler`), else the sampler of `features`.
    package func makeSampler() -> any DesignSampler {
        if let population { return FinitePopulationSampler(population: population) }
        return features.sampler(eigenvalues: eigenvalues)
    }
}
