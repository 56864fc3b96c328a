/// The penalty of a grid where a criterion is smallest: the argmin over the given penalties only
/// (no refinement between them), the first one on ties, nil when no value is finite. Used for
/// `gcv_best_lambda` and `loo_best_lambda` (docs/OUTPUT.md, "gcv").
public enum GridMinimum {
    public static func argmin(_ lambdas: [Double], _ values: [Double]) -> Double? {
        precondition(lambdas.count == values.count)
        var best: (lambda: Double, value: Double)?
        for (lambda, value) in zip(lambdas, values) where value.isFinite {
            if best == nil || value < best!.value { best = (lambda, value) }
        }
        return best?.lambda
    }
}
