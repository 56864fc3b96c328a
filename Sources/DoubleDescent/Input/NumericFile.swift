import Foundation

/// An input file of numbers (a spectrum, covariance, weight matrix, w* or data set): a NumPy `.npy`
/// array or text. The file's first bytes decide: the `.npy` magic `\x93NUMPY` makes it an array
/// whatever its name, and a name ending in `.npy` without that magic is refused rather than read as text.
package enum NumericFile {
    case npy(NPYArray)
    case text(String)

    /// Reads `path`; `flag` names the option in file errors, `source` the option and file in format errors.
    package static func read(_ path: String, flag: String, source: String) throws -> NumericFile {
        let data = try TextFile.contents(path, flag: flag)
        if NPYArray.hasMagic(data) || path.lowercased().hasSuffix(".npy") {
            return .npy(try NPYArray(data: data, source: source))
        }
        return .text(try TextFile.text(of: data, path: path, flag: flag))
    }

    /// The file as a table of numbers: a 2-d array's rows, or the text parsed as CSV (with a header
    /// row when `allowHeader` and the first row is not numeric).
    package func table(source: String, allowHeader: Bool) throws -> NumericCSV {
        switch self {
        case .npy(let array): return NumericCSV(rows: try array.matrixRows(source: source))
        case .text(let text): return try NumericCSV(text: text, source: source, allowHeader: allowHeader)
        }
    }
}
