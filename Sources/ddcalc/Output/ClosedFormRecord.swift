import DoubleDescent

/// The keys of the closed-form part of a sweep row, in output order (docs/OUTPUT.md, "Sweep rows").
/// A theory value with no known exact form is missing (nil), not a number beyond double precision.
extension ClosedForms {
    var record: Record {
        Record([
            ("n", .number(n)),
            ("ratio", .number(ratio)),
            ("lambda", .number(lambda)),
            ("alpha", .number(alpha)),
            ("theory_mse", .number(surrogateRisk)),
            ("theory_bias", .number(bias)),
            ("theory_variance", .number(variance)),
            ("theory_risk", .number(predictionRisk)),
            ("de_mse", .number(deRisk)),
            ("iid_exact_mse", .number(iidExactRisk)),
        ])
    }
}

extension ClosedForms {
    /// The key a data-set model adds after the Monte Carlo keys (docs/OUTPUT.md, "Column order"):
    /// `theory_exact`, false where the theory columns hold Theorem 1's continuous approximation
    /// (n >= d), true where they are exact, null at a ridge penalty `ridgeLambda` != 0 (no theory
    /// columns there); nothing for other models.
    func dataSetRecord(_ dataSet: Bool, ridgeLambda: Double = 0) -> Record {
        Record(dataSet ? [("theory_exact", .flag(ridgeLambda == 0 ? theoryExact : nil))] : [])
    }
}
