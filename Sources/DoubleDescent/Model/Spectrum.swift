import DDElementary
import DDInput

/// The spectrum specification (the CLI's `spectrum` flag): how the eigenvalues s_1 >= ... >= s_d > 0 of
/// Sigma are given (see docs/MATH.md, "Setting").
public enum SpectrumSpec: Equatable, CustomStringConvertible, Sendable {
    case isotropic
    /// Linearly spaced from 1 down to 1/K.
    case linear(Double)
    /// Geometrically spaced from 1 down to 1/K.
    case geometric(Double)
    /// s_i = i^-A.
    case powerlaw(Double)
    /// One eigenvalue per line, or a 1-d `.npy` array.
    case file(String)
    /// A d x d symmetric positive definite matrix (CSV or `.npy`).
    case covariance(String)
    /// The eigenvalues of W^T W / rows for a weight matrix W, rows x d (CSV or `.npy`; docs/MATH.md,
    /// "Spectra of weight matrices").
    case weights(String)
    /// Sigma = A^T A / N of a data set (`DataSetFile`); built by `FinitePopulation`, never parsed.
    case data(String)

    /// Parses the text form (`description` gives it back); reads no file. Throws `ModelError`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let kind = String(parts[0])
        let argument = parts.count > 1 ? String(parts[1]) : nil
        func number(_ what: String) throws -> Double {
            guard let argument else { throw ModelError.missingSpecValue(.spectrum, kind: kind, placeholder: what) }
            guard let value = NumberParsing.finiteDouble(argument) else {
                throw ModelError.notANumber(.spectrum, kind: kind, value: argument.trimmingCharacters(in: .whitespaces))
            }
            return value
        }
        func path() throws -> String {
            guard let argument, !argument.isEmpty else { throw ModelError.missingSpecValue(.spectrum, kind: kind, placeholder: "PATH") }
            return argument
        }
        switch kind {
        case "isotropic":
            if let argument { throw ModelError.unexpectedSpecValue(.spectrum, kind: kind, value: argument) }
            self = .isotropic
        case "linear", "geometric":
            let k = try number("K")
            guard k >= 1 else { throw ModelError.conditionNumberBelowOne(kind: kind, value: k) }
            self = kind == "linear" ? .linear(k) : .geometric(k)
        case "powerlaw":
            let a = try number("A")
            guard a >= 0 else { throw ModelError.negativeExponent(a) }
            self = .powerlaw(a)
        case "file": self = .file(try path())
        case "covariance": self = .covariance(try path())
        case "weights": self = .weights(try path())
        default:
            throw ModelError.unknownSpec(.spectrum, text: text)
        }
    }

    public var description: String {
        switch self {
        case .isotropic: return "isotropic"
        case .linear(let k): return "linear:\(k.shortDescription)"
        case .geometric(let k): return "geometric:\(k.shortDescription)"
        case .powerlaw(let a): return "powerlaw:\(a.shortDescription)"
        case .file(let path): return "file:\(path)"
        case .covariance(let path): return "covariance:\(path)"
        case .weights(let path): return "weights:\(path)"
        case .data(let path): return "data:\(path)"
        }
    }

    /// Eigenvalues for the parametric forms, in descending order.
    func parametricEigenvalues(d: Int) -> [Double] {
        let last = Double(max(d - 1, 1))
        switch self {
        case .isotropic:
            return [Double](repeating: 1, count: d)
        case .linear(let k):
            // 1 - (1 - 1/K) t for t = (i-1)/(d-1) in [0, 1].
            let span = 1 - 1 / k
            return (0..<d).map { 1 - span * Double($0) / last }
        case .geometric(let k):
            // exp(-log(K) t): exact at both ends, no accumulated rounding.
            let logK = Elementary.log(k)
            return (0..<d).map { Elementary.exp(-logK * Double($0) / last) }
        case .powerlaw(let a):
            return (0..<d).map { Elementary.pow(Double($0 + 1), -a) }
        case .file, .covariance, .weights, .data:
            preconditionFailure("file-based spectra are read by CovarianceModel or FinitePopulation")
        }
    }
}

extension Double {
    /// "2" rather than "2.0" for whole numbers; the shortest round-trip form otherwise.
    var shortDescription: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
