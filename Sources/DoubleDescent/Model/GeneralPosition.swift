
/// The checks that a data set's rows are distinct and in general position (any d of them linearly
/// independent), which the exact sampling and the finite-population closed forms assume
/// (docs/MATH.md, "Finite populations").
///
/// General position is a condition on every d-subset of rows and cannot be checked exhaustively.
/// What is checked: no two rows are identical, no row is zero (such rows violate it for any d), and
/// the N x d matrix has full column rank d (`checkRank`; without it Sigma is singular).
package enum GeneralPosition {
    /// Refuses repeated rows and rows of zeros; `rowNumber` maps a 0-based data row to the file's row.
    /// Throws `ModelError.population` with `path`.
    package static func checkRows(_ rows: [[Double]], path: String?, rowNumber: (Int) -> Int) throws {
        var firstSeen: [[Double]: Int] = [:]
        for (index, row) in rows.enumerated() {
            if row.allSatisfy({ $0 == 0 }) {
                throw ModelError.population(.zeroRow(rowNumber(index)), path: path)
            }
            if let earlier = firstSeen.updateValue(index, forKey: row) {
                throw ModelError.population(.repeatedRows(rowNumber(earlier), rowNumber(index)), path: path)
            }
        }
    }

    /// Refuses a matrix whose numerical rank is below d: singular values at or below
    /// max(N, d) * eps * sv_1 (LAPACK's usual threshold) count as zero.
    package static func checkRank(singularValues sv: [Double], rows: Int, path: String?) throws {
        let d = sv.count
        let threshold = Double(max(rows, d)) * Double.ulpOfOne * (sv.first ?? 0)
        let rank = sv.filter { $0 > threshold }.count
        guard rank == d, let largest = sv.first, largest > 0 else {
            throw ModelError.population(.rankDeficient(rank: rank, rows: rows, features: d), path: path)
        }
    }
}
