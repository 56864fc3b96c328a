/// Dot products of contiguous doubles in a fixed order, for the one-off factorizations
/// (`SymmetricEigen`, `ThinSVD`, `TallQR`).
package enum LaneDot {
    /// x_0 y_0 + ... + x_(n-1) y_(n-1), accumulated like `SquaredNorm.of`: eight interleaved lanes
    /// (two SIMD4 vectors: term i goes to lane i mod 8) over the first 8 floor(n / 8) terms, the rest
    /// one by one, the lanes added at the end, then the rest. Products and sums are rounded separately
    /// (no fused multiply-add, which a CPU may lack). The order depends only on n, so the result is
    /// the same bits on every machine; the lanes let the additions overlap.
    @inline(__always)
    package static func of(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> Double {
        var even = SIMD4<Double>.zero, odd = SIMD4<Double>.zero
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var i = 0
        while i + 8 <= n {
            even += rx.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
                * ry.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            odd += rx.loadUnaligned(fromByteOffset: 8 * (i + 4), as: SIMD4<Double>.self)
                * ry.loadUnaligned(fromByteOffset: 8 * (i + 4), as: SIMD4<Double>.self)
            i += 8
        }
        var tail = 0.0
        while i < n {
            tail += x[i] * y[i]
            i += 1
        }
        return total(even + odd) + tail
    }

    /// (x . x, y . y, x . y) in one pass, each accumulated as in `of`.
    @inline(__always)
    package static func gram(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> (Double, Double, Double) {
        var xx = SIMD4<Double>.zero, yy = SIMD4<Double>.zero, xy = SIMD4<Double>.zero
        var xx2 = SIMD4<Double>.zero, yy2 = SIMD4<Double>.zero, xy2 = SIMD4<Double>.zero
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var i = 0
        while i + 8 <= n {
            let a = rx.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            let b = ry.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            let a2 = rx.loadUnaligned(fromByteOffset: 8 * (i + 4), as: SIMD4<Double>.self)
            let b2 = ry.loadUnaligned(fromByteOffset: 8 * (i + 4), as: SIMD4<Double>.self)
            xx += a * a
            yy += b * b
            xy += a * b
            xx2 += a2 * a2
            yy2 += b2 * b2
            xy2 += a2 * b2
            i += 8
        }
        var txx = 0.0, tyy = 0.0, txy = 0.0
        while i < n {
            txx += x[i] * x[i]
            tyy += y[i] * y[i]
            txy += x[i] * y[i]
            i += 1
        }
        return (total(xx + xx2) + txx, total(yy + yy2) + tyy, total(xy + xy2) + txy)
    }

    /// (v_0 + v_1) + (v_2 + v_3): written out, since `SIMD.sum()` leaves its order unspecified.
    @inline(__always)
    private static func total(_ v: SIMD4<Double>) -> Double { (v[0] + v[1]) + (v[2] + v[3]) }

    /// y_i += a x_i for i < n (element by element: no order to fix).
    @inline(__always)
    package static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int) {
        for i in 0..<n { y[i] += a * x[i] }
    }

    /// sqrt(x^2 + y^2) without overflow or underflow, from IEEE operations only (libm's hypot may
    /// differ between C libraries).
    @inline(__always)
    package static func hypot(_ x: Double, _ y: Double) -> Double {
        let a = max(abs(x), abs(y)), b = min(abs(x), abs(y))
        guard a > 0, a.isFinite else { return a }
        let r = b / a
        return a * (1 + r * r).squareRoot()
    }
}
