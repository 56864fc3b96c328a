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

    /// The gap keys without values (a row at a ridge penalty: the gap is the min-norm estimator's).
    static let emptyRecord = DesignGap(exact: nil, monteCarlo: nil, standardError: nil).record
}
