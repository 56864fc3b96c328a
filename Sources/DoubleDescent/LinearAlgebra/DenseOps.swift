/// Small dense kernels on column-major matrices, in Swift with a fixed operation order (their
/// results reach outputs: designs and w* mapped to original coordinates), so the bits depend only
/// on the inputs. The benchmark's dgemm yardstick is `LAPACKDecompositionReference.multiplySquare`.
package enum DenseOps {
    /// y = A x for a column-major rows x columns matrix A: y = sum_j x_j a_j, columns in order.
    package static func multiply(columnMajor a: [Double], rows: Int, columns: Int, vector x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: rows)
        a.withUnsafeBufferPointer { a in
            y.withUnsafeMutableBufferPointer { y in
                for j in 0..<columns { LaneDot.axpy(x[j], a.baseAddress! + j * rows, y.baseAddress!, count: rows) }
            }
        }
        return y
    }

    /// y = A^T x for a column-major rows x columns matrix A: y_j = a_j . x (`LaneDot.of`).
    package static func multiplyTransposed(columnMajor a: [Double], rows: Int, columns: Int, vector x: [Double]) -> [Double] {
        a.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
                (0..<columns).map { LaneDot.of(a.baseAddress! + $0 * rows, x.baseAddress!, count: rows) }
            }
        }
    }

    /// A B^T for column-major A (rows x inner) and B (columns x inner): the rows of A mapped by B.
    /// Column j of the result is sum_k B_jk a_k, k in order.
    package static func multiplyByTransposed(columnMajor a: [Double], rows: Int, inner: Int,
                                            _ b: [Double], columns: Int) -> [Double] {
        var c = [Double](repeating: 0, count: rows * columns)
        a.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                for j in 0..<columns {
                    for k in 0..<inner {
                        LaneDot.axpy(b[j + k * columns], a.baseAddress! + k * rows, c.baseAddress! + j * rows, count: rows)
                    }
                }
            }
        }
        return c
    }
}
