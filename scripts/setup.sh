#!/usr/bin/env bash
# Installs the Debian packages ddcalc needs, only when they are missing:
# LAPACKE and OpenBLAS (linked by the CLapack module), gnuplot (ddcalc plot)
# and GNU parallel (sharded sweeps and their tests). Needs root or sudo.
set -euo pipefail
packages=(liblapacke-dev libopenblas-dev gnuplot-nox parallel)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >&2
