import DDRandom

/// z with i.i.d. coordinates uniform on [-sqrt(3), sqrt(3)] (mean 0, variance 1), so E[z z^T] = I
/// (docs/MATH.md, "Feature laws"). ||z_S||^2 <= 3 |S| bounds every projection.
package struct UniformFeatures: BoundedFeatureLaw {
    static let halfWidth = Double(3).squareRoot()

    package init() {}

    package func draw(_ z: UnsafeMutablePointer<Double>, d: Int, using rng: inout RandomStream) {
        for i in 0..<d { z[i] = Self.halfWidth * (2 * rng.uniform() - 1) }
    }

    package func squaredNormBound(kept: Int, d: Int) -> Double { 3 * Double(kept) }
}

/// Exact i.i.d. and surrogate designs with i.i.d. uniform whitened coordinates.
package typealias UniformDesignSampler = RejectionDesignSampler<UniformFeatures>

extension RejectionDesignSampler where Law == UniformFeatures {
    package init(eigenvalues: [Double]) { self.init(eigenvalues: eigenvalues, law: UniformFeatures()) }
}
