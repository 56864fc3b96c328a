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

    /// The heavy-tail flag of each design (docs/OUTPUT.md, "Heavy tails per design"), last in every
    /// row (after the gap keys, so every earlier column keeps its position): false where the design
    /// is not simulated. `heavy_tail` is their disjunction.
    var heavyTailRecord: Record {
        Record([
            ("mc_surrogate_heavy_tail", .flag(self?.surrogate?.heavyTail ?? false)),
            ("mc_iid_heavy_tail", .flag(self?.iid?.heavyTail ?? false)),
        ])
    }
}
