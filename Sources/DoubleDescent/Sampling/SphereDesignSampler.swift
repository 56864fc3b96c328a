import DDRandom
import Foundation

/// z uniform on the sphere of radius sqrt(d): z = sqrt(d) g / ||g|| with g ~ N(0, I), so
/// E[z z^T] = I (docs/MATH.md, "Feature laws"). ||z_S||^2 <= ||z||^2 = d bounds every projection.
package struct SphereFeatures: BoundedFeatureLaw {
    package init() {}

    package func draw(_ z: UnsafeMutablePointer<Double>, d: Int, using rng: inout RandomStream) {
        var norm2 = 0.0
        repeat {
            rng.fillNormal(UnsafeMutableBufferPointer(start: z, count: d))
            norm2 = 0
            for i in 0..<d { norm2 += z[i] * z[i] }
        } while norm2 == 0
        let scale = (Double(d) / norm2).squareRoot()
        for i in 0..<d { z[i] *= scale }
    }

    package func squaredNormBound(kept: Int, d: Int) -> Double { Double(d) }
}

/// Exact i.i.d. and surrogate designs with features uniform on the sphere of radius sqrt(d).
package typealias SphereDesignSampler = RejectionDesignSampler<SphereFeatures>

extension RejectionDesignSampler where Law == SphereFeatures {
    package init(eigenvalues: [Double]) { self.init(eigenvalues: eigenvalues, law: SphereFeatures()) }
}
