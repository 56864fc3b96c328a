#!/usr/bin/env bash
# The diabetes notebook's figure: `ddcalc sweep ARGS --format gnuplot` run from the repository root
# (so the title shows the data set's path as committed), rendered by `ddcalc plot`, kept as
# figures/diabetes.png; prints the command and the image link. Run from notebooks-exported/ by
# generate.sh (ddcalc on PATH).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p figures
(cd "$root" && ddcalc sweep "$@" --format gnuplot --out "$scratch/fig" && ddcalc plot "$scratch/fig" >/dev/null)
cp "$scratch/fig/sweep.png" "$here/figures/diabetes.png"
printf '```\nddcalc sweep %s --format gnuplot --out fig && ddcalc plot fig\n```\n\n' "$*"
printf '![MSE against n/d on the diabetes features](figures/diabetes.png)\n'
