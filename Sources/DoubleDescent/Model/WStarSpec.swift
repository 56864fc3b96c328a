import DDInput
import DDRandom
import Foundation

/// The `--wstar` specification: the true weights w*. Except for `file:`, the
/// direction is given in Sigma's eigenbasis and scaled to norm `--wnorm`.
public enum WStarSpec: Equatable, CustomStringConvertible {
    /// Equal coordinates in the eigenbasis: w_i = wnorm / sqrt(d).
    case isotropic
    /// A uniformly random direction, drawn from its own seeded stream.
    case random(seed: UInt64)
    /// w* = wnorm * v_1 (largest eigenvalue).
    case top
    /// w* = wnorm * v_d (smallest eigenvalue).
    case bottom
    /// d numbers in original coordinates (text or a 1-d `.npy` array), used as they are.
    case file(String)

    public init(parsing text: String) throws {
        let flag = "--wstar"
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let argument = parts.count > 1 ? String(parts[1]) : nil
        switch String(parts[0]) {
        case "isotropic" where argument == nil: self = .isotropic
        case "top" where argument == nil: self = .top
        case "bottom" where argument == nil: self = .bottom
        case "random":
            guard let argument else { self = .random(seed: 1); return }
            guard let seed = UInt64(argument) else {
                throw InputError("\(flag): random seed '\(Excerpt.of(argument))' is not an unsigned 64-bit integer")
            }
            self = .random(seed: seed)
        case "file":
            guard let argument, !argument.isEmpty else { throw InputError("\(flag): 'file' needs a path, as in 'file:PATH'") }
            self = .file(argument)
        default:
            throw InputError("\(flag): unknown weights '\(Excerpt.of(text))' (expected isotropic, random[:SEED], top, bottom or file:PATH)")
        }
    }

    public var description: String {
        switch self {
        case .isotropic: return "isotropic"
        case .random(let seed): return "random:\(seed)"
        case .top: return "top"
        case .bottom: return "bottom"
        case .file(let path): return "file:\(path)"
        }
    }

    /// w* in Sigma's eigenbasis (w_i = v_i^T w*) and in original coordinates.
    func coordinates(for covariance: CovarianceModel, wnorm: Double) throws -> (eigen: [Double], original: [Double]) {
        if case .file(let path) = self {
            let original = try Self.readVector(path, d: covariance.d)
            return (covariance.toEigen(original), original)
        }
        let eigen = eigenDirection(d: covariance.d, wnorm: wnorm)
        return (eigen, covariance.toOriginal(eigen))
    }

    private func eigenDirection(d: Int, wnorm: Double) -> [Double] {
        switch self {
        case .isotropic:
            return [Double](repeating: wnorm / Double(d).squareRoot(), count: d)
        case .top, .bottom:
            var w = [Double](repeating: 0, count: d)
            w[self == .top ? 0 : d - 1] = wnorm
            return w
        case .random(let seed):
            var rng = RandomStream(seed: seed)
            var w = (0..<d).map { _ in rng.normal() }
            let scale = wnorm / Self.norm(w)
            for i in w.indices { w[i] *= scale }
            return w
        case .file:
            preconditionFailure("file weights are read in original coordinates")
        }
    }

    static func norm(_ v: [Double]) -> Double {
        // Scaled to avoid overflow and underflow of the squares.
        let scale = v.lazy.map(abs).max() ?? 0
        guard scale > 0 else { return 0 }
        return scale * v.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }

    /// d finite numbers separated by commas, white space or new lines, or a 1-d `.npy` array.
    private static func readVector(_ path: String, d: Int) throws -> [Double] {
        let source = "--wstar file:\(path)"
        let values: [Double]
        switch try NumericFile.read(path, flag: "--wstar file", source: source) {
        case .npy(let array): values = try array.vector(source: source)
        case .text(let text):
            let fields = text.split(whereSeparator: { $0 == "," || $0.isWhitespace })
            values = try fields.enumerated().map { index, field in
                try NumberParsing.finiteDouble(field, context: "\(source) entry \(index + 1)")
            }
        }
        guard values.count == d else {
            throw InputError("\(source): has \(values.count) numbers but the model has dimension d = \(d)")
        }
        return values
    }
}
