import Foundation

/// What a file the library reads holds: the model input it is read as.
public enum InputFileRole: String, CaseIterable, Equatable, Sendable {
    /// Sigma's eigenvalues, one per line (`SpectrumSpec.file`).
    case eigenvalues
    /// Sigma as a d x d CSV matrix (`SpectrumSpec.covariance`).
    case covariance
    /// A weight matrix W, rows x d, whose W^T W / rows gives Sigma's eigenvalues (`SpectrumSpec.weights`).
    case weights
    /// The d numbers of w* (`WStarSpec.file`).
    case wstar
    /// A data set, one row per sample (`DataSetFile`).
    case dataSet

    /// The file's role in words, for messages.
    public var noun: String {
        switch self {
        case .eigenvalues: return "eigenvalue file"
        case .covariance: return "covariance file"
        case .weights: return "weight matrix file"
        case .wstar: return "w* file"
        case .dataSet: return "data set"
        }
    }
}

/// A file that cannot be used as the input it was given as: unreadable, not text, not numbers, or
/// numbers of the wrong shape. It names the file and, where it applies, the line, row or column.
public struct InputFileError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The path as given.
    public let path: String
    public let role: InputFileRole
    public let problem: Problem

    /// Where in a file a value sits (1-based).
    public enum Position: Equatable, Sendable {
        /// A line of a one-number-per-line file.
        case line(Int)
        /// The i-th number of a list separated by commas, white space or new lines.
        case entry(Int)
        /// A CSV cell: its record (the header counts) and column.
        case cell(row: Int, column: Int)
    }

    public enum Problem: Equatable, Sendable {
        // Reading the file.
        case missing
        case directory
        case unreadable(reason: String?)
        /// Over `limit` bytes; `bytes` is the size when the file system knows it.
        case tooLarge(bytes: Int?, limit: Int)
        /// A pipe or device that sent a NUL byte.
        case notText
        case notUTF8
        /// A pipe or FIFO that sent nothing for `seconds`.
        case noData(seconds: Int)
        /// A NumPy `.npy` file the reader refuses (bad header, unsupported dtype, wrong shape, ...).
        case npy(reason: String)
        // Reading numbers.
        case notCSV(reason: String)
        case malformedCSV(reason: String)
        case notANumber(text: String, at: Position)
        /// A CSV row whose number of columns differs from the first row's (or the header's).
        case ragged(row: Int, columns: Int, expected: Int)
        /// No numbers at all.
        case noNumbers
        // The shape or values of what was read.
        case nonPositiveEigenvalue(text: String, at: Position)
        case notSquare(rows: Int, columns: Int)
        /// Entry (row, column) = `value` but (column, row) = `mirror`.
        case notSymmetric(row: Int, column: Int, value: Double, mirror: Double)
        case notPositiveDefinite(smallestEigenvalue: Double)
        /// A weight matrix with fewer rows than columns: W^T W / rows is singular.
        case wideWeightMatrix(rows: Int, columns: Int)
        /// An eigenvalue outside [1e-150, 1e150], where its square or s / (s + lambda) would not be a normal double.
        case eigenvalueOutOfRange(Double)
        /// The file gives `count` numbers or a `count` x `count` matrix; the model has dimension `expected`.
        case dimension(count: Int, expected: Int)
        /// The target column was the only column.
        case noFeatureColumns
        /// A target column name that is neither a header name nor a valid 1-based index.
        case noSuchColumn(String, header: [String]?)
        case columnOutOfRange(String, columns: Int)
    }

    public init(path: String, role: InputFileRole, problem: Problem) {
        self.path = path
        self.role = role
        self.problem = problem
    }

    /// The problem in words, without the file's name (which `description` adds).
    public var reason: String { Self.reason(problem, role: role) }

    /// `problem` in words; only `.noNumbers` and `.dimension` depend on the role.
    package static func reason(_ problem: Problem, role: InputFileRole) -> String {
        switch problem {
        case .missing: return "does not exist"
        case .directory: return "is a directory, not a file"
        case .unreadable(let reason): return "cannot be read" + (reason.map { " (\($0))" } ?? "")
        case .tooLarge(let bytes?, let limit):
            return "is \(ByteCountText.describe(Double(bytes))), over the \(ByteCountText.describe(Double(limit))) limit for input files"
        case .tooLarge(nil, let limit): return "is over the \(ByteCountText.describe(Double(limit))) limit for input files"
        case .notText: return "is not a text file (it holds a NUL byte)"
        case .notUTF8: return "is not UTF-8 text"
        case .noData(let seconds): return "gave no data for \(seconds) s (a FIFO nobody writes to?)"
        case .npy(let reason): return Excerpt.of(reason, limit: .max)
        case .notCSV(let reason): return "not a readable CSV file (\(Excerpt.of(reason)))"
        case .malformedCSV(let reason): return "malformed CSV (\(Excerpt.of(reason)))"
        case .notANumber(let text, let position): return "\(Self.describe(position)): '\(Excerpt.of(text))' is not a finite number"
        case .ragged(let row, let columns, let expected): return "row \(row) has \(columns) columns, expected \(expected) (ragged CSV)"
        case .noNumbers: return role == .eigenvalues ? "the file lists no eigenvalues" : "the file has no numeric rows"
        case .nonPositiveEigenvalue(let text, let position): return "\(Self.describe(position)): eigenvalue \(Excerpt.of(text)) is not positive"
        case .notSquare(let rows, let columns): return "the matrix is \(rows) x \(columns), not square"
        case .notSymmetric(let i, let j, let a, let b):
            return "the matrix is not symmetric (entry (\(i),\(j)) = \(a) but (\(j),\(i)) = \(b))"
        case .notPositiveDefinite(let smallest): return "Sigma is not positive definite (smallest eigenvalue \(smallest))"
        case .wideWeightMatrix(let rows, let columns):
            return "W is \(rows) x \(columns), so W^T W / rows has rank at most \(rows) < d = \(columns) "
                + "(rows must be at least columns; transpose W if its rows are the features)"
        case .eigenvalueOutOfRange(let value):
            return "an eigenvalue of W^T W / rows is \(value), outside [1e-150, 1e150]; rescale W"
        case .dimension(let count, let expected):
            return role == .wstar ? "has \(count) numbers but the model has dimension d = \(expected)"
                                  : "the file has dimension \(count) but the model's dimension d is \(expected)"
        case .noFeatureColumns: return "no feature columns are left besides the target column"
        case .noSuchColumn(let name, let header):
            let known = header.map { ": columns are " + Excerpt.of($0.joined(separator: ", ")) }
                ?? " (the file has no header; give a 1-based index)"
            return "no target column '\(Excerpt.of(name))'\(known)"
        case .columnOutOfRange(let name, let columns):
            return "target column index \(Excerpt.of(name)) is out of range (the file has \(columns) columns)"
        }
    }

    /// True when the file could not be read as text at all (as opposed to a problem with its content).
    public var isReadFailure: Bool {
        switch problem {
        case .missing, .directory, .unreadable, .tooLarge, .notText, .notUTF8, .noData: return true
        default: return false
        }
    }

    static func describe(_ position: Position) -> String {
        switch position {
        case .line(let line): return "line \(line)"
        case .entry(let index): return "entry \(index)"
        case .cell(let row, let column): return "row \(row), column \(column)"
        }
    }

    /// "eigenvalue file 'PATH': line 3: 'x' is not a finite number"; control characters in the
    /// path are escaped, so the message stays one line.
    public var description: String { "\(role.noun) '\(Excerpt.of(path, limit: .max))': \(reason)" }
    public var errorDescription: String? { description }
}
