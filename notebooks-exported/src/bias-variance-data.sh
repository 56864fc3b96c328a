#!/usr/bin/env bash
# Closed-form curves for the bias-variance notebook: d = 100, geometric:100 spectrum, sigma = 0.1,
# w* on the top eigenvector, isotropic, or on the bottom eigenvector; n = 0.5, 1, ..., 300.
# Run from notebooks-exported/ with ddcalc on PATH (generate.sh does both). Writes
# figures/bias-variance-WSTAR.dat (columns n, n/d, MSE, bias, variance; read by
# bias-variance-alignment.gp) and prints a Markdown table of landmarks of each curve.
set -euo pipefail
mkdir -p figures
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for w in top isotropic bottom; do
  ddcalc sweep --d 100 --spectrum geometric:100 --sigma 0.1 --wstar "$w" --n-min 0.5 --n-max 300 --points 600 \
    --trials 0 --format csv >"$scratch/$w.csv"
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "# n n/d mse bias variance"; next }
           { print $c["n"], $c["ratio"], $c["theory_mse"], $c["theory_bias"], $c["theory_variance"] }' \
    "$scratch/$w.csv" >"figures/bias-variance-$w.dat"
done
echo "| w* | best n < d | its MSE | bias there | variance there | first n > d that does better | MSE at n = 2d |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for w in top isotropic bottom; do
  awk -v w="$w" '
    /^#/ { next }
    first == "" { first = $1 }
    $1 < 100 && (best == "" || $3 < best) { best = $3; bn = $1; bb = $4; bv = $5 }
    $1 > 100 && better == "" && best != "" && $3 < best { better = $1 }
    $1 == 200 { at2d = $3 }
    END { if (bn == first) bnt = "none (MSE rises from n = 0)"; else bnt = sprintf("%g", bn)
          printf "| %s | %s | %.4g | %.4g | %.4g | %g | %.4g |\n", w, bnt, best, bb, bv, better, at2d }' \
    "figures/bias-variance-$w.dat"
done
