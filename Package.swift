// swift-tools-version:5.9
import PackageDescription

// The library is one umbrella module, DoubleDescent, over small modules that each hold one concept
// and depend only downwards (docs/LIBRARY.md):
//
//   DDElementary     deterministic exp, log, pow, lgamma, erfc, tanh (pure Swift, no libm)
//   DDInput          errors and readers of user files (spectrum, covariance, w*, data sets)
//   DDLinearAlgebra  our own solvers, factorizations, SVD, eigen (pure Swift, fixed operation order)
//   DDRandom         counter-based random streams and the exact samplers of classical laws
//   DDModel          Sigma, w*, the noise, the feature law, data sets as feature laws
//   DDTheory         the closed forms (pure Swift)
//   DDSampling       exact i.i.d. and surrogate (determinantal) designs
//   DDSimulation     the Monte Carlo engine and its trial kernels
//   DDRidge          Theorem 2: the ridge correspondence and its statistical check
//   DDSweep          grids of n or d, closed-form and model-wise sweeps
//   DDCrossValidation GCV and exact leave-one-out of ridge on a data set, from one SVD
//
// Outside the umbrella, DDLAPACKReference is the only module that imports CLapack: LAPACK's routes
// to the same results, for the tests' independent reference and the benchmarks. Nothing ddcalc or a
// consumer of DoubleDescent prints goes through it, and neither links OpenBLAS (issue 21).
//
// Each module lives in a folder under Sources/DoubleDescent with a README on its numerical decisions.
// No unsafe flags: any package can depend on DoubleDescent by version, and the build runs on any
// x86-64 or arm64 CPU (bench/RESULTS.md, "Instruction set", measures what AVX2 would add).

let library = "Sources/DoubleDescent"
let modules: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
    ("DDElementary", "Elementary", []),
    ("DDInput", "Input", [.product(name: "CSV", package: "CSV.swift")]),
    ("DDLinearAlgebra", "LinearAlgebra", []),
    ("DDRandom", "Random", ["DDElementary"]),
    ("DDModel", "Model", ["DDElementary", "DDInput", "DDLinearAlgebra", "DDRandom"]),
    ("DDTheory", "Theory", ["DDElementary", "DDLinearAlgebra", "DDModel"]),
    ("DDSampling", "Sampling", ["DDModel", "DDLinearAlgebra", "DDRandom"]),
    ("DDSimulation", "Simulation", ["DDElementary", "DDModel", "DDLinearAlgebra", "DDRandom", "DDSampling", "DDTheory"]),
    ("DDRidge", "Ridge", ["DDElementary", "DDModel", "DDLinearAlgebra", "DDRandom", "DDSampling", "DDSimulation", "DDTheory"]),
    ("DDSweep", "Sweep", ["DDElementary", "DDModel", "DDSimulation", "DDTheory"]),
    ("DDCrossValidation", "CrossValidation", ["DDLinearAlgebra"]),
]

let package = Package(
    name: "ddcalc",
    products: [
        .library(name: "DoubleDescent", targets: ["DoubleDescent"]),
        .executable(name: "ddcalc", targets: ["ddcalc"]),
        // Solver-vs-dgemm throughput (bench/README.md); not part of the ddcalc tool.
        .executable(name: "ddcalc-bench", targets: ["ddcalc-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // LAPACKE and CBLAS from Debian's liblapacke-dev and libopenblas-dev, through a module map.
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
    ] + modules.map { module in
        .target(name: module.name, dependencies: module.dependencies, path: "\(library)/\(module.folder)",
                exclude: ["README.md"])
    } + [
        .target(name: "DDLAPACKReference", dependencies: ["CLapack", "DDLinearAlgebra"], path: "\(library)/LAPACKReference",
                exclude: ["README.md"]),
        .target(
            name: "DoubleDescent",
            dependencies: modules.map { .target(name: $0.name) },
            path: library,
            exclude: modules.map(\.folder) + ["LAPACKReference"],
            sources: ["DoubleDescent.swift"]
        ),
        .executableTarget(
            name: "ddcalc",
            dependencies: [
                "DoubleDescent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ddcalc-bench", dependencies: ["DoubleDescent", "DDLAPACKReference"]),
        .testTarget(name: "DoubleDescentTests",
                    dependencies: modules.map { .target(name: $0.name) } + ["DDLAPACKReference", "CLapack"]),
        .testTarget(name: "ddcalcTests", dependencies: ["ddcalc", "DoubleDescent"]),
    ]
)
