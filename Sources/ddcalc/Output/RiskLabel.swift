import DoubleDescent

/// How figures name the error they plot (docs/OUTPUT.md, "Prediction risk").
enum RiskLabel {
    /// The y-axis label for `risk`.
    static func yAxis(_ risk: Risk) -> String {
        switch risk {
        case .estimation: return "MSE  E||w_hat - w*||^2"
        case .prediction: return "prediction risk  E||w_hat - w*||_Sigma^2"
        }
    }

    /// The error named in a figure's title.
    static func quantity(_ risk: Risk) -> String {
        switch risk {
        case .estimation: return "expected estimation error"
        case .prediction: return "expected excess prediction risk"
        }
    }

    /// The risk a table reports: its echo's `risk` key (estimation when there is none).
    static func risk(of table: ResultTable) -> Risk {
        for field in table.model.fields where field.key == "risk" {
            if case .text(let name) = field.value, let risk = Risk(rawValue: name) { return risk }
        }
        return .estimation
    }
}
