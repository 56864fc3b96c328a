import Foundation

/// Monte Carlo settings or points that cannot be simulated. Every case carries the offending value.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// A trial count outside 0...`MonteCarloSettings.maximumTrials` (at least 1 where a mean needs a draw:
    /// `minimum`).
    case invalidTrials(Int, minimum: Int)

    public var description: String {
        switch self {
        case .invalidTrials(let trials, let minimum):
            return "trials: must lie in \(minimum)...\(MonteCarloSettings.maximumTrials), got \(trials)"
        }
    }

    public var errorDescription: String? { description }
}
