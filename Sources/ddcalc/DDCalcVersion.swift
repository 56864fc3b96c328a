import DoubleDescent

/// The version of ddcalc, defined once: `ddcalc --version` prints it, the JSON outputs carry it as
/// `ddcalc_version`, and the first comment line of a table and of an exported `sweep.gp` names it
/// (docs/OUTPUT.md, "Version").
enum DDCalcVersion {
    static let current = "0.3.0"

    /// What `ddcalc --version` prints: the version, the bits version with the architecture, and what
    /// computes the numbers (issue 21: what a bug report or a paper states to pin its numbers).
    static var text: String {
        "ddcalc \(current)\n"
            + "bits version \(SweepInputs.bitsVersion) (\(SweepInputs.architecture)): \(NumericalBackend.summary); the same bytes "
            + "on every \(SweepInputs.architecture) machine, whatever BLAS kernel, CPU model or thread count\n"
            + "linked for benchmarks and test references only: \(NumericalBackend.linkedBLAS)"
    }

    /// A title line's text with the version after the leading "ddcalc": "ddcalc 0.2.0 sweep: ...".
    static func stamped(_ title: String) -> String {
        let name = "ddcalc "
        guard title.hasPrefix(name) else { return "ddcalc \(current): " + title }
        return "ddcalc \(current) " + title.dropFirst(name.count)
    }
}
