import CLapack
import XCTest
@testable import DoubleDescent

final class EstimationBLASThreadsTests: XCTestCase {
    func testUseSingleThreadLeavesOneOpenBLASThread() {
        BLASThreads.useSingleThread()
        XCTAssertEqual(openblas_get_num_threads(), 1)
    }
}
