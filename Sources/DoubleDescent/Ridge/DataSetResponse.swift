import DDModel

extension RidgeResponse {
    /// The noiseless response of every row of the model's data set (nil without one): the data's own
    /// column (`--target`) when it has one, else f(a_j^T w*). Theorem 2 holds exactly for any such
    /// vector, with E[x y] = A^T y / N (docs/MATH.md, "Finite populations"); noise with mean zero
    /// added at draw time does not change E[x y].
    public func rowValues(for model: RegressionModel) -> [Double]? {
        guard let population = model.population else { return nil }
        if let responses = population.responses { return responses }
        return population.linearPredictor(eigenWeights: model.wEigen).map(link)
    }
}
