@testable import DDElementary
import XCTest

/// The bits of every DDElementary function on the reference table's 16,700 arguments, hashed (FNV-1a
/// over the bit patterns) and pinned: the same on every machine and CPU (issue 21). A change to the
/// module that moves any result must change this hash on purpose; output bits of ddcalc move with it.
final class ElementaryBitsTests: XCTestCase {
    func testResultsArePinned() {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func absorb(_ v: Double) {
            var bits = v.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xFF)) &* 0x0000_0100_0000_01B3
                bits >>= 8
            }
        }
        typealias T = ElementaryReferenceTable
        let unary: [(String, (Double) -> Double)] = [
            (T.exp, Elementary.exp), (T.expm1, Elementary.expm1), (T.log, Elementary.log), (T.log1p, Elementary.log1p),
            (T.logGamma, Elementary.logGamma), (T.erfc, Elementary.erfc), (T.tanh, Elementary.tanh),
        ]
        for (table, f) in unary {
            for row in ElementaryAccuracyTests.rows(table, arguments: 1) { absorb(f(row.x[0])) }
        }
        for row in ElementaryAccuracyTests.rows(T.pow, arguments: 2) { absorb(Elementary.pow(row.x[0], row.x[1])) }
        XCTAssertEqual(String(hash, radix: 16), "37a7e844ca393c62", "DDElementary's results moved")
    }
}
