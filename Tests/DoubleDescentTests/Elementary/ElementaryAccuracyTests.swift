@testable import DDElementary
import Foundation
import XCTest

/// Every DDElementary function against mpmath's 60-digit values (ElementaryReferenceTable, written by
/// scripts/reference/elementary_reference.py) over the domains the library uses and the hard ranges,
/// in units in the last place of the exact value. The measured maxima are quoted in
/// Sources/DoubleDescent/Elementary/README.md.
final class ElementaryAccuracyTests: XCTestCase {
    /// (arguments, reference hi, (reference - hi) / ulp(hi)) per line of a table.
    static func rows(_ table: String, arguments: Int) -> [(x: [Double], hi: Double, rem: Double)] {
        table.split(separator: "\n").map { line in
            let v = line.split(separator: " ").map { Double(String($0))! }
            return (Array(v[0..<arguments]), v[arguments], v[arguments + 1])
        }
    }

    /// |computed - exact| in ulps of the exact value, exact = hi + rem ulp(hi) (the spacing of doubles just
    /// below |hi| when hi is a power of two and the exact value lies below it; 2^-1074 near zero).
    static func ulpError(_ computed: Double, hi: Double, rem: Double) -> Double {
        if hi.isInfinite { return computed == hi ? 0 : .infinity }
        let ulp = hi == 0 ? Double.leastNonzeroMagnitude : hi.ulp
        let below = hi.significandBitPattern == 0 && hi.isNormal && hi.exponent > Double.leastNormalMagnitude.exponent
            && rem != 0 && (rem < 0) == (hi > 0)
        return abs((computed - hi) / ulp - rem) * (below ? 2 : 1)
    }

    /// The largest error of f over a table, with the argument where it occurs.
    static func worst(_ table: String, arguments: Int = 1, _ f: ([Double]) -> Double) -> (error: Double, at: [Double], count: Int) {
        var worst = (error: 0.0, at: [Double](), count: 0)
        for row in rows(table, arguments: arguments) {
            let e = ulpError(f(row.x), hi: row.hi, rem: row.rem)
            if !(e <= worst.error) { worst.error = e; worst.at = row.x }
            worst.count += 1
        }
        return worst
    }

    func check(_ name: String, _ table: String, below bound: Double, _ f: @escaping (Double) -> Double) {
        let w = Self.worst(table) { f($0[0]) }
        print("\(name): max error \(w.error) ulp over \(w.count) points, at \(w.at)")
        XCTAssertGreaterThan(w.count, 1500)
        XCTAssertLessThan(w.error, bound, "\(name) at \(w.at)")
    }

    func testExp() { check("exp", ElementaryReferenceTable.exp, below: 1, Elementary.exp) }
    func testExpm1() { check("expm1", ElementaryReferenceTable.expm1, below: 1, Elementary.expm1) }
    func testLog() { check("log", ElementaryReferenceTable.log, below: 1, Elementary.log) }
    func testLog1p() { check("log1p", ElementaryReferenceTable.log1p, below: 1, Elementary.log1p) }
    func testLogGamma() { check("logGamma", ElementaryReferenceTable.logGamma, below: 1, Elementary.logGamma) }
    func testErfc() { check("erfc", ElementaryReferenceTable.erfc, below: 1, Elementary.erfc) }
    func testTanh() { check("tanh", ElementaryReferenceTable.tanh, below: 1, Elementary.tanh) }

    /// pow within 1 ulp while |y log x| < 15, and within its stated bound 0.52 + |y log x| / 32 ulp
    /// everywhere (README.md, "pow").
    func testPow() {
        var worstSmall = 0.0, worstRatio = 0.0, count = 0
        for row in Self.rows(ElementaryReferenceTable.pow, arguments: 2) {
            let (x, y) = (row.x[0], row.x[1])
            let e = Self.ulpError(Elementary.pow(x, y), hi: row.hi, rem: row.rem)
            let z = abs(y * Foundation.log(x))
            if z < 15 { worstSmall = max(worstSmall, e) }
            worstRatio = max(worstRatio, e / (0.52 + z / 32))
            XCTAssertLessThan(e, 0.52 + z / 32, "pow(\(x), \(y))")
            count += 1
        }
        print("pow: max error \(worstSmall) ulp for |y log x| < 15, max error / bound \(worstRatio), \(count) points")
        XCTAssertGreaterThan(count, 1500)
        XCTAssertLessThan(worstSmall, 1)
    }
}
