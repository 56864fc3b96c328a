import DDLAPACKReference
import CLapack
import XCTest
@testable import DDLinearAlgebra
@testable import DDRandom

final class EstimationBLASThreadsTests: XCTestCase {
    /// useSingleThread brings OpenBLAS back to one thread after anything else set more, every time
    /// it is called (the second call checks that it is not a one-off).
    func testUseSingleThreadOverridesAPriorThreadCount() throws {
        for _ in 0..<2 {
            openblas_set_num_threads(2)
            guard openblas_get_num_threads() == 2 else {
                BLASThreads.useSingleThread()
                throw XCTSkip("this OpenBLAS is built without threads: its thread count cannot be set")
            }
            BLASThreads.useSingleThread()
            XCTAssertEqual(openblas_get_num_threads(), 1)
        }
    }

    /// With OpenBLAS's pool shut down, Level-3 calls large enough to be threaded otherwise still run
    /// (on the calling thread) and give the right numbers: A I = A for a 300 x 300 product.
    func testBLASWorksAfterThePoolIsStopped() {
        BLASThreads.useSingleThread()
        BLASThreads.useSingleThread()  // idempotent
        let g = 300
        var rng = RandomStream(seed: 5)
        let a = (0..<g * g).map { _ in rng.normal() }
        var identity = [Double](repeating: 0, count: g * g)
        for i in 0..<g { identity[i * g + i] = 1 }
        var c = [Double](repeating: .nan, count: g * g)
        a.withUnsafeBufferPointer { a in
            identity.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { LAPACKDecompositionReference.multiplySquare(a.baseAddress!, b.baseAddress!, into: $0.baseAddress!, size: g) }
            }
        }
        XCTAssertEqual(c, a)
    }
}
