import Foundation

/// The argument of `SweepGrid.values` or `DimensionGrid.values` that an error is about.
public enum GridParameter: String, CaseIterable, Equatable, Sendable {
    case nMin, nMax, points, list, dMin, dMax
}

/// A grid of n or d that cannot be built from the bounds and count given. Every case carries the
/// offending values and names its `parameter`.
public enum GridError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// An explicit list together with nMin, nMax or points.
    case listWithBounds
    /// An n (in the list or a bound) that is not positive and finite.
    case invalidSampleSize(GridParameter, Double)
    /// nMin above nMax.
    case emptyRange(lower: Double, upper: Double)
    /// Fewer than one point.
    case invalidPointCount(Int)
    /// dMin below 1.
    case dimensionBelowOne(Int)
    /// dMax above the model's dimension `total`.
    case dimensionAboveModel(Int, total: Int)
    /// dMin above dMax.
    case emptyDimensionRange(lower: Int, upper: Int)
    /// More points than integers in [lower, upper].
    case tooManyPoints(Int, lower: Int, upper: Int)

    public var parameter: GridParameter {
        switch self {
        case .listWithBounds: return .list
        case .invalidSampleSize(let parameter, _): return parameter
        case .emptyRange: return .nMin
        case .invalidPointCount, .tooManyPoints: return .points
        case .dimensionBelowOne, .emptyDimensionRange: return .dMin
        case .dimensionAboveModel: return .dMax
        }
    }

    /// What is wrong, without the parameter's name (which `description` adds).
    public var reason: String {
        switch self {
        case .listWithBounds: return "an explicit list of n cannot be combined with bounds or a number of points"
        case .invalidSampleSize(.list, let n): return "every n must be a positive finite number, got \(n)"
        case .invalidSampleSize(_, let n): return "n must be a positive finite number, got \(n)"
        case .emptyRange(let lower, let upper): return "the lower bound \(lower) is larger than the upper bound \(upper)"
        case .invalidPointCount(let count): return "must be at least 1, got \(count)"
        case .dimensionBelowOne(let d): return "must be at least 1, got \(d)"
        case .dimensionAboveModel(let d, let total): return "at most the model's dimension \(total), got \(d)"
        case .emptyDimensionRange(let lower, let upper): return "the lower bound \(lower) is larger than the upper bound \(upper)"
        case .tooManyPoints(let count, let lower, let upper):
            return "only \(upper - lower + 1) dimensions lie in [\(lower), \(upper)], got \(count)"
        }
    }

    public var description: String { "\(parameter.rawValue): \(reason)" }
    public var errorDescription: String? { description }
}
