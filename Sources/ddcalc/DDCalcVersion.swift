/// The version of ddcalc, defined once: `ddcalc --version` prints it, the JSON outputs carry it as
/// `ddcalc_version`, and the first comment line of a table and of an exported `sweep.gp` names it
/// (docs/OUTPUT.md, "Version").
enum DDCalcVersion {
    static let current = "0.2.0"

    /// A title line's text with the version after the leading "ddcalc": "ddcalc 0.2.0 sweep: ...".
    static func stamped(_ title: String) -> String {
        let name = "ddcalc "
        guard title.hasPrefix(name) else { return "ddcalc \(current): " + title }
        return "ddcalc \(current) " + title.dropFirst(name.count)
    }
}
