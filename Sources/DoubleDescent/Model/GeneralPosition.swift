import DDInput

/// The checks that a data set's rows are distinct and in general position (any d of them linearly
/// independent), which the exact sampling and the finite-population closed forms assume
/// (docs/MATH.md, "Finite populations").
///
/// General position is a condition on every d-subset of rows and cannot be checked exhaustively.
/// What is checked: no two rows are identical, no row is zero (such rows violate it for any d), and
/// the N x d matrix has full column rank d (`checkRank`; without it Sigma is singular).
package enum GeneralPosition {
    /// Refuses repeated rows and rows of zeros; `rowNumber` maps a 0-based data row to the file's row.
    public static func checkRows(_ rows: [[Double]], source: String, rowNumber: (Int) -> Int) throws {
        var firstSeen: [[Double]: Int] = [:]
        for (index, row) in rows.enumerated() {
            if row.allSatisfy({ $0 == 0 }) {
                throw InputError("\(source): row \(rowNumber(index)) is all zeros (rows must be in general position)")
            }
            if let earlier = firstSeen.updateValue(index, forKey: row) {
                throw InputError("\(source): rows \(rowNumber(earlier)) and \(rowNumber(index)) repeat the same features (rows must be distinct)")
            }
        }
    }

    /// Refuses a matrix whose numerical rank is below d: singular values at or below
    /// max(N, d) * eps * sv_1 (LAPACK's usual threshold) count as zero.
    public static func checkRank(singularValues sv: [Double], rows: Int, source: String) throws {
        let d = sv.count
        let threshold = Double(max(rows, d)) * Double.ulpOfOne * (sv.first ?? 0)
        let rank = sv.filter { $0 > threshold }.count
        guard rank == d, let largest = sv.first, largest > 0 else {
            throw InputError("\(source): the \(rows) x \(d) feature matrix has rank \(rank) < d = \(d) "
                + "(some column is a linear combination of the others); rows must be in general position")
        }
    }
}
