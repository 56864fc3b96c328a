import DDRandom

/// A feature law with a bounded squared norm, as the rejection sampler needs it
/// (docs/MATH.md, "Exact sampling", "Bounded laws by rejection").
package protocol BoundedFeatureLaw: Sendable {
    /// Draws one z (all d coordinates) into `z`.
    func draw(_ z: UnsafeMutablePointer<Double>, d: Int, using rng: inout RandomStream)

    /// A bound B >= ||z_S||^2 for every z in the support and every set S of `kept` coordinates.
    func squaredNormBound(kept: Int, d: Int) -> Double
}

/// Exact designs for a continuous law of z with bounded ||z_S||^2, in Sigma's eigenbasis
/// (docs/MATH.md, "Exact sampling", "Bounded laws by rejection").
///
/// Surrogate draws: the spectral selection S of `SurrogatePlan` (the same for every law), then the
/// projection DPP of k = |S| points with kernel sum_{i in S} z_i z'_i with respect to the law of z,
/// drawn sequentially. Point j is proposed from the law and accepted with probability
/// ||P_j z_S||^2 / B, where P_j projects off the span of the j points already taken (their
/// S-coordinates, kept as an orthonormal basis by classical Gram-Schmidt applied twice). The
/// expected number of proposals for point j is B / (k - j); a proposal with u B >= ||z_S||^2 is
/// rejected before any projection. For n > d the k = d points are followed
/// by K - d ~ Poisson(n - d) i.i.d. rows; with `rotateRows` all rows are put in uniformly random order.
package struct RejectionDesignSampler<Law: BoundedFeatureLaw>: DesignSampler {
    package let eigenvalues: [Double]
    package let law: Law
    let rootEigenvalues: [Double]

    package init(eigenvalues: [Double], law: Law) {
        self.eigenvalues = eigenvalues
        self.law = law
        rootEigenvalues = eigenvalues.map { $0.squareRoot() }
    }

    package func drawIID(rows: Int, into workspace: DesignWorkspace, using rng: inout RandomStream) {
        workspace.prepare(rows: rows)
        workspace.rejectionScratch.reserve(d)
        let z = workspace.rejectionScratch.pointer, a = workspace.matrix.pointer
        for i in 0..<rows {
            law.draw(z, d: d, using: &rng)
            Self.store(z, row: i, of: a, rows: rows, d: d)
        }
        workspace.scaleColumns(by: rootEigenvalues)
    }

    package func drawSurrogate(_ plan: SurrogatePlan, rotateRows: Bool, into workspace: DesignWorkspace,
                              using rng: inout RandomStream) {
        let selected = workspace.selected.pointer
        let (k, extraRows) = workspace.prepareSurrogate(plan, using: &rng)
        let rows = k + extraRows
        // Scratch: the proposal z (d), the residual r (k) and the basis q_1..q_j (k x k, column-major).
        workspace.rejectionScratch.reserve(d + k + k * k)
        let z = workspace.rejectionScratch.pointer, r = z + d, basis = r + k
        let a = workspace.matrix.pointer
        let bound = law.squaredNormBound(kept: k, d: d)
        for j in 0..<k {
            var norm2 = 0.0
            while true {
                law.draw(z, d: d, using: &rng)
                var inKept = 0.0
                for i in 0..<k {
                    r[i] = z[selected[i]]
                    inKept += r[i] * r[i]
                }
                // Accept when u B < ||P_j z_S||^2. As ||P_j z_S||^2 <= ||z_S||^2, most rejections need
                // no projection; the test itself uses ||z_S||^2 - ||Q^T z_S||^2 (one pass), and the
                // accepted residual is then computed with reorthogonalisation.
                let threshold = rng.uniform() * bound
                guard threshold < inKept, threshold < inKept - Self.squaredComponents(r, basis: basis, taken: j, k: k)
                else { continue }
                norm2 = Self.projectOut(r, basis: basis, taken: j, k: k)
                if norm2 > 0 { break }
            }
            let scale = 1 / norm2.squareRoot()
            for i in 0..<k { basis[j * k + i] = r[i] * scale }
            Self.store(z, row: j, of: a, rows: rows, d: d)
        }
        for i in k..<rows {
            law.draw(z, d: d, using: &rng)
            Self.store(z, row: i, of: a, rows: rows, d: d)
        }
        if rotateRows && rows > 1 { workspace.shuffleRows(using: &rng) }
        workspace.scaleColumns(by: rootEigenvalues)
    }

    /// r <- (I - Q Q^T) r for the orthonormal columns q_1..q_taken of `basis`, by classical
    /// Gram-Schmidt applied twice ("twice is enough" keeps the basis orthonormal to working
    /// precision); returns ||r||^2 = ||P_j z_S||^2.
    static func projectOut(_ r: UnsafeMutablePointer<Double>, basis: UnsafePointer<Double>, taken: Int, k: Int) -> Double {
        for _ in 0..<2 where taken > 0 {
            for c in 0..<taken {
                let q = basis + c * k
                var dot = 0.0
                for i in 0..<k { dot += q[i] * r[i] }
                for i in 0..<k { r[i] -= dot * q[i] }
            }
        }
        var norm2 = 0.0
        for i in 0..<k { norm2 += r[i] * r[i] }
        return norm2
    }

    /// ||Q^T r||^2 for the orthonormal columns q_1..q_taken of `basis`: the part of ||r||^2 in the
    /// span of the points already taken.
    static func squaredComponents(_ r: UnsafePointer<Double>, basis: UnsafePointer<Double>, taken: Int, k: Int) -> Double {
        var total = 0.0
        for c in 0..<taken {
            let q = basis + c * k
            var dot = 0.0
            for i in 0..<k { dot += q[i] * r[i] }
            total += dot * dot
        }
        return total
    }

    /// Writes z as row `row` of the column-major design with leading dimension `rows`.
    private static func store(_ z: UnsafePointer<Double>, row: Int, of a: UnsafeMutablePointer<Double>, rows: Int, d: Int) {
        for c in 0..<d { a[row + c * rows] = z[c] }
    }
}
