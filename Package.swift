// swift-tools-version:5.9
import PackageDescription

// The spectral sums of the closed forms are bound by one division per eigenvalue and pass; with AVX2
// (x86-64-v3, every x86 server since about 2015) they run four lanes per instruction instead of
// two, which halves the d = 10^6 sweep (bench/RESULTS.md). Results stay a pure function of the
// inputs on a given build.
#if arch(x86_64)
let vectorISA: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let vectorISA: [SwiftSetting] = []
#endif

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
        // The only target that imports C: LAPACKE and CBLAS from Debian's
        // liblapacke-dev and libopenblas-dev, through a module map.
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(
            name: "DoubleDescent",
            dependencies: [
                "CLapack",
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // Each module folder explains its numerical decisions in a README.
            exclude: [
                "Estimation/README.md",
                "Linalg/README.md",
                "Random/README.md",
                "Simulation/README.md",
                "Theory/README.md",
            ],
            swiftSettings: vectorISA
        ),
        .executableTarget(
            name: "ddcalc",
            dependencies: [
                "DoubleDescent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ddcalc-bench", dependencies: ["DoubleDescent"]),
        .testTarget(name: "DoubleDescentTests", dependencies: ["DoubleDescent"]),
        .testTarget(name: "ddcalcTests", dependencies: ["ddcalc"]),
    ]
)
