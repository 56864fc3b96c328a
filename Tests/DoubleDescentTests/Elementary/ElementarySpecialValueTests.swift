@testable import DDElementary
import XCTest

/// IEEE/C99 Annex F special values of the DDElementary functions, and their edges (overflow and
/// underflow thresholds, subnormals, signed zeros).
final class ElementarySpecialValueTests: XCTestCase {
    typealias E = Elementary
    let inf = Double.infinity, nan = Double.nan, tiny = Double.leastNonzeroMagnitude

    func same(_ a: Double, _ b: Double, _ message: String, line: UInt = #line) {
        XCTAssert(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "\(message): \(a) != \(b)", line: line)
    }

    func testExp() {
        same(E.exp(0), 1, "exp 0"); same(E.exp(-0.0), 1, "exp -0")
        same(E.exp(inf), inf, "exp inf"); same(E.exp(-inf), 0, "exp -inf"); same(E.exp(nan), nan, "exp nan")
        same(E.exp(709.782712893384), 1.7976931348622732e308, "largest finite")
        same(E.exp(709.7827128933841), inf, "first overflow")
        same(E.exp(-745.1332191019411), tiny, "least subnormal")
        same(E.exp(-745.1332191019412), 0, "underflow to 0")
        same(E.exp(1), 2.718281828459045, "e")
    }

    func testExpm1() {
        same(E.expm1(0), 0, "expm1 0"); same(E.expm1(-0.0), -0.0, "expm1 -0")
        same(E.expm1(tiny), tiny, "expm1 subnormal"); same(E.expm1(-tiny), -tiny, "expm1 -subnormal")
        same(E.expm1(inf), inf, "expm1 inf"); same(E.expm1(-inf), -1, "expm1 -inf"); same(E.expm1(nan), nan, "nan")
        same(E.expm1(-50), -1, "expm1 -50"); same(E.expm1(710), inf, "expm1 overflow")
    }

    func testLogAndLog1p() {
        same(E.log(1), 0, "log 1"); same(E.log(0), -inf, "log 0"); same(E.log(-0.0), -inf, "log -0")
        same(E.log(-1), nan, "log -1"); same(E.log(inf), inf, "log inf"); same(E.log(-inf), nan, "log -inf")
        same(E.log(nan), nan, "log nan")
        same(E.log(tiny), -744.4400719213812, "log least subnormal")
        same(E.log(.greatestFiniteMagnitude), 709.782712893384, "log max")
        same(E.log(2), 0.6931471805599453, "log 2")
        same(E.log1p(0), 0, "log1p 0"); same(E.log1p(-0.0), -0.0, "log1p -0"); same(E.log1p(-1), -inf, "log1p -1")
        same(E.log1p(-2), nan, "log1p -2"); same(E.log1p(inf), inf, "log1p inf"); same(E.log1p(nan), nan, "nan")
        same(E.log1p(tiny), tiny, "log1p subnormal")
    }

    func testPow() {
        same(E.pow(nan, 0), 1, "nan^0"); same(E.pow(1, nan), 1, "1^nan"); same(E.pow(2, nan), nan, "2^nan")
        same(E.pow(0, 3), 0, "0^3"); same(E.pow(-0.0, 3), -0.0, "-0^3"); same(E.pow(-0.0, 2), 0, "-0^2")
        same(E.pow(0, -3), inf, "0^-3"); same(E.pow(-0.0, -3), -inf, "-0^-3"); same(E.pow(-0.0, -0.5), inf, "-0^-0.5")
        same(E.pow(-1, inf), 1, "(-1)^inf"); same(E.pow(0.5, inf), 0, "0.5^inf"); same(E.pow(0.5, -inf), inf, "0.5^-inf")
        same(E.pow(2, inf), inf, "2^inf"); same(E.pow(2, -inf), 0, "2^-inf")
        same(E.pow(-inf, 3), -inf, "-inf^3"); same(E.pow(-inf, -3), -0.0, "-inf^-3"); same(E.pow(-inf, 2), inf, "-inf^2")
        same(E.pow(inf, -1), 0, "inf^-1"); same(E.pow(inf, 0.5), inf, "inf^0.5")
        same(E.pow(-2, 0.5), nan, "(-2)^0.5"); same(E.pow(-2, 3), -8, "(-2)^3"); same(E.pow(-2, 4), 16, "(-2)^4")
        same(E.pow(2, 1023), 0x1p1023, "2^1023"); same(E.pow(2, 1024), inf, "2^1024"); same(E.pow(2, -1074), tiny, "2^-1074")
        same(E.pow(2, -1080), 0, "2^-1080"); same(E.pow(10, 2), 100, "10^2"); same(E.pow(9, 0.5), 3, "9^0.5")
        same(E.pow(1e300, 1e300), inf, "huge^huge"); same(E.pow(-1e-300, 1e300), 0, "tiny^huge even")
    }

    func testLogGamma() {
        same(E.logGamma(1), 0, "lgamma 1"); same(E.logGamma(2), 0, "lgamma 2")
        same(E.logGamma(0), inf, "lgamma 0"); same(E.logGamma(inf), inf, "lgamma inf"); same(E.logGamma(nan), nan, "nan")
        same(E.logGamma(-1.5), nan, "negative: outside the domain")
        same(E.logGamma(3), 0.6931471805599453, "log 2!"); same(E.logGamma(0.5), 0.5723649429247001, "log sqrt pi")
        same(E.logGamma(tiny), 744.4400719213812, "lgamma subnormal = -log x")
        same(E.logGamma(2.6e305), inf, "overflow"); XCTAssert(E.logGamma(2.5e305).isFinite, "below overflow")
    }

    func testErfcAndTanh() {
        same(E.erfc(0), 1, "erfc 0"); same(E.erfc(-0.0), 1, "erfc -0"); same(E.erfc(inf), 0, "erfc inf")
        same(E.erfc(-inf), 2, "erfc -inf"); same(E.erfc(nan), nan, "erfc nan"); same(E.erfc(30), 0, "erfc 30")
        same(E.erfc(-30), 2, "erfc -30"); XCTAssert(E.erfc(27) > 0 && E.erfc(27) < 1e-300, "subnormal erfc 27")
        same(E.tanh(0), 0, "tanh 0"); same(E.tanh(-0.0), -0.0, "tanh -0"); same(E.tanh(inf), 1, "tanh inf")
        same(E.tanh(-inf), -1, "tanh -inf"); same(E.tanh(nan), nan, "tanh nan"); same(E.tanh(tiny), tiny, "subnormal")
        same(E.tanh(25), 1, "tanh 25"); same(E.tanh(-25), -1, "tanh -25")
    }
}
