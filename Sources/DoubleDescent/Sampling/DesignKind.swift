/// The two random designs the simulator draws (docs/MATH.md, "Designs").
public enum DesignKind: String, CaseIterable, Sendable {
    /// The surrogate (determinantal) design S_n of the paper: E[K] = n rows, any real n > 0.
    case surrogate
    /// n independent rows from the feature law: integer n only.
    case iid

    /// The key that separates this design's random streams from the other's.
    package var streamKey: UInt64 {
        switch self {
        case .surrogate: return 1
        case .iid: return 2
        }
    }
}
