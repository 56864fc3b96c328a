/// The deterministic order and signs of computed eigen- and singular pairs (`SymmetricEigen`,
/// `ThinSVD`), so that no output depends on an arbitrary choice of the algorithm.
enum SpectralOrder {
    /// Indices sorting `values` descending, equal values by index.
    static func descending(_ values: [Double]) -> [Int] {
        values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    }

    /// +1 or -1: the sign that makes the entry of largest magnitude of `column` (the first such)
    /// positive.
    static func sign(makingLargestPositive column: ArraySlice<Double>) -> Double {
        var pivot = column.startIndex
        for i in column.indices where abs(column[i]) > abs(column[pivot]) { pivot = i }
        return column[pivot] < 0 ? -1 : 1
    }
}
