// DoubleDescent: exact double-descent curves for the minimum-norm least-squares estimator
// (Derezinski, Liang and Mahoney, NeurIPS 2020). `import DoubleDescent` brings in the whole public
// API; each concept lives in a module of its own (docs/LIBRARY.md).
@_exported import DDElementary
@_exported import DDCrossValidation
@_exported import DDInput
@_exported import DDLinearAlgebra
@_exported import DDModel
@_exported import DDRandom
@_exported import DDRidge
@_exported import DDSampling
@_exported import DDSimulation
@_exported import DDSweep
@_exported import DDTheory
