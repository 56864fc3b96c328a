@testable import ddcalc
import Foundation
import XCTest

final class TableFormatTests: XCTestCase {
    /// The C library's "%.6g" prints what String(format: "%.6g") printed, special values included.
    func testSixSignificantDigitsMatchesFoundation() {
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-5, 1.0000005, 999999.5, 123456789, -2.5e-300,
                                5e-324, .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 17.6004, 1e21]
        // Arbitrary bit patterns (SplitMix64) and their low bits as values of moderate size.
        var state: UInt64 = 7
        for _ in 0..<4000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            values += [Double(bitPattern: z), Double(Int64(bitPattern: z) >> 20) / 1e5]
        }
        for x in values {
            XCTAssertEqual(TableFormat.sixSignificantDigits(x), String(format: "%.6g", x), "\(x)")
        }
    }
}
