import DDModel
import DDRandom

/// Exact draws of designs whose rows come from a data set (D uniform on the N rows of A), in
/// Sigma's eigenbasis (docs/MATH.md, "Finite populations"). Designs are drawn as row indices first
/// (`surrogateRows`, `iidRows`), then copied from `FinitePopulation.eigenRows`.
///
/// - n < d: the surrogate is the L-ensemble L = (gamma_n / N) A A^T = U diag(gamma_n s_i) U^T, whose
///   nonzero eigenvalues are mu_i = gamma_n s_i with eigenvectors u_i (columns of U). Spectral
///   algorithm: keep u_i independently with probability mu_i / (mu_i + 1) = s_i / (s_i + lambda_n),
///   the same probabilities as the Gaussian plan, then draw the projection DPP on the kept u_i.
/// - n >= d: volume sampling of d rows (the projection DPP with kernel A (A^T A)^-1 A^T = U U^T),
///   plus Poisson(n - d) rows uniform with replacement.
/// - the regularized surrogate at (n, lambda): the L-ensemble at level kappa plus Poisson(gamma) rows
///   uniform with replacement (docs/MATH.md, "Ridge at any lambda").
/// - i.i.d.: rows uniform with replacement.
///
/// Each draw allocates its O(N k) working storage: the projection DPP costs O(N k^2) anyway.
package struct FinitePopulationSampler: DesignSampler {
    package let population: FinitePopulation
    package var eigenvalues: [Double] { population.covariance.eigenvalues }

    package init(population: FinitePopulation) {
        self.population = population
    }

    /// The row indices of one surrogate draw: first the determinantal rows (in uniformly random
    /// order), then for n > d the Poisson(n - d) uniform rows; with `shuffled` all in random order.
    package func surrogateRows(_ plan: SurrogatePlan, shuffled: Bool, using rng: inout RandomStream) -> [Int] {
        var selected = [Int](repeating: 0, count: d)
        let (kept, extra) = selected.withUnsafeMutableBufferPointer { plan.select(into: $0.baseAddress!, d: d, using: &rng) }
        var rows = ProjectionDPPSampler.sample(basis: population.leftVectors, items: population.count,
                                               columns: Array(selected[..<kept]), using: &rng)
        for _ in 0..<extra { rows.append(rng.index(below: population.count)) }
        if shuffled && extra > 0 { rows.shuffle(using: &rng) }
        return rows
    }

    /// The row indices of one draw of the design `plan` names.
    package func rows(_ plan: DesignPlan, shuffled: Bool, using rng: inout RandomStream) -> [Int] {
        switch plan {
        case .surrogate(let plan): return surrogateRows(plan, shuffled: shuffled, using: &rng)
        case .iid(let k): return iidRows(k, using: &rng)
        }
    }

    /// k row indices uniform with replacement.
    package func iidRows(_ k: Int, using rng: inout RandomStream) -> [Int] {
        (0..<k).map { _ in rng.index(below: population.count) }
    }

    package func drawIID(rows k: Int, into workspace: DesignWorkspace, using rng: inout RandomStream) {
        copy(iidRows(k, using: &rng), into: workspace)
    }

    package func drawSurrogate(_ plan: SurrogatePlan, rotateRows: Bool, into workspace: DesignWorkspace,
                              using rng: inout RandomStream) {
        copy(surrogateRows(plan, shuffled: rotateRows, using: &rng), into: workspace)
    }

    /// The chosen rows in eigen coordinates, column-major with leading dimension rows.count.
    package func copy(_ rows: [Int], into workspace: DesignWorkspace) {
        let k = rows.count, n = population.count
        workspace.prepare(rows: k)
        let a = workspace.matrix.pointer
        population.eigenRows.withUnsafeBufferPointer { b in
            for c in 0..<d {
                for (i, row) in rows.enumerated() { a[i + c * k] = b[row + c * n] }
            }
        }
    }
}
