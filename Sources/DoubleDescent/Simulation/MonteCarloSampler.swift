/// How the Monte Carlo draws a trial (`ddcalc --sampler`; docs/MATH.md, "Monte Carlo", "Two samplers").
///
/// Both give draws of the same per-trial error law, so both estimate the same MSE; they are two
/// independent paths through the code, and comparing them checks the shortcuts of the default.
public enum MonteCarloSampler: String, CaseIterable, Sendable {
    /// The default. Gaussian draws skip the design where the error's law is derived: isotropic
    /// ones through the singular values (`IsotropicGaussianDraw`), others through the Gram matrix
    /// above d (`WishartGramDraw`) and a partly triangular draw below it (`WideGaussianDraw`).
    /// Other feature laws and data sets are drawn as rows (there is no shortcut for them).
    case exactLaw = "exact-law"
    /// Every design drawn as explicit rows by its exact sampler (the surrogate's spectral selection,
    /// its determinantal block and Poisson(n - d) extra rows; i.i.d. rows; data-set rows) and its
    /// error solved by `MinNormSolver`, for every spectrum, feature law and data set
    /// (`DesignRowsKernel`).
    case rows
}
