#!/usr/bin/env bash
# Builds a new package that depends on DoubleDescent BY VERSION (a temporary clone of this
# repository's HEAD, tagged with the version `ddcalc --version` prints, read from
# Sources/ddcalc/DDCalcVersion.swift) and runs the code of the getting-started article
# (Sources/DoubleDescent/DoubleDescent.docc/GettingStarted.md), so that the article compiles and
# runs and the manifest stays usable as a dependency (no unsafe flags). Needs what scripts/setup.sh
# installs. Exit 0 on success.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
article="$root/Sources/DoubleDescent/DoubleDescent.docc/GettingStarted.md"
version=$(sed -n 's/^ *static let current = "\([0-9.]*\)"$/\1/p' "$root/Sources/ddcalc/DDCalcVersion.swift")
[ -n "$version" ] || { echo "check-consumer: no version in Sources/ddcalc/DDCalcVersion.swift" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$root" "$work/ddcalc"
git -C "$work/ddcalc" tag "$version"

mkdir -p "$work/consumer/Sources/consumer"
cat >"$work/consumer/Package.swift" <<MANIFEST
// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "consumer",
    dependencies: [.package(url: "file://$work/ddcalc", from: "$version")],
    targets: [
        .executableTarget(name: "consumer", dependencies: [.product(name: "DoubleDescent", package: "ddcalc")]),
    ]
)
MANIFEST
# Every ```swift block of the article, in order, is the program.
awk '/^```swift$/{on=1; next} /^```$/{on=0} on' "$article" >"$work/consumer/Sources/consumer/main.swift"
[ -s "$work/consumer/Sources/consumer/main.swift" ] || { echo "check-consumer: no swift code in $article" >&2; exit 1; }

cd "$work/consumer"
swift build -c release >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; echo "check-consumer: the consumer did not build" >&2; exit 1; }
output=$(swift run -c release --skip-build consumer)
printf '%s\n' "$output"
# The article's program prints ten curve points, the Monte Carlo line and the Theorem 2 line.
[ "$(printf '%s\n' "$output" | grep -c .)" -eq 12 ] || { echo "check-consumer: expected 12 lines of output" >&2; exit 1; }
printf '%s\n' "$output" | grep -q '^theory .*, Monte Carlo .* ± ' || { echo "check-consumer: no Monte Carlo line" >&2; exit 1; }
printf '%s\n' "$output" | grep -q '^relative error .*, p-value ' || { echo "check-consumer: no Theorem 2 line" >&2; exit 1; }
echo "check-consumer: a package depending on DoubleDescent $version built and ran the getting-started article"
