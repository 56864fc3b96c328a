/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
/// in the form of Vigna's reference `splitmix64.c`: a Weyl sequence with increment `gamma`, passed through
/// Stafford's "Mix13" 64-bit finalizer. Here it only turns a master seed and stream keys into xoshiro state.
struct SplitMix64 {
    /// The Weyl increment 2^64 / golden ratio, rounded to odd.
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }

    /// Stafford's Mix13 finalizer: a bijection of UInt64 with full avalanche.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A 64-bit digest of (seed, keys), absorbed one word at a time:
    /// h = mix(seed + gamma), then h = mix((h ^ key) + gamma) for each key in order.
    /// Each step is a bijection of h for a fixed key, so distinct inputs collide only through an
    /// unstructured 64-bit coincidence; key order and count matter.
    static func digest(seed: UInt64, keys: [UInt64]) -> UInt64 {
        var h = mix(seed &+ gamma)
        for key in keys {
            h = mix((h ^ key) &+ gamma)
        }
        return h
    }
}
