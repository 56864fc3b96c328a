import DDInput
import DDRandom
import Foundation

/// The true weights w* (the CLI's `wstar` flag). Except for `file:`, the
/// direction is given in Sigma's eigenbasis and scaled to the model's `wnorm`.
public enum WStarSpec: Equatable, CustomStringConvertible, Sendable {
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
    /// A data set's least-squares fit of its own response column (`RegressionModel(population:leastSquaresOf:)`);
    /// not a `--wstar` value (`init(parsing:)` never gives it).
    case leastSquares

    /// Parses the text form (`description` gives it back); reads no file. Throws `ModelError`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let argument = parts.count > 1 ? String(parts[1]) : nil
        switch String(parts[0]) {
        case "isotropic" where argument == nil: self = .isotropic
        case "top" where argument == nil: self = .top
        case "bottom" where argument == nil: self = .bottom
        case "random":
            guard let argument else { self = .random(seed: 1); return }
            guard let seed = UInt64(argument) else {
                throw ModelError.invalidSeed(argument)
            }
            self = .random(seed: seed)
        case "file":
            guard let argument, !argument.isEmpty else { throw ModelError.missingSpecValue(.wstar, kind: "file", placeholder: "PATH") }
            self = .file(argument)
        default:
            throw ModelError.unknownSpec(.wstar, text: text)
        }
    }

    public var description: String {
        switch self {
        case .isotropic: return "isotropic"
        case .random(let seed): return "random:\(seed)"
        case .top: return "top"
        case .bottom: return "bottom"
        case .file(let path): return "file:\(path)"
        case .leastSquares: return "least-squares"
        }
    }

    /// w* in Sigma's eigenbasis (w_i = v_i^T w*) and in original coordinates.
    func coordinates(for covariance: CovarianceModel, wnorm: Double) throws -> (eigen: [Double], original: [Double]) {
        if case .file(let path) = self {
            let original = try Self.readVector(path, d: covariance.d)
            return (covariance.toEigen(original), original)
        }
        // Only a data set with a response defines it (`RegressionModel(population:leastSquaresOf:)`).
        if self == .leastSquares { throw ModelError.unknownSpec(.wstar, text: description) }
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
        case .file, .leastSquares:
            preconditionFailure("file and least-squares weights are given in original coordinates")
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
        let values = try NumericFile(path, as: .wstar).vector { text in
            try text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).enumerated().map { index, field in
                guard let value = NumberParsing.finiteDouble(field) else {
                    throw InputFileError(path: path, role: .wstar, problem: .notANumber(text: String(field), at: .entry(index + 1)))
                }
                return value
            }
        }
        guard values.count == d else {
            throw InputFileError(path: path, role: .wstar, problem: .dimension(count: values.count, expected: d))
        }
        return values
    }
}
