import Foundation

/// Progress of a long computation on standard error (standard output holds only results).
///
/// On a terminal: a one-line bar with an ETA, redrawn at most five times a second. Otherwise (a log
/// file, a pipe, a batch job): nothing for short runs; once a phase looks longer than `interval`
/// (30 s), one line with the work and the estimated time, then a plain progress line at most every
/// `interval`. `quiet` silences both. The hidden environment variable `DDCALC_PROGRESS_INTERVAL`
/// (seconds) replaces the 30 s, so tests can see the plain lines without waiting.
final class ProgressBar {
    static let intervalVariable = "DDCALC_PROGRESS_INTERVAL"

    private let quiet: Bool
    private let terminal = isatty(STDERR_FILENO) == 1
    /// Seconds between plain lines; a phase is announced once its projected length exceeds it.
    let interval: TimeInterval
    private var phase = "simulating"
    private var start = Date()
    private var lastDraw = Date.distantPast
    private var announced = false
    private var drawn = false

    init(quiet: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.quiet = quiet
        interval = environment[Self.intervalVariable].flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 30
    }

    /// Starts a new phase (its own count and clock), named in the plain lines.
    func begin(_ phase: String) {
        finish()
        self.phase = phase
        start = Date()
        lastDraw = .distantPast
        announced = false
        drawn = false
    }

    /// A note on its own line (such as what a resumed run starts from), unless quiet.
    func note(_ text: String) {
        guard !quiet else { return }
        StandardStream.error("ddcalc: \(text)\n")
    }

    func update(done: Int, total: Int) {
        guard !quiet, total > 0 else { return }
        if terminal { draw(done: done, total: total) } else { report(done: done, total: total) }
    }

    /// Clears the bar's line.
    func finish() {
        guard drawn, terminal else { return }
        StandardStream.error("\r" + String(repeating: " ", count: 79) + "\r")
        drawn = false
    }

    private func draw(done: Int, total: Int) {
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let fraction = Double(done) / Double(total)
        let width = 30, filled = Int(fraction * Double(width))
        let elapsed = now.timeIntervalSince(start)
        let eta = done > 0 ? elapsed * (1 - fraction) / fraction : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r%@ [%@] %3.0f%%  %d/%d trials  ETA %@ ", phase, bar, fraction * 100, done, total,
                          Self.clock(eta))
        StandardStream.error(line)
        drawn = true
    }

    /// The plain lines: an announcement once the phase looks long (judged after a thirtieth of the
    /// interval, one second by default), then a line every interval.
    private func report(done: Int, total: Int) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard done < total else { return }
        if !announced {
            guard elapsed >= interval / 30 else { return }
            let projected = done > 0 ? elapsed * Double(total) / Double(done) : nil
            guard projected.map({ $0 > interval }) ?? (elapsed >= interval) else { return }
            announced = true
            lastDraw = now
            let estimate = projected.map { "estimated time \(Self.clock($0))" } ?? "no estimate yet (nothing finished in \(Self.clock(elapsed)))"
            note("\(phase): \(total) trials; \(estimate); progress every \(String(format: "%g", interval)) s")
            return
        }
        guard now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        let fraction = Double(done) / Double(total)
        let left = done > 0 ? ", about \(Self.clock(elapsed * (1 - fraction) / fraction)) left" : ""
        note(String(format: "%@: %.0f%% (%d of %d trials), %@ elapsed", phase, fraction * 100, done, total, Self.clock(elapsed)) + left)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
