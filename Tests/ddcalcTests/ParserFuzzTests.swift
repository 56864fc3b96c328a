@testable import ddcalc
import DoubleDescent
import Foundation
import XCTest

/// A bounded fuzz of every parser of user input and saved files: mutated copies of valid inputs,
/// from a fixed-seed generator, must give a value or a typed input error (the CLI's `InputError`, the library's `ModelError`,
/// `InputFileError` or list error), never a crash or another error.
final class ParserFuzzTests: XCTestCase {
    /// SplitMix64: a fixed sequence, so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    /// Bytes that matter to the parsers, and fragments that stress number parsing.
    static let alphabet = Array(" ,:/\n\r\t\"-+.eE0123456789abcdefxX%=_#".utf8) + [0, 0xff, 0xc3]
    static let fragments = ["nan", "inf", "-0", "1e309", "99999999999999999999", "0x10", "%zz", "\u{feff}", "ffffffffffffffff",
                            "-", "", ",,", "\"\"", "\n\n"].map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], with other: [UInt8], _ g: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0...g.below(4) {
            let at = g.below(bytes.count + 1)
            switch g.below(7) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << g.below(8))
            case 1: bytes.insert(alphabet[g.below(alphabet.count)], at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + g.below(16)))
            case 3: bytes.insert(contentsOf: fragments[g.below(fragments.count)], at: at)
            case 4: bytes = Array(bytes.prefix(at))
            case 5 where !other.isEmpty:
                let from = g.below(other.count)
                bytes.insert(contentsOf: other[from..<min(other.count, from + 1 + g.below(40))], at: at)
            default:
                let from = g.below(bytes.count + 1)
                bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + g.below(24))], at: at)
            }
        }
        return bytes
    }

    /// A saved file with a valid checksum over a mutated body, so the field checks are reached too.
    static func resigned(_ bytes: [UInt8]) -> [UInt8] {
        guard let cut = bytes.lastIndex(of: UInt8(ascii: "\n")).flatMap({ end in bytes[..<end].lastIndex(of: UInt8(ascii: "\n")) })
        else { return bytes }
        let body = Array(bytes[...cut])
        return body + Array("checksum \(FNV1a.hex(FNV1a.hash(body)))\n".utf8)
    }

    /// One parser under test: its name, valid seed inputs, and the parse itself.
    struct Target {
        let name: String
        let seeds: [[UInt8]]
        let signed: Bool
        let parse: ([UInt8]) throws -> Void
    }

    static func targets() -> [Target] {
        let text: ([String]) -> [[UInt8]] = { $0.map { Array($0.utf8) } }
        let estimate = MonteCarloEstimate(trials: 64, mean: 1.25, standardError: 0.01, meanRows: 6.5, heavyTail: false)
        let part = PartialResults(fingerprint: 0x1234, arguments: ["--d=12", "--spectrum=file:a b%.txt", "--seed=5"],
                                  shard: ShardSpec(index: 2, count: 3), jobCount: 9, trials: 64,
                                  estimates: [1: estimate, 4: MonteCarloEstimate(trials: 64, heavyTail: true)])
        var state = MonteCarloState(finished: [0: estimate])
        state.record(job: 2, unit: 1, values: TrialValues(errors: (0..<32).map { Double($0) / 3 }, rows: Array(repeating: 6, count: 32)))
        state.record(job: 2, unit: 0, values: TrialValues(errors: (0..<32).map { Double($0) * 7 }, rows: Array(repeating: 5, count: 32)))
        let checkpoint = Checkpoint(fingerprint: 0xabcd, jobCount: 5, trials: 64, state: state)
        return [
            Target(name: "SpectrumSpec", seeds: text(["isotropic", "linear:10", "geometric:1e3", "powerlaw:1.5", "file:x.txt", "covariance:c.csv"]),
                   signed: false) { _ = try SpectrumSpec(parsing: String(decoding: $0, as: UTF8.self)) },
            Target(name: "WStarSpec", seeds: text(["isotropic", "random:42", "random", "top", "bottom", "file:w.txt"]),
                   signed: false) { _ = try WStarSpec(parsing: String(decoding: $0, as: UTF8.self)) },
            Target(name: "doubleList", seeds: text(["1,2,3.5", " 1e-3 , 4", "0.5"]), signed: false) {
                _ = try NumberParsing.doubleList(String(decoding: $0, as: UTF8.self))
            },
            Target(name: "NumericCSV with header", seeds: text(["a,b\n1,2\n3,4\n", "1,0\n0,1\n", "\"x\",\"y, z\"\r\n1.5,2e3\r\n"]),
                   signed: false) {
                _ = try NumericCSV(text: String(decoding: $0, as: UTF8.self), path: "fuzz.csv", role: .dataSet, allowHeader: true)
            },
            Target(name: "NumericCSV", seeds: text(["1,0\n0,1\n", "\"1.5\",2e3\r\n-1,0.25\r\n"]), signed: false) {
                _ = try NumericCSV(text: String(decoding: $0, as: UTF8.self), path: "fuzz.csv", role: .covariance, allowHeader: false)
            },
            Target(name: "ShardSpec", seeds: text(["1/4", "12/12"]), signed: false) {
                _ = try ShardSpec(parsing: String(decoding: $0, as: UTF8.self))
            },
            Target(name: "ByteCount", seeds: text(["8G", "512MiB", "1000"]), signed: false) {
                _ = try ByteCount.parse(String(decoding: $0, as: UTF8.self), context: "--max-memory")
            },
            Target(name: "PartialResults", seeds: [Array(part.encoded())], signed: true) {
                _ = try PartialResults(decoding: Data($0), source: "fuzz.ddp")
            },
            Target(name: "Checkpoint", seeds: [Array(checkpoint.encoded())], signed: true) {
                _ = try Checkpoint(decoding: Data($0), source: "fuzz.ckpt")
            },
        ]
    }

    func testParsersGiveAValueOrAnInputErrorOnMutatedInput() throws {
        // The valid files read back as written.
        for target in Self.targets() { for seed in target.seeds { XCTAssertNoThrow(try target.parse(seed), target.name) } }

        var g = Generator(state: 20_240_601)
        let deadline = Date().addingTimeInterval(8)
        var runs = 0, values = 0
        let targets = Self.targets()
        round: while Date() < deadline {
            for target in targets {
                for _ in 0..<50 {
                    let seed = target.seeds[g.below(target.seeds.count)]
                    var input = Self.mutate(seed, with: target.seeds[g.below(target.seeds.count)], &g)
                    if target.signed && g.below(2) == 0 { input = Self.resigned(input) }
                    runs += 1
                    do {
                        try target.parse(input)
                        values += 1
                    } catch is InputError {
                    } catch is ModelError {
                    } catch is InputFileError {
                    } catch is NumberParsing.ListError {
                    } catch {
                        XCTFail("\(target.name): \(type(of: error)) on \(String(decoding: input, as: UTF8.self).debugDescription)")
                        break round
                    }
                    if runs >= 400_000 { break round }
                }
            }
        }
        XCTAssertGreaterThan(runs, 1000, "the fuzz barely ran")
        XCTAssertGreaterThan(values, 0, "no mutated input was accepted: the mutations are too destructive to reach the parsers")
        print("ParserFuzzTests: \(runs) inputs, \(values) parsed to a value")
    }
}
