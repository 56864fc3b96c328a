import Foundation

/// An input file of numbers (a spectrum, covariance, weight matrix, w* or data set): a NumPy `.npy`
/// array or text. The file's first bytes decide: the `.npy` magic `\x93NUMPY` makes it an array
/// whatever its name, and a name ending in `.npy` without that magic is refused rather than read as text.
/// Every failure is an `InputFileError` naming the file and the input it is read as.
package struct NumericFile {
    package enum Contents {
        case npy(NPYArray)
        case text(String)
    }

    package let path: String
    package let role: InputFileRole
    package let contents: Contents

    /// Reads `path` as `role`.
    package init(_ path: String, as role: InputFileRole) throws {
        self.path = path
        self.role = role
        contents = try Self.naming(path, role) {
            let data = try TextFile.contents(path)
            if NPYArray.hasMagic(data) || path.lowercased().hasSuffix(".npy") { return .npy(try NPYArray(data: data)) }
            guard let text = String(data: data, encoding: .utf8) else { throw TextFile.Failure(problem: .notUTF8) }
            return .text(TextFile.normalised(text))
        }
    }

    /// The file as a table of numbers: a 2-d array's rows, or the text parsed as CSV (with a header
    /// row when `allowHeader` and the first row is not numeric).
    package func table(allowHeader: Bool) throws -> NumericCSV {
        switch contents {
        case .npy(let array): return NumericCSV(rows: try Self.naming(path, role) { try array.matrixRows() })
        case .text(let text): return try NumericCSV(text: text, path: path, role: role, allowHeader: allowHeader)
        }
    }

    /// A 1-d array's values, or those `parseText` reads from a text file (in the caller's format).
    package func vector(parseText: (String) throws -> [Double]) throws -> [Double] {
        switch contents {
        case .npy(let array): return try Self.naming(path, role) { try array.vector() }
        case .text(let text): return try parseText(text)
        }
    }

    /// `body`, with its `NPYFailure`s and read failures turned into `InputFileError`s naming the file.
    private static func naming<T>(_ path: String, _ role: InputFileRole, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as NPYFailure {
            throw InputFileError(path: path, role: role, problem: .npy(reason: failure.reason))
        } catch let failure as TextFile.Failure {
            throw InputFileError(path: path, role: role, problem: failure.problem)
        }
    }
}
