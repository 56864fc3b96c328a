/// What computes the numbers ddcalc prints, for `ddcalc --version` and the JSON header (issue 21;
/// docs/MATH.md, "Reproducibility").
///
/// Every factorization whose result reaches an output is this module's own Swift code, and every
/// elementary function is DDElementary's, each with a fixed operation order in plain IEEE arithmetic:
/// the bytes depend on the inputs, the seed and ddcalc's code only, not on the BLAS library, its
/// version or the kernel it picks, the CPU model, glibc's libm or the thread count. OpenBLAS is
/// linked only into the tests and the benchmark (DDLAPACKReference), never into ddcalc.
public enum NumericalBackend {
    /// One line naming the backend, as the JSON key `numerics` holds it.
    public static let summary = "ddcalc's own Swift linear algebra and elementary functions, fixed operation order"
}
