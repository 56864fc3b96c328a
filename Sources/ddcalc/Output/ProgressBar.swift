import Foundation

/// Progress of a long computation on standard error (standard output holds only results).
///
/// On a terminal: a one-line bar with an ETA, redrawn at most five times a second. Otherwise (a log
/// file, a pipe, a batch job): nothing for short runs. A phase whose projection after about a second
/// of trials (a thirtieth of `interval`) exceeds `interval` (30 s) is announced then, with its estimated time;
/// one that turns out longer is announced once `interval` has passed, with the time elapsed and left.
/// Then a plain progress line at most every `interval`. `quiet` silences both. The hidden environment
/// variable `DDCALC_PROGRESS_INTERVAL` (seconds) replaces the 30 s, so tests can see the plain lines
/// without waiting.
///
/// The time left is projected from the recent rate (the trials of the last half of the elapsed
/// time), not the average one: later trials are often dearer (larger n, heavier draws), and an
/// average over cheap early trials would promise too little. Announcing a phase the moment its
/// projection crosses `interval` would always promise about `interval`, whatever the run's length.
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
    /// The announcement's decision was taken (after a thirtieth of the interval): announced, or short.
    private var judged = false
    private var drawn = false
    /// (time since the phase began, trials done), sampled at most twice a second, for the recent rate.
    private var history: [(time: TimeInterval, done: Int)] = []
    /// (time since the phase began, trials done) at the phase's first report: where the first projection starts.
    private var firstReport: (time: TimeInterval, done: Int)?
    private let clock: () -> Date
    private let emit: (String) -> Void

    init(quiet: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
         clock: @escaping () -> Date = Date.init,
         emit: @escaping (String) -> Void = StandardStream.error) {
        self.quiet = quiet
        self.clock = clock
        self.emit = emit
        interval = environment[Self.intervalVariable].flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 30
        start = clock()
    }

    /// Starts a new phase (its own count and clock), named in the plain lines.
    func begin(_ phase: String) {
        finish()
        self.phase = phase
        start = clock()
        lastDraw = .distantPast
        announced = false
        judged = false
        drawn = false
        history = []
        firstReport = nil
    }

    /// A note on its own line (such as what a resumed run starts from), unless quiet.
    func note(_ text: String) {
        guard !quiet else { return }
        emit("ddcalc: \(text)\n")
    }

    func update(done: Int, total: Int) {
        guard !quiet, total > 0 else { return }
        if terminal { draw(done: done, total: total) } else { report(done: done, total: total, at: clock()) }
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

    /// The plain lines: the announcement (see the type's comment), then a line every interval.
    func report(done: Int, total: Int, at now: Date) {
        let elapsed = now.timeIntervalSince(start)
        guard done < total else { return }
        if history.last.map({ elapsed - $0.time >= 0.5 }) ?? true {
            history.append((elapsed, done))
            // Only the last half of the elapsed time is read (and one sample before it).
            while history.count > 2, history[1].time <= elapsed / 2 { history.removeFirst() }
        }
        if !announced {
            if !judged {
                // The projection runs from the first report: time spent before any trial ran (set-up,
                // a loaded machine) says nothing of the trials' rate.
                let origin = firstReport ?? (elapsed, done)
                firstReport = origin
                let measured = elapsed - origin.time
                guard measured >= interval / 30 else { return }
                judged = true
                if done > origin.done {
                    let projected = elapsed + measured * Double(total - done) / Double(done - origin.done)
                    if projected > interval { return announce("estimated time \(Self.clock(projected))", total: total, at: now) }
                }
            }
            guard elapsed >= interval else { return }
            let left = remaining(done: done, total: total, elapsed: elapsed).map { ", about \(Self.clock($0)) left" } ?? ""
            return announce("\(Self.clock(elapsed)) elapsed" + left, total: total, at: now)
        }
        guard now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        let fraction = Double(done) / Double(total)
        let left = remaining(done: done, total: total, elapsed: elapsed).map { ", about \(Self.clock($0)) left" } ?? ""
        note(String(format: "%@: %.0f%% (%d of %d trials), %@ elapsed", phase, fraction * 100, done, total, Self.clock(elapsed)) + left)
    }

    private func announce(_ estimate: String, total: Int, at now: Date) {
        announced = true
        lastDraw = now
        note("\(phase): \(total) trials; \(estimate); progress every \(String(format: "%g", interval)) s")
    }

    /// Seconds left at the rate of the last half of the elapsed time; nil before any progress there.
    private func remaining(done: Int, total: Int, elapsed: TimeInterval) -> TimeInterval? {
        let earlier = history.filter { $0.time < elapsed }
        guard let then = earlier.first(where: { $0.time >= elapsed / 2 }) ?? earlier.last, done > then.done else { return nil }
        return Double(total - done) * (elapsed - then.time) / Double(done - then.done)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
