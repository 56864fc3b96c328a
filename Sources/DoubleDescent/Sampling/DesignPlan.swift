import DDRandom

/// How each design of a Monte Carlo is drawn: the surrogate design by its `SurrogatePlan`, or a fixed
/// number of i.i.d. rows (docs/MATH.md, "Exact sampling"). The one place that dispatches on the design.
package enum DesignPlan: Sendable {
    case surrogate(SurrogatePlan)
    case iid(rows: Int)

    /// The largest row count a draw is likely to need (the Poisson tail for a surrogate with n > d);
    /// per-thread buffers are sized for it.
    package func typicalMaximumRows(d: Int) -> Int {
        switch self {
        case .surrogate(let plan): return plan.typicalMaximumRows(d: d)
        case .iid(let rows): return rows
        }
    }

    /// One draw of the design by `sampler` into `workspace`.
    package func draw(with sampler: any DesignSampler, rotateRows: Bool, into workspace: DesignWorkspace,
                      using rng: inout RandomStream) {
        switch self {
        case .surrogate(let plan): sampler.drawSurrogate(plan, rotateRows: rotateRows, into: workspace, using: &rng)
        case .iid(let rows): sampler.drawIID(rows: rows, into: workspace, using: &rng)
        }
    }

    /// The row count K of a draw, drawn here for the surrogate design: the spectral selection
    /// (`SurrogatePlan.select`, into `selected`) for n < d, d + Poisson(n - d) for n >= d.
    package func rowCount(d: Int, selected: UnsafeMutablePointer<Int>, using rng: inout RandomStream) -> Int {
        selection(d: d, selected: selected, using: &rng).rows
    }

    /// The row count K and the number of kept directions (the first `kept` entries of `selected`;
    /// 0 for i.i.d. rows), drawn as `rowCount` draws them: the same stream, the same K.
    package func selection(d: Int, selected: UnsafeMutablePointer<Int>,
                           using rng: inout RandomStream) -> (rows: Int, kept: Int) {
        switch self {
        case .iid(let rows): return (rows, 0)
        case .surrogate(let plan):
            let (kept, extraRows) = plan.select(into: selected, d: d, using: &rng)
            return (kept + extraRows, kept)
        }
    }
}
