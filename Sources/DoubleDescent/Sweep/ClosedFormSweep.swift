import Foundation

/// Closed forms along a grid of n, warm-starting the lambda_n solver from the
/// roots already found and spreading fixed chunks of the grid over threads.
///
/// The chunking does not depend on the thread count and every chunk starts
/// cold, so the output bits are the same for any number of threads.
public enum ClosedFormSweep {
    static let chunkSize = 32

    public static func evaluate(_ calculator: ClosedFormCalculator, ns: [Double], threads: Int) -> [ClosedForms] {
        let chunks = stride(from: 0, to: ns.count, by: chunkSize).map { $0..<min($0 + chunkSize, ns.count) }
        var results = [ClosedForms?](repeating: nil, count: ns.count)
        let lock = NSLock()
        ParallelFor.run(count: chunks.count, threads: threads) { c in
            var local: [ClosedForms] = []
            var previous: [(n: Double, lambda: Double)] = []
            for n in ns[chunks[c]] {
                let point = calculator.evaluate(n: n, lambdaGuess: extrapolate(previous, to: n))
                if let lambda = point.lambda { previous = Array((previous + [(n, lambda)]).suffix(2)) }
                local.append(point)
            }
            lock.lock()
            for (offset, point) in local.enumerated() { results[chunks[c].lowerBound + offset] = point }
            lock.unlock()
        }
        return results.map { $0! }
    }

    /// A guess for lambda at n: linear extrapolation of log lambda in n from the
    /// last two roots (the last root alone when there is one).
    static func extrapolate(_ previous: [(n: Double, lambda: Double)], to n: Double) -> Double? {
        guard let last = previous.last else { return nil }
        guard previous.count == 2, previous[0].n != last.n else { return last.lambda }
        let slope = (log(last.lambda) - log(previous[0].lambda)) / (last.n - previous[0].n)
        let guess = exp(log(last.lambda) + slope * (n - last.n))
        return guess.isFinite && guess > 0 ? guess : last.lambda
    }
}
