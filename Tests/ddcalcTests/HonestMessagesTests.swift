import Foundation
import XCTest

/// Issue 25, item 8: the messages say what is true.
final class HonestMessagesTests: XCTestCase {
    /// An i.i.d. design has exactly n rows: `sweep --design iid` on a grid without an integer n is
    /// refused, as `sample` refuses it; a grid with some fractional n warns, naming them, in every
    /// format (JSON `warnings`, else standard error), and `merge` prints the same.
    func testFractionalSampleSizesForTheIIDDesignAreRefusedOrNamed() throws {
        let refused = try CLI.run(["sweep", "--d", "6", "--design", "iid", "--ns", "3.5"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stdout, Data())
        XCTAssertEqual(refused.stderrText, "ddcalc: error: --design iid: needs an integer n (an i.i.d. design has exactly n rows); "
            + "no n of the grid is one (first n = 3.5)\n")
        let sample = try CLI.run(["sample", "--d", "6", "--design", "iid", "--n", "3.5"])
        XCTAssertEqual(sample.status, 2, "sample refuses it too")
        XCTAssertEqual(try CLI.run(["sweep", "--d", "6", "--vary", "d", "--n", "3.5", "--design", "iid"]).status, 2)

        let warning = "the i.i.d. design needs an integer n: 1 of 2 grid points (first n = 3.5) have no i.i.d. design, "
            + "so mc_iid_mse, mc_iid_stderr and gap_mc are empty there"
        let sweep = ["sweep", "--d", "6", "--ns", "3.5,4", "--trials", "20"]
        let table = try CLI.run(sweep)
        XCTAssertEqual(table.status, 0, table.stderrText)
        XCTAssertEqual(table.stderrText, "ddcalc: warning: \(warning)\n")
        let json = try CLI.jsonObject(try CLI.run(sweep + ["--format", "json"]).stdout)
        XCTAssertEqual(json["warnings"] as? [String], [warning])
        // Only the surrogate simulated: no i.i.d. columns are expected, no warning.
        XCTAssertEqual(try CLI.run(sweep + ["--design", "surrogate"]).stderrText, "")

        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try CLI.run(sweep + ["--shard", "1/1", "--out", "p.ddp"], in: folder).status, 0)
        XCTAssertEqual(try CLI.run(["merge", "p.ddp"], in: folder).stderrText, "ddcalc: warning: \(warning)\n")
    }

    /// At n = 4, d = 10 the warning is true (about 7 of 4000 surrogate draws are expected to have
    /// d - 1 or d rows, where ||w_hat||^2 has infinite variance: alpha_n (1 + sum lambda_n / s_i) =
    /// 0.4^10 * 16 = 1.7e-3 for Sigma = I, lambda_n = 1.5), and it says where the tail comes from rather
    /// than "near n = d".
    func testTheRidgeHeavyTailWarningSaysWhereTheTailComesFrom() throws {
        let ridge = try CLI.run(["ridge", "--d", "10", "--n", "4", "--trials", "4000"])
        XCTAssertEqual(ridge.status, 0, ridge.stderrText)
        XCTAssertTrue(ridge.stdoutText.contains("# warning: heavy tails (surrogate draws with d - 1, d or d + 1 rows are expected "
            + "at least 0.01 times in these trials; there ||w_hat||^2 has infinite variance)"), ridge.stdoutText)
        XCTAssertFalse(ridge.stdoutText.contains("near n = d"))
        XCTAssertEqual(pow(0.4, 10) * 16 * 4000, 6.7, accuracy: 0.05)
        let iid = try CLI.run(["ridge", "--d", "10", "--n", "8", "--design", "iid", "--trials", "200"])
        XCTAssertTrue(iid.stdoutText.contains("# warning: heavy tails (n is within 3 of d;"), iid.stdoutText)
    }
}
