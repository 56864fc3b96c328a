import DDElementary

/// The regularized incomplete gamma functions P(s, z) = gamma(s, z)/Gamma(s) and Q = 1 - P, s > 0,
/// z >= 0 (docs/MATH.md, "Exact ridge risk of isotropic Gaussian rows"): the series
/// P = z^s e^-z / Gamma(s + 1) sum_k z^k / ((s+1)...(s+k)) for z < s + 1, else Q by its continued
/// fraction (modified Lentz). The smaller of the two is computed and the other is its complement,
/// so both have absolute error near |s log z - z - log Gamma(s)| ulps of 1.
package enum IncompleteGamma {
    package static func regularized(_ s: Double, _ z: Double) -> (p: Double, q: Double) {
        guard z > 0 else { return (0, 1) }
        let prefactor = Elementary.exp(s * Elementary.log(z) - z - Elementary.logGamma(s))
        if z < s + 1 {
            var term = 1 / s, sum = 1 / s, k = s
            while term > sum * 0x1p-56 {
                k += 1
                term *= z / k
                sum += term
            }
            let p = prefactor * sum
            return (p, 1 - p)
        }
        let tiny = 0x1p-1000
        var b = z + 1 - s, c = 1 / tiny, d = 1 / b, h = d
        var i = 1.0
        while true {
            let an = -i * (i - s)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 0x1p-54 { break }
            i += 1
        }
        let q = prefactor * h
        return (1 - q, q)
    }
}
