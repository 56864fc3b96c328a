import DoubleDescent

/// The contract's keys for the closed-form part of a point, in output order.
extension ClosedForms {
    var record: Record {
        Record([
            ("n", .number(n)),
            ("ratio", .number(ratio)),
            ("lambda", .number(lambda)),
            ("alpha", .number(alpha)),
            ("theory_mse", .number(theoryMSE)),
            ("theory_bias", .number(theoryBias)),
            ("theory_variance", .number(theoryVariance)),
            ("theory_risk", .number(theoryRisk)),
            ("de_mse", .number(deMSE)),
            ("iid_exact_mse", .number(iidExactMSE)),
        ])
    }
}
