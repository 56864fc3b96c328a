import XCTest
@testable import DDRandom

/// Known answers, reproducibility and stream derivation.
final class RandomStreamTests: XCTestCase {
    /// A second, deliberately plain transcription of Vigna's reference xoshiro256starstar.c
    /// (array state, explicit rotl), to check the library against for arbitrary states.
    private struct ReferenceXoshiro256StarStar {
        var s: [UInt64]

        static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

        mutating func next() -> UInt64 {
            let result = Self.rotl(s[1] &* 5, 7) &* 9
            let t = s[1] << 17
            s[2] ^= s[0]
            s[3] ^= s[1]
            s[1] ^= s[2]
            s[0] ^= s[3]
            s[2] ^= t
            s[3] = Self.rotl(s[3], 45)
            return result
        }
    }

    func testSplitMix64MatchesPublishedOutputs() {
        // First outputs of Vigna's splitmix64.c seeded with 1234567 (published test vector).
        var generator = SplitMix64(state: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        XCTAssertEqual((0 ..< 5).map { _ in generator.next() }, expected)
    }

    func testXoshiroMatchesPublishedOutputs() {
        // Outputs of the reference xoshiro256starstar.c from the state {1, 2, 3, 4} (the test vector
        // also used by Rust's rand_xoshiro).
        var stream = RandomStream(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
            607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
            10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
        ]
        XCTAssertEqual((0 ..< 10).map { _ in stream.next() }, expected)
    }

    func testXoshiroMatchesReferenceTranscription() {
        var seeder = SplitMix64(state: 99)
        for _ in 0 ..< 20 {
            let state = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
            var stream = RandomStream(state: state)
            var reference = ReferenceXoshiro256StarStar(s: [state.0, state.1, state.2, state.3])
            let library = (0 ..< 1000).map { _ in stream.next() }
            XCTAssertEqual(library, (0 ..< 1000).map { _ in reference.next() }, "state \(state)")
        }
    }

    func testStreamStateIsSplitMixOfTheDigest() {
        // The documented derivation: four SplitMix64 outputs seeded with the (seed, keys) digest.
        var seeder = SplitMix64(state: SplitMix64.digest(seed: 7, keys: [3, 1, 4]))
        var expected = RandomStream(state: (seeder.next(), seeder.next(), seeder.next(), seeder.next()))
        var stream = RandomStream(seed: 7, keys: [3, 1, 4])
        for _ in 0 ..< 100 { XCTAssertEqual(stream.next(), expected.next()) }
        var unkeyed = RandomStream(seed: 7)
        var emptyKeys = RandomStream(seed: 7, keys: [])
        for _ in 0 ..< 100 { XCTAssertEqual(unkeyed.next(), emptyKeys.next()) }
    }

    func testSameSeedAndKeysReproduceEverySampler() {
        func draws(_ stream: inout RandomStream) -> [Double] {
            var out: [Double] = []
            for _ in 0 ..< 200 {
                out.append(Double(bitPattern: stream.next()))
                out.append(stream.uniform())
                out.append(stream.normal())
                out.append(stream.gamma(shape: 0.3))
                out.append(stream.gamma(shape: 2.5))
                out.append(stream.chi(degreesOfFreedom: 3))
                out.append(Double(stream.poisson(mean: 3)))
                out.append(Double(stream.poisson(mean: 1000)))
                out.append(stream.bernoulli(0.5) ? 1 : 0)
                out.append(Double(stream.index(below: 1000)))
            }
            out += HaarOrthogonal.sample(k: 4, using: &stream)
            return out
        }
        var a = RandomStream(seed: 2024, keys: [5, 1, 17])
        var b = RandomStream(seed: 2024, keys: [5, 1, 17])
        // Compare bit patterns, so that the test also pins signed zeros.
        XCTAssertEqual(draws(&a).map(\.bitPattern), draws(&b).map(\.bitPattern))
    }

    func testDistinctSeedsAndKeysGiveDistinctStreams() {
        // Includes the structured pairs a naive derivation confuses: [] vs [0], key order, a seed equal
        // to a key, and trailing zero keys.
        var inputs: [(UInt64, [UInt64])] = []
        for seed: UInt64 in 0 ..< 8 {
            inputs.append((seed, []))
            inputs.append((seed, [seed]))
            inputs.append((seed, [1, 2]))
            inputs.append((seed, [2, 1]))
            inputs.append((seed, [0, 0]))
            inputs.append((seed, [0, 0, 0]))
            for key: UInt64 in 0 ..< 64 { inputs.append((seed, [key])) }
            for point: UInt64 in 0 ..< 8 {
                for trial: UInt64 in 0 ..< 8 { inputs.append((seed, [point, 1, trial])) }
            }
        }
        var firstTwoOutputs = Set<[UInt64]>()
        for (seed, keys) in inputs {
            var stream = RandomStream(seed: seed, keys: keys)
            firstTwoOutputs.insert([stream.next(), stream.next()])
        }
        // Distinct inputs: (seed, [seed]) duplicates (seed, [key]) for seed < 64, so count unique inputs.
        let uniqueInputs = Set(inputs.map { [$0.0, UInt64($0.1.count)] + $0.1 })
        XCTAssertEqual(firstTwoOutputs.count, uniqueInputs.count)
    }

    func testFirstDrawsAcrossNeighbouringStreamsAreIndependentUniforms() {
        // Streams keyed by consecutive trial numbers: their first uniforms must look like an i.i.d.
        // U(0,1) sample (KS), and consecutive streams' first draws must be uncorrelated: the lag-1
        // product (u_i - 1/2)(u_(i+1) - 1/2) has mean 0 and standard deviation 1/12 under independence.
        let n = 100_000
        let firsts = (0 ..< n).map { trial -> Double in
            var stream = RandomStream(seed: 11, keys: [3, 0, UInt64(trial)])
            return stream.uniform()
        }
        assertKolmogorovSmirnov(firsts, cdf: { $0 }, "first uniform across streams")
        let lagProduct = sampleMean(0 ..< n - 1) { (firsts[$0] - 0.5) * (firsts[$0 + 1] - 0.5) }
        assertWithinStandardErrors(
            lagProduct, expected: 0, standardError: (1.0 / 12) / Double(n - 1).squareRoot(),
            "lag-1 covariance across streams")
    }
}
