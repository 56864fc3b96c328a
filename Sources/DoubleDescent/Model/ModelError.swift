import DDInput
import Foundation

/// The parameter of a model or of a point on its curve that an error is about, named as in the
/// library's initialisers (`CovarianceModel(spec:d:)`, `RegressionModel(...)`, `evaluate(n:)`).
public enum ModelParameter: String, CaseIterable, Equatable, Sendable {
    /// d.
    case dimension
    /// The `SpectrumSpec`.
    case spectrum
    /// The `WStarSpec`.
    case wstar
    /// The norm of w*.
    case wnorm
    /// The noise standard deviation.
    case sigma
    /// The `FeatureLaw`.
    case features
    /// The rows of a data set (`FinitePopulation`).
    case population
    /// The sample size n.
    case sampleSize
    /// The response law of the ridge check.
    case response
    /// The ridge level lambda_n of a surrogate draw with n < d.
    case lambda
}

/// The rows of a data set cannot be a finite population (docs/MATH.md, "Finite populations").
/// Row numbers are 1-based: the file's record numbers for a `DataSetFile` (the header counts),
/// else the index in the rows given.
public enum PopulationProblem: Equatable, Sendable {
    case noFeatureColumns
    /// A row with `columns` entries where the first row has `expected`.
    case raggedRow(Int, columns: Int, expected: Int)
    /// A row holding NaN or an infinity.
    case notFinite(row: Int)
    /// General position needs at least d rows.
    case tooFewRows(rows: Int, features: Int)
    case zeroRow(Int)
    case repeatedRows(Int, Int)
    case rankDeficient(rank: Int, rows: Int, features: Int)
    /// An eigenvalue of Sigma = A^T A / N outside [1e-150, 1e150].
    case scale(eigenvalue: Double)
}

/// A model, or a point on its curve, that the library cannot build or evaluate: a parameter out of
/// its domain or a specification string that does not parse. Every case carries the offending value
/// and names its `parameter`; `description` says what is wrong in the library's terms.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// A spec string whose kind is not known (`text` is the whole string).
    case unknownSpec(ModelParameter, text: String)
    /// `kind` needs a value after the colon, as in `kind:placeholder` (e.g. `linear:K`, `file:PATH`).
    case missingSpecValue(ModelParameter, kind: String, placeholder: String)
    /// `kind` takes no value, but one was given.
    case unexpectedSpecValue(ModelParameter, kind: String, value: String)
    /// The value of `kind:value` is not a finite number.
    case notANumber(ModelParameter, kind: String, value: String)
    /// `linear:K` or `geometric:K` with K < 1.
    case conditionNumberBelowOne(kind: String, value: Double)
    /// `powerlaw:A` with A < 0.
    case negativeExponent(Double)
    /// `random:SEED` with a seed that is not an unsigned 64-bit integer.
    case invalidSeed(String)
    /// d < 1.
    case invalidDimension(Int)
    /// d above `CovarianceModel.maximumDimension`.
    case dimensionTooLarge(Int, limit: Int)
    /// A truncation to more eigen-directions than the model's `dimension`.
    case truncationAboveDimension(Int, dimension: Int)
    /// A parametric spectrum needs d.
    case dimensionRequired(SpectrumSpec)
    /// The smallest eigenvalue of a parametric spectrum underflows to 0 at dimension d.
    case spectrumUnderflow(SpectrumSpec, dimension: Int)
    /// A spectrum the initialiser does not build (a data set's, which `FinitePopulation` builds).
    case unsupportedSpectrum(SpectrumSpec)
    /// `wnorm` or `sigma` that is negative, infinite or NaN.
    case notFiniteNonNegative(ModelParameter, Double)
    /// n that is not positive and finite.
    case invalidSampleSize(Double)
    /// A real n where a design of an integer number of i.i.d. rows is needed.
    case nonIntegerSampleSize(Double)
    /// n above `SampleSizeLimit.maximum`, the most rows a drawn design can have.
    case sampleSizeTooLarge(Double, limit: Double)
    /// A feature law whose coordinates are not independent, where truncating features needs them.
    case dependentFeatures(FeatureLaw)
    /// lambda_n (or a ridge level) that is missing (nil) where a surrogate draw with n < d needs it,
    /// negative or not finite.
    case invalidLambda(Double?)
    /// The Gauss-Hermite quadrature of E[f'(x^T w*)] for `response` did not converge at
    /// tau = ||w*||_Sigma.
    case quadratureDidNotConverge(response: String, tau: Double)
    /// Rows that cannot be a finite population; `path` is the data set's file when it has one.
    case population(PopulationProblem, path: String?)

    /// The parameter at fault.
    public var parameter: ModelParameter {
        switch self {
        case .unknownSpec(let parameter, _), .missingSpecValue(let parameter, _, _), .unexpectedSpecValue(let parameter, _, _),
             .notANumber(let parameter, _, _), .notFiniteNonNegative(let parameter, _):
            return parameter
        case .conditionNumberBelowOne, .negativeExponent, .spectrumUnderflow, .unsupportedSpectrum: return .spectrum
        case .invalidSeed: return .wstar
        case .invalidDimension, .dimensionTooLarge, .dimensionRequired, .truncationAboveDimension: return .dimension
        case .invalidSampleSize, .nonIntegerSampleSize, .sampleSizeTooLarge: return .sampleSize
        case .dependentFeatures: return .features
        case .quadratureDidNotConverge: return .response
        case .invalidLambda: return .lambda
        case .population: return .population
        }
    }

    /// What is wrong, without the parameter's name (which `description` adds).
    public var reason: String {
        switch self {
        case .unknownSpec(let parameter, let text):
            let noun = [.spectrum: "spectrum", .wstar: "weights", .features: "law"][parameter] ?? "specification"
            return "unknown \(noun) '\(Excerpt.of(text))' (expected \(Self.expected(parameter)))"
        case .missingSpecValue(_, let kind, let placeholder):
            return "'\(Excerpt.of(kind))' needs a \(placeholder == "PATH" ? "path" : "value"), as in '\(Excerpt.of(kind)):\(placeholder)'"
        case .unexpectedSpecValue(_, let kind, let value): return "'\(Excerpt.of(kind))' takes no value, got '\(Excerpt.of(value))'"
        case .notANumber(_, let kind, let value): return "\(Excerpt.of(kind)): '\(Excerpt.of(value))' is not a finite number"
        case .conditionNumberBelowOne(let kind, let value): return "\(kind): K must be at least 1 (the condition number), got \(value)"
        case .negativeExponent(let value): return "powerlaw: the exponent A must be non-negative, got \(value)"
        case .invalidSeed(let text): return "random seed '\(Excerpt.of(text))' is not an unsigned 64-bit integer"
        case .invalidDimension(let d): return "the dimension must be a positive integer, got \(d)"
        case .dimensionTooLarge(let d, let limit): return "at most \(limit), got \(d)"
        case .truncationAboveDimension(let d, let total): return "a truncation keeps at most the model's \(total) eigen-directions, got \(d)"
        case .dimensionRequired(let spec): return "required with the spectrum \(spec)"
        case .spectrumUnderflow(let spec, let d): return "\(spec): the smallest eigenvalue underflows to 0 at d = \(d)"
        case .unsupportedSpectrum(let spec): return "\(spec) is built by FinitePopulation, not CovarianceModel"
        case .notFiniteNonNegative(_, let value): return "must be a finite non-negative number, got \(value)"
        case .invalidSampleSize(let n): return "must be a positive finite number, got \(n)"
        case .nonIntegerSampleSize(let n): return "an i.i.d. design needs an integer n, got \(n)"
        case .sampleSizeTooLarge(let n, _):
            return "cannot draw a design at n = \(n); a draw has at most 2^52 (about 4.5e15) rows (the closed forms have no such limit)"
        case .dependentFeatures(let law):
            return "\(law.rawValue): truncating features needs independent feature coordinates (gaussian or uniform)"
        case .invalidLambda(let lambda):
            return "lambda must be finite and non-negative (a surrogate draw with n < d needs lambda_n), got \(lambda.map { "\($0)" } ?? "none")"
        case .quadratureDidNotConverge(let response, let tau):
            return "\(response): the quadrature for E[f'(x^T w*)] did not converge "
                + "(||w*||_Sigma = \(String(format: "%.6g", tau)) is too large for 8193 nodes); lower the norm of w*"
        case .population(let problem, _): return Self.describe(problem)
        }
    }

    public var description: String {
        if case .population(_, let path?) = self { return "data set '\(Excerpt.of(path, limit: .max))': \(reason)" }
        return "\(parameter.rawValue): \(reason)"
    }

    public var errorDescription: String? { description }

    /// The forms a spec string can take.
    package static func expected(_ parameter: ModelParameter) -> String {
        switch parameter {
        case .spectrum: return "isotropic, linear:K, geometric:K, powerlaw:A, file:PATH or covariance:PATH"
        case .wstar: return "isotropic, random[:SEED], top, bottom or file:PATH"
        case .features: return FeatureLaw.allCases.map(\.rawValue).joined(separator: ", ")
        default: return "a valid \(parameter.rawValue)"
        }
    }

    static func describe(_ problem: PopulationProblem) -> String {
        switch problem {
        case .noFeatureColumns: return "no feature columns"
        case .raggedRow(let row, let columns, let expected): return "row \(row) has \(columns) features, expected \(expected)"
        case .notFinite(let row): return "row \(row) holds a value that is not a finite number"
        case .tooFewRows(let rows, let d): return "\(rows) rows but \(d) features; general position needs at least d rows"
        case .zeroRow(let row): return "row \(row) is all zeros (rows must be in general position)"
        case .repeatedRows(let first, let second):
            return "rows \(first) and \(second) repeat the same features (rows must be distinct)"
        case .rankDeficient(let rank, let rows, let d):
            return "the \(rows) x \(d) feature matrix has rank \(rank) < d = \(d) "
                + "(some column is a linear combination of the others); rows must be in general position"
        case .scale(let s):
            return "the features are too \(s > 1 ? "large" : "small") for double precision "
                + "(an eigenvalue of Sigma = A^T A / N is \(s), outside [1e-150, 1e150]); rescale the columns"
        }
    }
}
