import DDRandom

/// Exact draws of Gaussian designs in Sigma's eigenbasis: a row is x = diag(sqrt(s)) z with
/// z ~ N(0, I) (docs/MATH.md, "Exact sampling"). Rows in the original coordinates are x^T V^T;
/// `DesignWorkspace` holds eigen coordinates, and `CovarianceModel.designToOriginal` maps a copy
/// of them to the original ones (as `DesignDraw` does for `ddcalc sample`).
///
/// The errors of the min-norm estimator depend on a design only through X^T X, which a left rotation
/// of the rows does not change; the Monte Carlo therefore skips the Haar factor of the surrogate's
/// determinantal block (`rotateRows: false`), while `ddcalc sample` (`DesignDraw`) and the ridge
/// check (`RidgeMonteCarlo`, whose responses are functions of the rows) draw it.
package struct GaussianDesignSampler: DesignSampler {
    package let eigenvalues: [Double]
    package let rootEigenvalues: [Double]

    package init(eigenvalues: [Double]) {
        self.eigenvalues = eigenvalues
        rootEigenvalues = eigenvalues.map { $0.squareRoot() }
    }

    /// n i.i.d. rows.
    package func drawIID(rows k: Int, into workspace: DesignWorkspace, using rng: inout RandomStream) {
        workspace.prepare(rows: k)
        let a = workspace.matrix.pointer
        rng.fillNormal(UnsafeMutableBufferPointer(start: a, count: k * d))
        workspace.scaleColumns(by: rootEigenvalues)
    }

    /// One draw of the surrogate design S_n.
    ///
    /// The kept directions S (k of them) carry a k x k block C = Q R whose law is the Gaussian one
    /// reweighted by det(C)^2: R upper triangular with R_jj ~ chi(k - j + 3) (j = 1..k) and standard
    /// normal entries above the diagonal, Q Haar on O(k). The other columns of those k rows are
    /// independent N(0, 1). For n > d, K - d ~ Poisson(n - d) i.i.d. rows follow; with `rotateRows`
    /// the rows are then put in uniformly random order.
    package func drawSurrogate(_ plan: SurrogatePlan, rotateRows: Bool, into workspace: DesignWorkspace,
                              using rng: inout RandomStream) {
        let selected = workspace.selected.pointer
        let (k, extraRows) = workspace.prepareSurrogate(plan, using: &rng)
        let rows = k + extraRows
        let a = workspace.matrix.pointer
        var j = 0  // the position in S of the next kept direction
        for c in 0..<d {
            let column = a + c * rows
            guard j < k, selected[j] == c else {
                rng.fillNormal(UnsafeMutableBufferPointer(start: column, count: rows))
                continue
            }
            // Column j of R (normals above the diagonal, a chi on it, zeros below), then i.i.d. rows.
            rng.fillNormal(UnsafeMutableBufferPointer(start: column, count: j))
            column[j] = rng.chi(degreesOfFreedom: Double(k - j + 2))
            (column + j + 1).update(repeating: 0, count: k - j - 1)
            rng.fillNormal(UnsafeMutableBufferPointer(start: column + k, count: rows - k))
            j += 1
        }
        if rotateRows && k > 0 {
            HaarOrthogonal.multiplyLeft(a, k: k, columns: d, leadingDimension: rows,
                                        scratch: workspace.scratch.pointer, using: &rng)
        }
        if rotateRows && extraRows > 0 { workspace.shuffleRows(using: &rng) }
        workspace.scaleColumns(by: rootEigenvalues)
    }
}
