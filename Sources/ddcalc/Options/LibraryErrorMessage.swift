import ArgumentParser
import DoubleDescent

/// The one place where the library's typed errors become the command line's one-line messages:
/// each library parameter is named by its flag, each file by the flag it was given to
/// (docs/OUTPUT.md, "Exit codes and standard error"). The library's own descriptions never name flags.
enum LibraryErrorMessage {
    /// The line for a library error, or nil for any other error. `sampleSize` is the flag that gave n.
    static func line(for error: any Error, sampleSize: String = "--n") -> String? {
        switch error {
        case let error as ModelError: return line(error, sampleSize: sampleSize)
        case let error as InputFileError: return line(error)
        case let error as GridError: return line(error)
        case let error as SimulationError: return line(error)
        case let error as NumberParsing.ListError: return "--ns: \(error)"
        default: return nil
        }
    }

    /// Runs `body`, turning a library error into an `InputError` with its line (exit 2, one line).
    static func mapping<T>(sampleSize: String = "--n", _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            guard let line = line(for: error, sampleSize: sampleSize) else { throw error }
            throw InputError(line)
        }
    }

    /// The flag that sets `parameter`.
    static func flag(_ parameter: ModelParameter, sampleSize: String = "--n") -> String {
        switch parameter {
        case .dimension: return "--d"
        case .spectrum: return "--spectrum"
        case .wstar: return "--wstar"
        case .wnorm: return "--wnorm"
        case .sigma: return "--sigma"
        case .features: return "--features"
        case .population: return "--data"
        case .sampleSize, .lambda: return sampleSize
        case .response: return "--response"
        }
    }

    static func flag(_ parameter: GridParameter) -> String {
        switch parameter {
        case .nMin: return "--n-min"
        case .nMax: return "--n-max"
        case .points: return "--points"
        case .list: return "--ns"
        case .dMin: return "--d-min"
        case .dMax: return "--d-max"
        }
    }

    static func line(_ error: ModelError, sampleSize: String = "--n") -> String {
        switch error {
        case .dimensionRequired(let spec): return "--d: required with --spectrum \(spec)"
        case .sampleSizeTooLarge(let n, _):
            return "\(sampleSize): cannot draw a design at n = \(n); a draw has at most 2^52 (about 4.5e15) rows "
                + "(the closed forms alone, --trials 0 or `ddcalc point`, have no limit)"
        case .dependentFeatures(let law):
            return "--features \(law.rawValue): --vary d needs independent feature coordinates (gaussian or uniform)"
        case .quadratureDidNotConverge:
            return "--response \(error.reason); lower --wnorm"
        case .population(_, let path):
            return "--data\(path.map { " " + $0 } ?? ""): \(error.reason)"
        default:
            return "\(flag(error.parameter, sampleSize: sampleSize)): \(error.reason)"
        }
    }

    /// The flag a file of `role` is given to, as in "--spectrum file".
    static func flag(_ role: InputFileRole) -> String {
        switch role {
        case .eigenvalues: return "--spectrum file"
        case .covariance: return "--spectrum covariance"
        case .weights: return "--spectrum weights"
        case .wstar: return "--wstar file"
        case .dataSet: return "--data"
        }
    }

    static func line(_ error: InputFileError) -> String {
        let path = error.path
        let source = error.role == .dataSet ? "--data \(path)" : "\(flag(error.role)):\(path)"
        if error.isReadFailure { return "\(flag(error.role)): file '\(path)' \(error.reason)" }
        switch error.problem {
        case .columnOutOfRange(let column, let columns):
            return "--target \(Excerpt.of(column)): column index out of range for --data \(path) (it has \(columns) columns)"
        case .noSuchColumn(let column, let header):
            let known = header.map { ": columns are " + Excerpt.of($0.joined(separator: ", ")) }
                ?? " (the file has no header; give a 1-based index)"
            return "--target \(Excerpt.of(column)): no such column in --data \(path)\(known)"
        case .noFeatureColumns: return "\(source): no feature columns are left besides the --target column"
        case .dimension(let count, let expected) where error.role != .wstar:
            return "\(source): the file has dimension \(count) but --d is \(expected)"
        default: return "\(source): \(error.reason)"
        }
    }

    static func line(_ error: GridError) -> String {
        switch error {
        case .listWithBounds: return "--ns: cannot be combined with --n-min, --n-max or --points"
        case .emptyRange(let lower, let upper): return "--n-min (\(lower)) is larger than --n-max (\(upper))"
        case .emptyDimensionRange(let lower, let upper): return "--d-min (\(lower)) is larger than --d-max (\(upper))"
        case .dimensionAboveModel(let d, let total): return "--d-max: at most the model's dimension --d = \(total), got \(d)"
        default: return "\(flag(error.parameter)): \(error.reason)"
        }
    }

    static func line(_ error: SimulationError) -> String { "--\(error)" }
}
