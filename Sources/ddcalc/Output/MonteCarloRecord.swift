import DoubleDescent

/// The Monte Carlo keys of a sweep row (docs/OUTPUT.md, "Sweep rows"), in output order (null where not
/// simulated; `heavy_tail` is then false: no simulated error has a heavy tail).
extension Optional where Wrapped == MonteCarloPoint {
    var record: Record {
        let surrogate = self?.surrogate, iid = self?.iid
        return Record([
            ("mc_surrogate_mse", .number(surrogate?.mean)),
            ("mc_surrogate_stderr", .number(surrogate?.standardError)),
            ("mc_surrogate_mean_rows", .number(surrogate?.meanRows)),
            ("mc_iid_mse", .number(iid?.mean)),
            ("mc_iid_stderr", .number(iid?.standardError)),
            ("heavy_tail", .flag(self?.heavyTail ?? false)),
        ])
    }
}
