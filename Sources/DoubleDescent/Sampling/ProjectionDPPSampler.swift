import DDRandom

/// Exact draws from a projection DPP on N items: the kernel K = Q Q^T for a column-major N x k
/// matrix Q with orthonormal columns (Hough, Krishnapur, Peres, Virag 2006; Kulesza and Taskar
/// 2012, Algorithm 1). Every draw has exactly k items.
///
/// Sequential form: item i is drawn with probability ||r_i||^2 / (k - t), where r_i is row i of Q
/// projected off the t directions already taken; after each draw the direction r_i / ||r_i|| is
/// removed from every row. The weights are recomputed from the rows at each step (not updated), so
/// rounding does not accumulate, and drawn items are excluded explicitly. Cost O(N k^2) per draw.
/// The items come out in uniformly random order (the chain rule of a DPP is exchangeable).
enum ProjectionDPPSampler {
    /// - Parameters:
    ///   - basis: column-major N x m matrix with orthonormal columns.
    ///   - columns: the k columns of `basis` spanning the kernel.
    /// - Returns: k distinct item indices in 0..<N.
    static func sample(basis: [Double], items n: Int, columns: [Int], using rng: inout RandomStream) -> [Int] {
        let k = columns.count
        guard k > 0 else { return [] }
        var r = [Double](repeating: 0, count: n * k)
        for (c, column) in columns.enumerated() {
            for i in 0..<n { r[i + c * n] = basis[i + column * n] }
        }
        var weights = [Double](repeating: 0, count: n)
        var taken = [Bool](repeating: false, count: n)
        var projections = [Double](repeating: 0, count: n)
        var direction = [Double](repeating: 0, count: k)
        var chosen: [Int] = []
        chosen.reserveCapacity(k)
        for _ in 0..<k {
            var total = 0.0
            for i in 0..<n {
                var w = 0.0
                if !taken[i] {
                    for c in 0..<k { w += r[i + c * n] * r[i + c * n] }
                }
                weights[i] = w
                total += w
            }
            let item = pick(weights, total: total, using: &rng)
            chosen.append(item)
            taken[item] = true
            // direction = r_item / ||r_item||; every row loses its component along it.
            let norm = weights[item].squareRoot()
            for c in 0..<k { direction[c] = r[item + c * n] / norm }
            for i in 0..<n {
                var dot = 0.0
                for c in 0..<k { dot += r[i + c * n] * direction[c] }
                projections[i] = dot
            }
            for c in 0..<k {
                let q = direction[c]
                for i in 0..<n { r[i + c * n] -= projections[i] * q }
            }
        }
        return chosen
    }

    /// An index drawn with probability weights[i] / total (inverse CDF; never a zero-weight item).
    private static func pick(_ weights: [Double], total: Double, using rng: inout RandomStream) -> Int {
        let target = rng.uniform() * total
        var cumulative = 0.0, last = 0
        for (i, w) in weights.enumerated() where w > 0 {
            cumulative += w
            last = i
            if target < cumulative { return i }
        }
        return last
    }
}
