import CLapack

/// What computes the numbers ddcalc prints, for `ddcalc --version` and the JSON header (issue 21;
/// docs/MATH.md, "Reproducibility").
///
/// Every factorization whose result reaches an output is this module's own Swift code, and every
/// elementary function is DDElementary's, each with a fixed operation order in plain IEEE arithmetic:
/// the bytes depend on the inputs, the seed and ddcalc's code only, not on the BLAS library, its
/// version or the kernel it picks, the CPU model, glibc's libm or the thread count. OpenBLAS stays
/// linked for `LAPACKReference` (the tests' independent reference) and the benchmarks.
public enum NumericalBackend {
    /// One line naming the backend, as the JSON key `numerics` holds it.
    public static let summary = "ddcalc's own Swift linear algebra and elementary functions, fixed operation order"

    /// The OpenBLAS library linked beside it and the kernel it selected on this machine (used for no
    /// printed number), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64".
    public static var linkedBLAS: String {
        guard let config = openblas_get_config() else { return "OpenBLAS (no configuration string)" }
        return String(cString: config).trimmingSpaces()
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        while text.first == " " { text.removeFirst() }
        return String(text)
    }
}
