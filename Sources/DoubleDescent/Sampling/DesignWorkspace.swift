import DDLinearAlgebra
import DDRandom

/// Storage for one design at a time, reused across draws so that the hot loop does not allocate:
/// the K x d matrix (column-major, leading dimension K), the kept eigen-directions and a scratch
/// vector for Householder reflections. It grows only when a draw needs more rows than ever before.
package final class DesignWorkspace {
    package let d: Int
    /// Rows of the current design.
    package private(set) var rows = 0
    let matrix: ScratchBuffer<Double>
    /// Indices of the eigen-directions kept by the surrogate's spectral selection.
    let selected: ScratchBuffer<Int>
    let scratch: ScratchBuffer<Double>
    /// Working storage of the rejection samplers (a proposal, a residual and an orthonormal basis);
    /// empty until one of them first runs.
    let rejectionScratch: ScratchBuffer<Double>

    package init(d: Int, maxRows: Int) {
        self.d = d
        matrix = ScratchBuffer(capacity: d * max(maxRows, 1), zero: 0.0)
        selected = ScratchBuffer(capacity: d, zero: 0)
        scratch = ScratchBuffer(capacity: max(maxRows, d), zero: 0.0)
        rejectionScratch = ScratchBuffer(capacity: 1, zero: 0.0)
    }

    /// Makes room for a design with `rows` rows and records that size.
    func prepare(rows k: Int) {
        matrix.reserve(k * d)
        scratch.reserve(k)
        rows = k
    }

    /// The start of every surrogate draw: the spectral selection of `plan` (the kept directions, in
    /// `selected`) and its extra i.i.d. rows, with room made for the k + extra rows.
    func prepareSurrogate(_ plan: SurrogatePlan, using rng: inout RandomStream) -> (kept: Int, extraRows: Int) {
        let (k, extraRows) = plan.select(into: selected.pointer, d: d, using: &rng)
        prepare(rows: k + extraRows)
        return (k, extraRows)
    }

    /// The current design, column-major with leading dimension `rows`.
    package var design: UnsafePointer<Double> { UnsafePointer(matrix.pointer) }

    /// A copy of the current design as an array (row-major when `rowMajor`), for printing and tests.
    package func copy(rowMajor: Bool) -> [Double] {
        let a = matrix.pointer
        if !rowMajor { return Array(UnsafeBufferPointer(start: a, count: rows * d)) }
        var out = [Double](repeating: 0, count: rows * d)
        for i in 0..<rows {
            for j in 0..<d { out[i * d + j] = a[i + j * rows] }
        }
        return out
    }

    /// Column j times `roots[j]` = sqrt(s_j): every row z becomes diag(sqrt(s)) z.
    func scaleColumns(by roots: [Double]) {
        let a = matrix.pointer
        for j in 0..<d {
            let scale = roots[j], column = a + j * rows
            for i in 0..<rows { column[i] *= scale }
        }
    }

    /// A uniformly random permutation of the rows (Fisher-Yates).
    func shuffleRows(using rng: inout RandomStream) {
        let a = matrix.pointer
        for i in stride(from: rows - 1, to: 0, by: -1) {
            let j = rng.index(below: i + 1)
            if i == j { continue }
            for c in 0..<d { swap(&a[i + c * rows], &a[j + c * rows]) }
        }
    }
}
