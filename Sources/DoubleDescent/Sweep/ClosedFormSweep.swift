import DDElementary
import DDSimulation
import DDTheory
import Foundation

/// Closed forms along a grid of n, warm-starting the lambda_n solver from the
/// roots already found and spreading fixed chunks of the grid over threads.
///
/// The chunking does not depend on the thread count, and every chunk starts
/// afresh (from the coarse root below), so the output bits are the same for
/// any number of threads.
public enum ClosedFormSweep {
    static let chunkSize = 32

    /// The closed forms at every n of `ns`, in order; throws `ModelError.invalidSampleSize` for an n
    /// that is not positive and finite.
    public static func evaluate(_ calculator: ClosedFormCalculator, ns: [Double], threads: Int) throws -> [ClosedForms] {
        for n in ns { try ClosedFormCalculator.check(n: n) }
        let d = Double(calculator.model.d)
        let coarse = CoarseSpectrum(calculator.model.eigenvalues)
        let chunks = stride(from: 0, to: ns.count, by: chunkSize).map { $0..<min($0 + chunkSize, ns.count) }
        var results = [ClosedForms?](repeating: nil, count: ns.count)
        let lock = NSLock()
        ParallelFor.run(count: chunks.count, threads: threads) { c in
            var local: [ClosedForms] = []
            // lambda_n / coarse lambda_n at the last points (lambda_n itself without a coarse spectrum).
            var previous: [(n: Double, value: Double)] = []
            for n in ns[chunks[c]] {
                let scale = n < d ? coarse?.lambda(n: n) : nil
                let extrapolated = extrapolate(previous, to: n)
                let guess = scale.map { (extrapolated ?? 1) * $0 } ?? extrapolated
                let point = calculator.evaluateChecked(n: n, lambdaGuess: guess)
                if let lambda = point.lambda { previous = Array((previous + [(n, lambda / (scale ?? 1))]).suffix(6)) }
                local.append(point)
            }
            lock.lock()
            for (offset, point) in local.enumerated() { results[chunks[c].lowerBound + offset] = point }
            lock.unlock()
        }
        return results.map { $0! }
    }

    /// The root for a spectrum of `size` eigenvalues, one from the middle of each of `size` equal
    /// blocks of the sorted spectrum, at the same fraction n/d. It follows lambda_n up to a
    /// factor that varies slowly with n (within about 1e-3 of 1 for geometric:1e12 at d = 10^6),
    /// at a tiny fraction of a pass's cost. So the first point of a chunk, with nothing to
    /// extrapolate from, starts close to its root, and the warm starts extrapolate that smooth
    /// factor rather than log lambda_n, which diverges as n -> d.
    struct CoarseSpectrum {
        static let size = 256
        let solver: LambdaSolver
        let fraction: Double

        /// nil when d is too small for the coarse root to be cheap.
        init?(_ eigenvalues: [Double]) {
            let d = eigenvalues.count
            guard d > 4 * Self.size else { return nil }
            solver = LambdaSolver(eigenvalues: (0..<Self.size).map { eigenvalues[(2 * $0 + 1) * d / (2 * Self.size)] })
            fraction = Double(Self.size) / Double(d)
        }

        /// For 0 < n < d.
        func lambda(n: Double) -> Double { solver.solve(n: n * fraction) }
    }

    /// The polynomial through the last values (up to six: quintic) in (n, log value), evaluated
    /// at n (Lagrange form). With the coarse root as the scale, one Newton pass finishes the root
    /// at almost every point (1.07 passes per point for geometric:1e12 at d = 10^6).
    static func extrapolate(_ previous: [(n: Double, value: Double)], to n: Double) -> Double? {
        guard let last = previous.last else { return nil }
        let nodes = previous.map { (n: $0.n, y: Elementary.log($0.value)) }
        guard Set(nodes.map(\.n)).count == nodes.count else { return last.value }
        var logGuess = 0.0
        for (j, node) in nodes.enumerated() {
            var weight = 1.0
            for (k, other) in nodes.enumerated() where k != j {
                weight *= (n - other.n) / (node.n - other.n)
            }
            logGuess += weight * node.y
        }
        let guess = Elementary.exp(logGuess)
        return guess.isFinite && guess > 0 ? guess : last.value
    }
}
