// ddcalc-bench --own-kernels: our own per-trial kernels against their LAPACK/OpenBLAS counterparts
// (issue 21: the bits of every output must not depend on the BLAS kernel, so the per-trial
// factorizations are ddcalc's own code; LAPACKReference keeps the LAPACK routes for comparison).
//
// Each case prepares one input (fixed seed) and two closures that copy it into work buffers and run
// the kernel, ours and LAPACK's; the copies are the same in both. Every round times ours, then
// LAPACK's, each sample calibrated to about 20 ms; the table gives the median microseconds per call
// of each and the median, smallest and largest of the rounds' own ratios ours / LAPACK. Whole
// Monte Carlo trials cannot run on LAPACK any more; `--mc` of this binary against a build of the
// previous commit gives them (bench/RESULTS.md, "Own kernels against LAPACK").
import DDLAPACKReference
import DoubleDescent

struct KernelCase {
    let label: String
    let own: () -> Void
    let reference: () -> Void
}

/// A lower-triangular Bartlett factor (chi on the diagonal, normals below) of order d, column-major.
func bartlettFactor(d: Int, nu: Int, using rng: inout RandomStream) -> [Double] {
    var l = [Double](repeating: 0, count: d * d)
    for j in 0..<d {
        l[j + j * d] = rng.chi(degreesOfFreedom: Double(nu - j))
        for i in (j + 1)..<d { l[i + j * d] = rng.normal() }
    }
    return l
}

func triangularInverseCase(d: Int) -> KernelCase {
    var rng = RandomStream(seed: 11, keys: [UInt64(d)])
    let l = bartlettFactor(d: d, nu: d + 50, using: &rng)
    var work = l
    return KernelCase(label: "Wishart tall draw: triangular inverse d=\(d)",
                      own: { work.withUnsafeMutableBufferPointer { w in
                          w.baseAddress!.update(from: l, count: d * d)
                          TriangularInverse.invert(w.baseAddress!, n: d, ld: d, upper: false)
                      } },
                      reference: { work.withUnsafeMutableBufferPointer { w in
                          w.baseAddress!.update(from: l, count: d * d)
                          LAPACKReference.invertTriangular(w.baseAddress!, n: d, ld: d, upper: false)
                      } })
}

/// The wide Gaussian draw's linear algebra for K rows of d: factor [A; V], Q^T w*, invert R; with
/// `prediction` also Q [R^-T, 0; 0, c] on K + 1 columns (WideGaussianDraw.predictionRisk).
func wideDrawCase(d: Int, k: Int, prediction: Bool) -> KernelCase {
    let m = d - k
    var rng = RandomStream(seed: 12, keys: [UInt64(d), UInt64(k)])
    var a0 = [Double](repeating: 0, count: k * k)
    for j in 0..<k {
        for i in 0..<j { a0[i + j * k] = rng.normal() }
        a0[j + j * k] = rng.chi(degreesOfFreedom: Double(j + 1))
    }
    var v0 = [Double](repeating: 0, count: m * k)
    v0.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    let w0 = (0..<d).map { _ in rng.normal() }
    var a = a0, v = v0, w = w0, tau = [Double](repeating: 0, count: k)
    var top = [Double](repeating: 0, count: k * (k + 1)), bottom = [Double](repeating: 0, count: m * (k + 1))
    let lapack = LAPACKReference.PentagonalQR(m: m, k: k, columns: k + 1)
    func prepare() {
        a.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: a0, count: k * k) }
        v.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: v0, count: m * k) }
        w.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: w0, count: d) }
    }
    /// Q's input in the prediction risk: R^-T on top, c in the last column of the bottom.
    func lift() {
        for j in 0..<k {
            for i in 0..<k { top[i + j * k] = i >= j ? a[j + i * k] : 0 }
        }
        for i in 0..<k { top[i + k * k] = 0 }
        for i in 0..<(m * k) { bottom[i] = 0 }
        for i in 0..<m { bottom[i + m * k] = w[k + i] }
    }
    let label = "wide draw d=\(d) K=\(k), \(prediction ? "prediction" : "estimation")"
    return KernelCase(label: label, own: {
        prepare()
        TriangularPentagonalQR.factor(triangle: &a, dense: &v, m: m, k: k, tau: &tau)
        TriangularPentagonalQR.applyTranspose(to: &w, dense: v, m: m, k: k, tau: tau)
        TriangularInverse.invert(&a, n: k, ld: k, upper: true)
        if prediction {
            lift()
            TriangularPentagonalQR.apply(toTop: &top, bottom: &bottom, columns: k + 1, dense: v, m: m, k: k, tau: tau)
        }
    }, reference: {
        prepare()
        lapack.factor(triangle: &a, dense: &v)
        lapack.applyTranspose(to: &w, dense: v)
        LAPACKReference.invertTriangular(&a, n: k, ld: k, upper: true)
        if prediction {
            lift()
            lapack.apply(toTop: &top, bottom: &bottom, columns: k + 1, dense: v)
        }
    })
}

/// MinNormSolver.conditionalError (no prediction risk, as the Monte Carlo calls it) on one i.i.d.
/// N(0, 1) K x d design.
func solverCase(d: Int, k: Int) -> KernelCase {
    var rng = RandomStream(seed: 13, keys: [UInt64(d), UInt64(k)])
    var x = [Double](repeating: 0, count: k * d)
    x.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    let wstar = [Double](repeating: 1 / Double(d).squareRoot(), count: d), s = [Double](repeating: 1, count: d)
    let solver = MinNormSolver(d: d, maxRows: k), lapack = LAPACKReference.MinNormError(d: d, maxRows: k)
    var sink = 0.0
    return KernelCase(label: "MinNormSolver.conditionalError d=\(d) K=\(k)", own: {
        sink += solver.conditionalError(design: x, rows: k, wstar: wstar, eigenvalues: s, sigma: 1,
                                        withPredictionRisk: false).parameterError
    }, reference: {
        sink += lapack.parameterError(design: x, rows: k, wstar: wstar, sigma: 1)
    })
}

func runOwnKernels(reps: Int) {
    let cases = [triangularInverseCase(d: 100),
                 wideDrawCase(d: 100, k: 50, prediction: false), wideDrawCase(d: 100, k: 50, prediction: true),
                 wideDrawCase(d: 100, k: 90, prediction: false), wideDrawCase(d: 100, k: 90, prediction: true),
                 solverCase(d: 100, k: 150), solverCase(d: 100, k: 50)]
    print("one thread; median over \(reps) rounds, each timing ours then LAPACK's")
    print("| kernel | ours us/call | LAPACK us/call | ratio ours/LAPACK (median of rounds) | ratio range |")
    print("|---|---|---|---|---|")
    for item in cases {
        let ownCalls = callsFor(item.own, target: 0.02), referenceCalls = callsFor(item.reference, target: 0.02)
        var own: [Double] = [], reference: [Double] = []
        for _ in 0..<reps {
            own.append(sample(calls: ownCalls, item.own))
            reference.append(sample(calls: referenceCalls, item.reference))
        }
        let ratios = Summary(zip(own, reference).map { $0 / $1 })
        print("| \(item.label) | \(format(Summary(own).median * 1e6, 1)) | \(format(Summary(reference).median * 1e6, 1)) | "
              + "\(format(ratios.median, 2)) | \(format(ratios.min, 2))-\(format(ratios.max, 2)) |")
    }
}
