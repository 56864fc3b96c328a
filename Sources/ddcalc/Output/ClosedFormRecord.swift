import DoubleDescent

/// The keys of the closed-form part of a sweep row, in output order (docs/OUTPUT.md, "Sweep rows").
/// A theory value with no known exact form is missing (nil), not a number beyond double precision.
extension ClosedForms {
    var record: Record {
        let theory = { (x: Double) -> Double? in theoryKnown ? x : nil }
        return Record([
            ("n", .number(n)),
            ("ratio", .number(ratio)),
            ("lambda", .number(lambda)),
            ("alpha", .number(alpha)),
            ("theory_mse", .number(theory(theoryMSE))),
            ("theory_bias", .number(theory(theoryBias))),
            ("theory_variance", .number(theory(theoryVariance))),
            ("theory_risk", .number(theoryRisk)),
            ("de_mse", .number(deMSE)),
            ("iid_exact_mse", .number(iidExactMSE)),
        ])
    }
}

extension ClosedForms {
    /// The key a data-set model adds after the Monte Carlo keys (docs/OUTPUT.md, "Column order"):
    /// `theory_exact`, false where the theory columns hold Theorem 1's continuous approximation
    /// (n >= d), true where they are exact; nothing for other models.
    func dataSetRecord(_ dataSet: Bool) -> Record {
        Record(dataSet ? [("theory_exact", .flag(theoryExact))] : [])
    }
}
