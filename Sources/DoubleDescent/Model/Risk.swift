/// Which error of w_hat a result reports (docs/MATH.md, "Setting" and "Prediction risk").
public enum Risk: String, CaseIterable, Sendable {
    /// E ||w_hat - w*||^2, the paper's quantity (the default).
    case estimation
    /// E ||w_hat - w*||_Sigma^2 = E (x^T w_hat - x^T w*)^2 for a fresh x from the feature law: the
    /// excess prediction risk.
    case prediction
}
