#!/usr/bin/env bash
# Prints the extra swift build flags for this machine's CPU: `-Xswiftc -target-cpu -Xswiftc haswell`
# (AVX2 and FMA) when the CPU has every instruction set that target uses, nothing otherwise, so a
# build with them never meets an illegal instruction. The package itself sets no CPU flags; the bits
# of every output are the same with and without them (bench/RESULTS.md, "Instruction set"), only
# the closed-form sweeps run faster.
#
#   swift build -c release $(scripts/cpu-flags.sh)
set -euo pipefail
[ "$(uname -m)" = x86_64 ] || exit 0
[ -r /proc/cpuinfo ] || exit 0
flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
for needed in sse4_2 popcnt avx avx2 fma f16c bmi1 bmi2 movbe abm xsave; do
  [[ $flags == *" $needed "* ]] || exit 0
done
echo "-Xswiftc -target-cpu -Xswiftc haswell"
