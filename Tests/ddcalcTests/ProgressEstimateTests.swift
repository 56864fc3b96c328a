@testable import ddcalc
import Foundation
import XCTest

/// Issue 25, item 8: the time estimate of the plain progress lines (a log file, a pipe) says how long
/// the run takes, not how long the threshold is. Runs are played on a fake clock.
final class ProgressEstimateTests: XCTestCase {
    /// The lines a run of `total` trials prints when trial k finishes at `time(k)` seconds, with an
    /// update after every trial and the default 30 s interval.
    static func lines(total: Int, time: (Int) -> Double) -> [String] {
        var now = Date(timeIntervalSinceReferenceDate: 0)
        var printed: [String] = []
        let bar = ProgressBar(environment: [:], clock: { now }, emit: { printed.append($0) })
        for k in 1..<total {
            now = Date(timeIntervalSinceReferenceDate: time(k))
            bar.report(done: k, total: total, at: now)
        }
        return printed
    }

    /// Seconds in an m:ss text.
    static func seconds(_ clock: Substring) -> Double {
        let parts = clock.split(separator: ":").compactMap { Double($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : .nan
    }

    /// The first number of seconds after `marker` in `line`.
    static func seconds(after marker: String, in line: String) -> Double? {
        guard let range = line.range(of: marker) else { return nil }
        return seconds(line[range.upperBound...].prefix { $0.isNumber || $0 == ":" })
    }

    /// Constant cost per trial: announced after a second with the true total, for 31 to 600 s runs.
    func testAnEvenRunIsAnnouncedAtOnceWithItsLength() {
        for length in [31.0, 45, 85, 600] {
            let total = 10_000
            let lines = Self.lines(total: total) { Double($0) * length / Double(total) }
            let first = lines.first ?? ""
            XCTAssertTrue(first.hasPrefix("ddcalc: simulating: 10000 trials; estimated time "), first)
            XCTAssertEqual(Self.seconds(after: "estimated time ", in: first) ?? 0, length, accuracy: 1, first)
        }
    }

    /// Cost growing linearly with the trial (t(k) proportional to k^2; 85 s in all): the average rate
    /// after a second promises 9 s, so the run is announced at 30 s with what is left; the recent rate
    /// says about 35 s (the truth: 55 s), where the crossing rule announced "estimated time 0:30" at 10.6 s.
    func testARunThatSlowsDownIsAnnouncedWithWhatIsLeft() throws {
        let total = 10_000, length = 85.0
        let lines = Self.lines(total: total) { length * pow(Double($0) / Double(total), 2) }
        let first = try XCTUnwrap(lines.first)
        XCTAssertTrue(first.hasPrefix("ddcalc: simulating: 10000 trials; 0:30 elapsed, about "), first)
        let left = try XCTUnwrap(Self.seconds(after: "about ", in: first))
        // Recent rate over [15 s, 30 s]: k runs from sqrt(15/85) to sqrt(30/85) of the total.
        let recent = (sqrt(30 / length) - sqrt(15 / length)) / 15
        XCTAssertEqual(left, (1 - sqrt(30 / length)) / recent, accuracy: 1, first)
        XCTAssertGreaterThan(left, 30, "closer to the 55 s left than the average rate's 20 s")
        // Later lines keep estimating from the recent rate; the last one (at 60 s) within 25% of the truth.
        let last = try XCTUnwrap(lines.last)
        let elapsed = try XCTUnwrap(Self.seconds(after: "), ", in: last))
        let remaining = try XCTUnwrap(Self.seconds(after: "about ", in: last))
        XCTAssertEqual(remaining, length - elapsed, accuracy: 0.25 * (length - elapsed), last)
    }

    /// Time before the first trial (set-up, a loaded machine) is not read as the trials' rate: a 2 s
    /// run after 1.5 s of set-up prints nothing, where the projection from the phase's start promised
    /// "estimated time 4:10:00" (10,000 trials, one done at 1.5 s; seen as 16:01 for a 2 s sweep).
    func testSetUpTimeDoesNotInflateTheEstimate() {
        XCTAssertEqual(Self.lines(total: 10_000) { 1.5 + 2 * Double($0) / 10_000 }, [])
        let lines = Self.lines(total: 10_000) { 5 + 60 * Double($0) / 10_000 }
        let first = lines.first ?? ""
        XCTAssertTrue(first.hasPrefix("ddcalc: simulating: 10000 trials; estimated time "), first)
        XCTAssertEqual(Self.seconds(after: "estimated time ", in: first) ?? 0, 65, accuracy: 1, first)
    }

    /// A run shorter than the interval prints nothing.
    func testAShortRunPrintsNothing() {
        XCTAssertEqual(Self.lines(total: 1000) { Double($0) * 29.0 / 1000 }, [])
    }
}
