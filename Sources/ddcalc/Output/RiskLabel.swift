import DoubleDescent

/// How figures name the error they plot (docs/OUTPUT.md, "Prediction risk"): the risk of an export
/// is its model echo's `risk` key, estimation when absent (`SweepExport.risk`).
enum RiskLabel {
    /// The y-axis label for `risk`.
    static func yAxis(_ risk: Risk) -> String {
        switch risk {
        case .estimation: return "MSE  E‖ŵ − w*‖²"
        case .prediction: return "prediction risk  E (ŵ − w*)ᵀ Σ (ŵ − w*)"
        }
    }

    /// The error named in a figure's title.
    static func quantity(_ risk: Risk) -> String {
        switch risk {
        case .estimation: return "expected estimation error"
        case .prediction: return "expected excess prediction risk"
        }
    }
}
