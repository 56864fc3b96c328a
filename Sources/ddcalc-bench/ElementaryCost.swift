// ddcalc-bench --elementary: DDElementary's functions against glibc's libm, side by side in one run.
//
// For each function it fills 4096 arguments from the domain its call sites use (fixed seed), then, in
// every one of R rounds, times a pass of the DDElementary function and a pass of glibc's over the same
// arguments (alternating which goes first), each pass repeated to last about 20 ms. The figures are the
// median nanoseconds per call of each and the median of the rounds' own ratios DDElementary / glibc.
// This file alone imports Glibc: glibc is the baseline being measured, not a dependency of ddcalc.
import DoubleDescent
import Glibc

struct ElementaryCase {
    let name: String
    let domain: String
    let arguments: (inout RandomStream) -> (Double, Double)
    let ours: (Double, Double) -> Double
    let glibc: (Double, Double) -> Double
}

let elementaryCases: [ElementaryCase] = [
    ElementaryCase(name: "exp", domain: "[-10, 10]", arguments: { (20 * $0.uniform() - 10, 0) },
                   ours: { x, _ in Elementary.exp(x) }, glibc: { x, _ in Glibc.exp(x) }),
    ElementaryCase(name: "log", domain: "(0, 2) (uniform variates)", arguments: { (2 * $0.uniform() + 1e-300, 0) },
                   ours: { x, _ in Elementary.log(x) }, glibc: { x, _ in Glibc.log(x) }),
    ElementaryCase(name: "log1p", domain: "lambda/s in [1e-6, 1e3], log-uniform",
                   arguments: { (Glibc.exp(6.9 * (3 * $0.uniform() - 2) * 2), 0) },
                   ours: { x, _ in Elementary.log1p(x) }, glibc: { x, _ in Glibc.log1p(x) }),
    ElementaryCase(name: "expm1", domain: "[-5, 5]", arguments: { (10 * $0.uniform() - 5, 0) },
                   ours: { x, _ in Elementary.expm1(x) }, glibc: { x, _ in Glibc.expm1(x) }),
    ElementaryCase(name: "pow", domain: "u^(1/a), u in (0, 1), 1/a in [1, 4]",
                   arguments: { ($0.uniform() + 1e-300, 1 + 3 * $0.uniform()) },
                   ours: { x, y in Elementary.pow(x, y) }, glibc: { x, y in Glibc.pow(x, y) }),
    ElementaryCase(name: "lgamma", domain: "(0, 20]", arguments: { (20 * $0.uniform() + 1e-9, 0) },
                   ours: { x, _ in Elementary.logGamma(x) }, glibc: { x, _ in Glibc.lgamma(x) }),
    ElementaryCase(name: "erfc", domain: "[0, 5]", arguments: { (5 * $0.uniform(), 0) },
                   ours: { x, _ in Elementary.erfc(x) }, glibc: { x, _ in Glibc.erfc(x) }),
    ElementaryCase(name: "tanh", domain: "[-3, 3]", arguments: { (6 * $0.uniform() - 3, 0) },
                   ours: { x, _ in Elementary.tanh(x) }, glibc: { x, _ in Glibc.tanh(x) }),
]

/// The sum of f over the arguments; inlined so that f's call is direct where its closure is known.
@inline(__always)
func sum(_ pairs: [(Double, Double)], _ f: (Double, Double) -> Double) -> Double {
    var s = 0.0
    for (x, y) in pairs { s += f(x, y) }
    return s
}

func runElementaryCost(reps: Int) {
    var sink = 0.0
    print("function,domain,reps,ddelementary_ns,glibc_ns,ratio_median,ratio_min,ratio_max")
    for (index, c) in elementaryCases.enumerated() {
        var rng = RandomStream(seed: 11, keys: [UInt64(index)])
        let pairs = (0..<4096).map { _ in c.arguments(&rng) }
        let ours = { sink += sum(pairs, c.ours) }, glibc = { sink += sum(pairs, c.glibc) }
        let oursCalls = callsFor(ours, target: 0.02), glibcCalls = callsFor(glibc, target: 0.02)
        var oursTimes: [Double] = [], glibcTimes: [Double] = [], ratios: [Double] = []
        for round in 0..<reps {
            let (a, b): (Double, Double)
            if round % 2 == 0 {
                a = sample(calls: oursCalls, ours); b = sample(calls: glibcCalls, glibc)
            } else {
                b = sample(calls: glibcCalls, glibc); a = sample(calls: oursCalls, ours)
            }
            oursTimes.append(a / Double(pairs.count) * 1e9)
            glibcTimes.append(b / Double(pairs.count) * 1e9)
            ratios.append(a / b)
        }
        let o = Summary(oursTimes), g = Summary(glibcTimes), r = Summary(ratios)
        print("\(c.name),\(c.domain),\(reps),\(format(o.median, 2)),\(format(g.median, 2)),"
              + "\(format(r.median, 2)),\(format(r.min, 2)),\(format(r.max, 2))")
    }
    if !sink.isFinite { print("non-finite sum") }
}
