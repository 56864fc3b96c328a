/// Householder reflectors H = I - tau u u^T with u = [1; v], in LAPACK's convention (dlarfg, dlarf),
/// computed in plain IEEE arithmetic in an order fixed by this code: the bits depend on the inputs
/// and their sizes only (README.md, "Own kernels, fixed order").
///
/// Every sum of n products is a `dot`: four lanes (entry i goes to lane i mod 4) over the first
/// 4 floor(n / 4) entries, the rest added one by one to a fifth sum; then
/// ((lane0 + lane1) + (lane2 + lane3)) + rest. Products and sums are separate roundings (no fused
/// multiply-add), so the result is the same with any vector width the compiler picks.
package enum Householder {
    /// sum_i x_i y_i over n entries, in the fixed lane order above.
    @inline(__always)
    package static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> Double {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var lanes = SIMD4<Double>.zero
        var i = 0
        while i + 4 <= n {
            let a = rx.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            let b = ry.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            lanes = lanes + a * b
            i += 4
        }
        var rest = 0.0
        while i < n {
            rest = rest + x[i] * y[i]
            i += 1
        }
        return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + rest
    }

    /// alpha^2 + sum_i x_i^2 without overflow or harmful underflow: when the plain sum is not finite
    /// or falls below 2^-900, alpha and x are divided by a power of two (exactly) and the sum of
    /// the scaled squares is returned with that power: the true sum is scale^2 * sum.
    static func scaledSquares(_ x: UnsafePointer<Double>, count n: Int, extra alpha: Double)
        -> (scale: Double, sum: Double) {
        let plain = alpha * alpha + dot(x, x, count: n)
        if plain.isFinite && plain >= 0x1p-900 { return (1, plain) }
        var largest = abs(alpha)
        for i in 0..<n { largest = max(largest, abs(x[i])) }
        guard largest.isFinite, largest > 0 else { return (1, plain) }
        // 2^e with largest / 2^e in [1, 2): every scaled square is below 4.
        let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
        var lanes = SIMD4<Double>.zero
        var i = 0
        while i + 4 <= n {
            let a = SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3]) / scale
            lanes = lanes + a * a
            i += 4
        }
        var rest = 0.0
        while i < n {
            let a = x[i] / scale
            rest = rest + a * a
            i += 1
        }
        let e = alpha / scale
        return (scale, e * e + (((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + rest))
    }

    /// The reflector that maps [alpha; x] (x: n entries) to [beta; 0] (dlarfg): beta =
    /// -sign(alpha) ||[alpha; x]||, tau = (beta - alpha) / beta, v = x / (alpha - beta), which
    /// overwrites x. When x = 0, tau = 0 and H = I (beta = alpha, x unchanged).
    package static func generate(alpha: Double, x: UnsafeMutablePointer<Double>, count n: Int)
        -> (beta: Double, tau: Double) {
        guard (0..<n).contains(where: { x[$0] != 0 }) else { return (alpha, 0) }
        let (scale, squares) = scaledSquares(x, count: n, extra: alpha)
        let norm = scale * squares.squareRoot()
        let beta = alpha >= 0 ? -norm : norm
        let tau = (beta - alpha) / beta
        let divisor = alpha - beta
        for i in 0..<n { x[i] = x[i] / divisor }
        return (beta, tau)
    }

    /// C := H C for `columns` columns c of C, each given as one entry top[c * topStride] above n
    /// entries bottom[c * bottomStride ..< c * bottomStride + n]:
    ///
    ///     w = top_c + dot(v, bottom_c),  t = tau w,  top_c -= t,  bottom_c -= t v.
    ///
    /// Four columns at a time share the loads of v; each column's dot keeps its own lanes, so the
    /// grouping does not change any bit.
    package static func reflect(tau: Double, v: UnsafePointer<Double>, count n: Int,
                                top: UnsafeMutablePointer<Double>, topStride: Int,
                                bottom: UnsafeMutablePointer<Double>, bottomStride: Int, columns: Int) {
        guard tau != 0, columns > 0 else { return }
        let rv = UnsafeRawPointer(v)
        var c = 0
        while c + 4 <= columns {
            let b0 = bottom + c * bottomStride, b1 = b0 + bottomStride, b2 = b1 + bottomStride, b3 = b2 + bottomStride
            let r0 = UnsafeMutableRawPointer(b0), r1 = UnsafeMutableRawPointer(b1)
            let r2 = UnsafeMutableRawPointer(b2), r3 = UnsafeMutableRawPointer(b3)
            var l0 = SIMD4<Double>.zero, l1 = l0, l2 = l0, l3 = l0
            var i = 0
            while i + 4 <= n {
                let o = 8 * i
                let x = rv.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                l0 = l0 + x * r0.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                l1 = l1 + x * r1.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                l2 = l2 + x * r2.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                l3 = l3 + x * r3.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                i += 4
            }
            let split = i
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            while i < n {
                s0 = s0 + v[i] * b0[i]
                s1 = s1 + v[i] * b1[i]
                s2 = s2 + v[i] * b2[i]
                s3 = s3 + v[i] * b3[i]
                i += 1
            }
            let t0 = tau * (top[c * topStride] + (((l0[0] + l0[1]) + (l0[2] + l0[3])) + s0))
            let t1 = tau * (top[(c + 1) * topStride] + (((l1[0] + l1[1]) + (l1[2] + l1[3])) + s1))
            let t2 = tau * (top[(c + 2) * topStride] + (((l2[0] + l2[1]) + (l2[2] + l2[3])) + s2))
            let t3 = tau * (top[(c + 3) * topStride] + (((l3[0] + l3[1]) + (l3[2] + l3[3])) + s3))
            top[c * topStride] -= t0
            top[(c + 1) * topStride] -= t1
            top[(c + 2) * topStride] -= t2
            top[(c + 3) * topStride] -= t3
            i = 0
            while i + 4 <= n {
                let o = 8 * i
                let x = rv.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                r0.storeBytes(of: r0.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) - t0 * x,
                              toByteOffset: o, as: SIMD4<Double>.self)
                r1.storeBytes(of: r1.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) - t1 * x,
                              toByteOffset: o, as: SIMD4<Double>.self)
                r2.storeBytes(of: r2.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) - t2 * x,
                              toByteOffset: o, as: SIMD4<Double>.self)
                r3.storeBytes(of: r3.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) - t3 * x,
                              toByteOffset: o, as: SIMD4<Double>.self)
                i += 4
            }
            for i in split..<n {
                b0[i] -= t0 * v[i]
                b1[i] -= t1 * v[i]
                b2[i] -= t2 * v[i]
                b3[i] -= t3 * v[i]
            }
            c += 4
        }
        while c < columns {
            let b = bottom + c * bottomStride
            let t = tau * (top[c * topStride] + dot(v, b, count: n))
            top[c * topStride] -= t
            for i in 0..<n { b[i] -= t * v[i] }
            c += 1
        }
    }
}

/// Four reflectors at once, in compact WY form (LAPACK's dlarft and dlarfb for a panel of four):
/// H_0 H_1 H_2 H_3 = I - U T U^T with U = [u_0 u_1 u_2 u_3] unit lower trapezoidal and T upper
/// triangular, T_pp = tau_p, T[0..<p, p] = -tau_p T[0..<p, 0..<p] (U[:, 0..<p]^T u_p). Applying the
/// four to a column reads and writes it once instead of four times (the solver's QR of a tall
/// design spends most of its time streaming its trailing columns).
package struct HouseholderPanel {
    /// Column p of U below its unit entry: u_p[i] for i > p is v[i + p * ld].
    let v: UnsafePointer<Double>
    let ld: Int
    /// Rows of the panel (from its first row down).
    let rows: Int
    /// T, upper triangular, by columns: t_q[p] = T[p, q] for p <= q, 0 below.
    private let t0: SIMD4<Double>, t1: SIMD4<Double>, t2: SIMD4<Double>, t3: SIMD4<Double>

    package init(reflectors v: UnsafePointer<Double>, ld: Int, rows: Int, tau: UnsafePointer<Double>) {
        self.v = v
        self.ld = ld
        self.rows = rows
        var columns = (SIMD4<Double>.zero, SIMD4<Double>.zero, SIMD4<Double>.zero, SIMD4<Double>.zero)
        for p in 0..<4 {
            // z_q = u_q . u_p = u_q[p] + sum_{i > p} u_q[i] u_p[i] for q < p.
            var z = SIMD4<Double>.zero
            for q in 0..<p {
                z[q] = v[p + q * ld] + Householder.dot(v + q * ld + p + 1, v + p * ld + p + 1, count: rows - p - 1)
            }
            // T[q, p] = -tau_p sum_{r = q}^{p - 1} T[q, r] z_r.
            var t = SIMD4<Double>.zero
            for q in 0..<p {
                var s = 0.0
                for r in q..<p { s = s + Self.entry(columns, q, r) * z[r] }
                t[q] = -tau[p] * s
            }
            t[p] = tau[p]
            switch p {
            case 0: columns.0 = t
            case 1: columns.1 = t
            case 2: columns.2 = t
            default: columns.3 = t
            }
        }
        (t0, t1, t2, t3) = columns
    }

    /// T[p, q] from the columns built so far.
    private static func entry(_ columns: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>), _ p: Int,
                              _ q: Int) -> Double {
        switch q {
        case 0: columns.0[p]
        case 1: columns.1[p]
        case 2: columns.2[p]
        default: columns.3[p]
        }
    }

    /// C := (H_0 H_1 H_2 H_3)^T C = C - U T^T (U^T C) for `count` columns of C (leading dimension
    /// ldc, `c` at the panel's first row). Per column: w = U^T c (the four unit-triangle rows in
    /// order, then `Householder.dot`'s lanes over the rows below, added last), w' = T^T w (ascending
    /// p), c -= u_0 w'_0, then u_1 w'_1, u_2 w'_2, u_3 w'_3.
    package func applyTranspose(to c: UnsafeMutablePointer<Double>, ldc: Int, columns count: Int) {
        let n = rows, below = n - 4
        let u0 = v, u1 = v + ld, u2 = v + 2 * ld, u3 = v + 3 * ld
        let r0 = UnsafeRawPointer(u0 + 4), r1 = UnsafeRawPointer(u1 + 4)
        let r2 = UnsafeRawPointer(u2 + 4), r3 = UnsafeRawPointer(u3 + 4)
        for column in 0..<count {
            let x = c + column * ldc
            let rx = UnsafeMutableRawPointer(x + 4)
            var l0 = SIMD4<Double>.zero, l1 = l0, l2 = l0, l3 = l0
            var i = 0
            while i + 4 <= below {
                let o = 8 * i
                let xi = rx.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                l0 = l0 + r0.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * xi
                l1 = l1 + r1.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * xi
                l2 = l2 + r2.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * xi
                l3 = l3 + r3.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * xi
                i += 4
            }
            let split = i
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            while i < below {
                let xi = x[4 + i]
                s0 = s0 + u0[4 + i] * xi
                s1 = s1 + u1[4 + i] * xi
                s2 = s2 + u2[4 + i] * xi
                s3 = s3 + u3[4 + i] * xi
                i += 1
            }
            // The unit triangle's rows 0..<4, then the lanes.
            let w0 = ((((x[0] + u0[1] * x[1]) + u0[2] * x[2]) + u0[3] * x[3])
                      + (((l0[0] + l0[1]) + (l0[2] + l0[3])) + s0))
            let w1 = (((x[1] + u1[2] * x[2]) + u1[3] * x[3]) + (((l1[0] + l1[1]) + (l1[2] + l1[3])) + s1))
            let w2 = ((x[2] + u2[3] * x[3]) + (((l2[0] + l2[1]) + (l2[2] + l2[3])) + s2))
            let w3 = (x[3] + (((l3[0] + l3[1]) + (l3[2] + l3[3])) + s3))
            // w' = T^T w: w'_q = sum_{p <= q} T[p, q] w_p, t_q holding column q of T.
            let y0 = t0[0] * w0
            let y1 = t1[0] * w0 + t1[1] * w1
            let y2 = (t2[0] * w0 + t2[1] * w1) + t2[2] * w2
            let y3 = ((t3[0] * w0 + t3[1] * w1) + t3[2] * w2) + t3[3] * w3
            x[0] = x[0] - y0
            x[1] = (x[1] - u0[1] * y0) - y1
            x[2] = ((x[2] - u0[2] * y0) - u1[2] * y1) - y2
            x[3] = (((x[3] - u0[3] * y0) - u1[3] * y1) - u2[3] * y2) - y3
            i = 0
            while i + 4 <= below {
                let o = 8 * i
                var xi = rx.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                xi = xi - r0.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * y0
                xi = xi - r1.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * y1
                xi = xi - r2.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * y2
                xi = xi - r3.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) * y3
                rx.storeBytes(of: xi, toByteOffset: o, as: SIMD4<Double>.self)
                i += 4
            }
            for i in split..<below {
                x[4 + i] = (((x[4 + i] - u0[4 + i] * y0) - u1[4 + i] * y1) - u2[4 + i] * y2) - u3[4 + i] * y3
            }
        }
    }
}
