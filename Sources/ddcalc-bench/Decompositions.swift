// ddcalc-bench --decompositions: the one-off decompositions of a model in ddcalc's own Swift code
// (SymmetricEigen, ThinSVD) against LAPACK's drivers (dsyevd, dgesdd) on the same matrices, in one
// process, one thread (issue 21: output bits must not depend on the BLAS kernel, so every
// factorization whose bits reach an output is ddcalc's own). Each case runs once per model, so this
// measures a start-up cost, not a per-trial one. For every case the two are called alternately R
// times (ours first); the table gives the median milliseconds of each and the ratio of the medians.
// Run from the repository root (the diabetes case reads data/diabetes/diabetes.csv).
import DDLAPACKReference
import DoubleDescent

private struct DecompositionCase {
    let label: String
    let ours: () throws -> Void
    let lapack: () -> Void
}

private func decompositionCases() throws -> [DecompositionCase] {
    var rng = RandomStream(seed: 21)
    func gaussian(_ count: Int) -> [Double] { (0..<count).map { _ in 2 * rng.uniform() - 1 } }
    var cases: [DecompositionCase] = []
    for d in [100, 500, 1000] {
        // A dense covariance: G^T G / d + I / 10 for a d x d G with entries uniform on [-1, 1).
        let g = gaussian(d * d)
        let sigma = DenseOps.multiplyByTransposed(columnMajor: g, rows: d, inner: d, g, columns: d).enumerated().map { index, x in
            x / Double(d) + (index % (d + 1) == 0 ? 0.1 : 0)
        }
        cases.append(DecompositionCase(label: "covariance d=\(d): SymmetricEigen vs dsyevd",
                                       ours: { _ = try SymmetricEigen(symmetric: sigma, dimension: d) },
                                       lapack: { _ = LAPACKDecompositionReference.symmetricEigen(sigma, dimension: d) }))
    }
    let diabetes = try DataSetFile(path: "data/diabetes/diabetes.csv", target: "progression").features
    let n = diabetes.count, p = diabetes[0].count
    let table = (0..<(n * p)).map { diabetes[$0 % n][$0 / n] }
    let tall = gaussian(10_000 * 500)
    for (label, a, rows, columns) in [("data \(n)x\(p) (diabetes)", table, n, p), ("data 10000x500", tall, 10_000, 500)] {
        cases.append(DecompositionCase(label: "\(label): ThinSVD vs dgesdd",
                                       ours: { _ = try ThinSVD(columnMajor: a, rows: rows, columns: columns) },
                                       lapack: { _ = LAPACKDecompositionReference.thinSVD(a, rows: rows, columns: columns) }))
    }
    let weights = gaussian(20_000 * 1500)
    cases.append(DecompositionCase(label: "weights 20000x1500, values only: ThinSVD.singularValues vs dgesdd",
                                   ours: { _ = try ThinSVD.singularValues(columnMajor: weights, rows: 20_000, columns: 1500) },
                                   lapack: { _ = LAPACKDecompositionReference.singularValues(weights, rows: 20_000, columns: 1500) }))
    return cases
}

func runDecompositions(reps: Int) throws {
    let clock = ContinuousClock()
    print("case | ours (ms) | LAPACK (ms) | ours / LAPACK")
    for item in try decompositionCases() {
        var ours: [Double] = [], lapack: [Double] = []
        for _ in 0..<reps {
            ours.append(seconds(try clock.measure { try item.ours() }))
            lapack.append(seconds(clock.measure { item.lapack() }))
        }
        let a = Summary(ours).median, b = Summary(lapack).median
        print("\(item.label) | \(format(1e3 * a, 3)) | \(format(1e3 * b, 3)) | \(format(a / b, 2))")
    }
}
