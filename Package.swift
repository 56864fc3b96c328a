// swift-tools-version:5.9
import PackageDescription

// The library is one umbrella module, DoubleDescent, over small modules that each hold one concept
// and depend only downwards (docs/LIBRARY.md):
//
//   DDElementary     deterministic exp, log, pow, lgamma, erfc, tanh (pure Swift, no libm)
//   DDInput          errors and readers of user files (spectrum, covariance, w*, data sets)
//   DDLinearAlgebra  the only module that imports CLapack: solvers, factorizations, SVD, eigen
//   DDRandom         counter-based random streams and the exact samplers of classical laws
//   DDModel          Sigma, w*, the noise, the feature law, data sets as feature laws
//   DDTheory         the closed forms (pure Swift)
//   DDSampling       exact i.i.d. and surrogate (determinantal) designs
//   DDSimulation     the Monte Carlo engine and its trial kernels
//   DDRidge          Theorem 2: the ridge correspondence and its statistical check
//   DDSweep          grids of n or d, closed-form and model-wise sweeps
//
// Each module lives in a folder under Sources/DoubleDescent with a README on its numerical decisions.
// No unsafe flags: any package can depend on DoubleDescent by version, and the build runs on any
// x86-64 or arm64 CPU (bench/RESULTS.md, "Instruction set", measures what AVX2 would add).

let library = "Sources/DoubleDescent"
let modules: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
    ("DDElementary", "Elementary", []),
    ("DDInput", "Input", [.product(name: "CSV", package: "CSV.swift")]),
    ("DDLinearAlgebra", "LinearAlgebra", ["CLapack"]),
    ("DDRandom", "Random", ["DDElementary"]),
    ("DDModel", "Model", ["DDElementary", "DDInput", "DDLinearAlgebra", "DDRandom"]),
    ("DDTheory", "Theory", ["DDElementary", "DDModel"]),
    ("DDSampling", "Sampling", ["DDModel", "DDLinearAlgebra", "DDRandom"]),
    ("DDSimulation", "Simulation", ["DDElementary", "DDModel", "DDLinearAlgebra", "DDRandom", "DDSampling", "DDTheory"]),
    ("DDRidge", "Ridge", ["DDElementary", "DDModel", "DDLinearAlgebra", "DDRandom", "DDSampling", "DDSimulation", "DDTheory"]),
    ("DDSweep", "Sweep", ["DDElementary", "DDModel", "DDSimulation", "DDTheory"]),
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
        .target(
            name: "DoubleDescent",
            dependencies: modules.map { .target(name: $0.name) },
            path: library,
            exclude: modules.map(\.folder),
            sources: ["DoubleDescent.swift"]
        ),
        .executableTarget(
            name: "ddcalc",
            dependencies: [
                "DoubleDescent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ddcalc-bench", dependencies: ["DoubleDescent"]),
        .testTarget(name: "DoubleDescentTests", dependencies: modules.map { .target(name: $0.name) } + ["CLapack"]),
        .testTarget(name: "ddcalcTests", dependencies: ["ddcalc", "DoubleDescent"]),
    ]
)
