/// Why the cross-validation of ridge on a data set cannot be computed.
public enum CrossValidationError: Error, Equatable, CustomStringConvertible {
    /// Every singular value of the data matrix is zero (below the rank tolerance): nothing to fit.
    case zeroDesign
    /// A penalty at or below the floor, minus the smallest nonzero eigenvalue of X^T X.
    case belowFloor(lambda: Double, floor: Double)
    /// A penalty that is not a finite number.
    case notFinite(lambda: Double)

    public var description: String {
        switch self {
        case .zeroDesign:
            return "the data matrix is zero (every singular value is below the rank tolerance); there is nothing to fit"
        case .belowFloor(let lambda, let floor):
            return "lambda = \(lambda) is at or below lambda_floor = \(floor), minus the smallest nonzero eigenvalue "
                + "of X^T X; every penalty must be above it"
        case .notFinite(let lambda):
            return "lambda = \(lambda) is not a finite number"
        }
    }
}
