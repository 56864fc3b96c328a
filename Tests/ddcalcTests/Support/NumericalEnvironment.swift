import Foundation

/// Process environments that make the machine's numerical libraries take other code paths, for the
/// tests that ddcalc's output does not depend on them (GoldenBitsTests, issue 21).
struct NumericalEnvironment {
    let name: String
    let variables: [String: String]

    /// OpenBLAS left to pick its kernels by CPU; the Prescott kernels, which every x86-64 CPU runs; the
    /// Haswell and SkylakeX kernels where this CPU has AVX2 + FMA, AVX-512; and glibc's libm in its
    /// baseline variants (no FMA, no AVX2: what a CPU without them gets) with the Prescott kernels.
    /// Elsewhere than on x86-64 only the first.
    static func variants() -> [NumericalEnvironment] {
        var inherited = ProcessInfo.processInfo.environment
        inherited["OPENBLAS_CORETYPE"] = nil
        inherited["GLIBC_TUNABLES"] = nil
        func with(_ extra: [String: String]) -> [String: String] { inherited.merging(extra) { $1 } }
        var variants = [NumericalEnvironment(name: "OpenBLAS's own choice", variables: inherited)]
        #if arch(x86_64)
        variants.append(NumericalEnvironment(name: "OPENBLAS_CORETYPE=Prescott", variables: with(["OPENBLAS_CORETYPE": "Prescott"])))
        let flags = cpuFlags()
        if flags.isSuperset(of: ["avx2", "fma"]) {
            variants.append(NumericalEnvironment(name: "OPENBLAS_CORETYPE=Haswell", variables: with(["OPENBLAS_CORETYPE": "Haswell"])))
        }
        if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) {
            variants.append(NumericalEnvironment(name: "OPENBLAS_CORETYPE=SkylakeX", variables: with(["OPENBLAS_CORETYPE": "SkylakeX"])))
        }
        variants.append(NumericalEnvironment(
            name: "glibc's baseline libm (GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA) and OPENBLAS_CORETYPE=Prescott",
            variables: with(["GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA", "OPENBLAS_CORETYPE": "Prescott"])))
        #endif
        return variants
    }

    /// The instruction-set flags of the first CPU in /proc/cpuinfo (empty where it cannot be read).
    static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
