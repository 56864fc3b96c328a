import DoubleDescent

/// The gap keys, the last of a sweep row and of `point` (docs/OUTPUT.md, "The gap between the designs").
extension DesignGap {
    var record: Record {
        Record([
            ("gap_exact", .number(exact)),
            ("gap_mc", .number(monteCarlo)),
            ("gap_mc_stderr", .number(standardError)),
        ])
    }
}
