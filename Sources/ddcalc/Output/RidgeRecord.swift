import DoubleDescent

/// The closed-form keys of a row at a ridge penalty lambda != 0 (docs/OUTPUT.md, "Ridge at any
/// lambda"): the same keys as `ClosedForms.record`, with Theorem 1's quantities (`alpha`, `theory_*`)
/// null (they are the min-norm estimator's), `lambda` still lambda_n of n, `de_mse` the ridge
/// deterministic equivalent and `iid_exact_mse` the exact i.i.d. Gaussian ridge risk where it is known
/// (isotropic Sigma, lambda > 0, integer n, its validated range: `IsotropicRidgeRisk`).
extension ClosedForms {
    func record(ridge: RidgeEquivalent) -> Record {
        Record([
            ("n", .number(n)),
            ("ratio", .number(ratio)),
            ("lambda", .number(lambda)),
            ("alpha", .number(nil)),
            ("theory_mse", .number(nil)),
            ("theory_bias", .number(nil)),
            ("theory_variance", .number(nil)),
            ("theory_risk", .number(nil)),
            ("de_mse", .number(ridge.deMSE)),
            ("iid_exact_mse", .number(ridge.iidExactRisk)),
        ])
    }
}

extension RidgeEquivalent {
    /// The keys a ridge row adds after every other (docs/OUTPUT.md, "Column order").
    var record: Record {
        Record([
            ("ridge_lambda", .number(ridgeLambda)),
            ("kappa", .number(kappa)),
            ("gamma", .number(gamma)),
            ("lambda_min", .number(lambdaMin)),
        ])
    }
}
