/// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021)
/// whose 256-bit state is derived by SplitMix64 from a master seed and a list of stream keys,
/// so that every (seed, n, design, trial) owns an independent, reproducible stream.
///
/// Every method is a pure function of the stream state: the same seed and keys give the same bits on
/// every run. The samplers live in extensions (`Ziggurat.swift`, `Gamma.swift`, `Poisson.swift`).
package struct RandomStream: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// The stream owned by `keys` under `seed`. The Monte Carlo keys trial t of a design at expected
    /// size n as `[n.bitPattern, design.streamKey, t]` (the ridge check appends its own tag, `ddcalc
    /// sample` uses t = 0), so a stream never depends on a point's position in the grid.
    /// The state is four consecutive SplitMix64 outputs seeded with a digest of (seed, keys), as Vigna recommends;
    /// they are distinct images of a bijection, so the state is never all zero.
    package init(seed: UInt64, keys: [UInt64]) {
        var seeder = SplitMix64(state: SplitMix64.digest(seed: seed, keys: keys))
        self.init(state: (seeder.next(), seeder.next(), seeder.next(), seeder.next()))
    }

    /// The stream with no keys.
    package init(seed: UInt64) {
        self.init(seed: seed, keys: [])
    }

    /// Sets the xoshiro256** state (s[0], s[1], s[2], s[3]) directly; it must not be all zero.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits (xoshiro256** step: output rotl(s1 * 5, 7) * 9).
    package mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// Uniform on the open interval (0, 1): k * 2^-53 with k uniform on 1 ..< 2^53 (53 random bits).
    /// Every such value is exactly representable; k = 0 (probability 2^-53) is redrawn. The law is
    /// symmetric about 1/2, so the mean is exactly 1/2.
    package mutating func uniform() -> Double {
        while true {
            let k = next() &>> 11
            if k != 0 { return Double(k) * 0x1p-53 }
        }
    }

    /// True with probability p: compares k * 2^-53, k uniform on 0 ..< 2^53, with p, so the probability is
    /// ceil(p * 2^53) / 2^53 — exact for p = 0, p = 1 and every multiple of 2^-53.
    package mutating func bernoulli(_ p: Double) -> Bool {
        precondition(p >= 0 && p <= 1, "probability must lie in [0, 1]")
        return Double(next() &>> 11) * 0x1p-53 < p
    }

    /// Unbiased uniform integer in 0 ..< n by Lemire's multiply-and-reject method
    /// ("Fast random integer generation in an interval", ACM TOMACS 29(1), 2019): the high word of
    /// next() * n, rejecting the 2^64 mod n low words that would bias it.
    package mutating func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs n > 0")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound  // 2^64 mod n
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 - k))
    }
}
