import DDModel

extension FeatureLaw {
    /// The sampler of exact i.i.d. and surrogate designs for this law.
    package func sampler(eigenvalues: [Double]) -> any DesignSampler {
        switch self {
        case .gaussian: return GaussianDesignSampler(eigenvalues: eigenvalues)
        case .sphere: return SphereDesignSampler(eigenvalues: eigenvalues)
        case .uniform: return UniformDesignSampler(eigenvalues: eigenvalues)
        }
    }
}
