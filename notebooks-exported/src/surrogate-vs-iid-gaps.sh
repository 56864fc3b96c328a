#!/usr/bin/env bash
# Relative gap (iid - surrogate) / iid between the exact i.i.d. Gaussian MSE and Theorem 1's
# surrogate MSE, isotropic Sigma, d = 25 ... 400, n = round(r d) for r in 0.5, 0.9, 1.1, 1.5
# (halves rounded up). Closed forms only. Run from notebooks-exported/ with ddcalc on PATH
# (generate.sh does both). Writes figures/surrogate-vs-iid-gaps.dat (read by
# surrogate-vs-iid-gap.gp) and prints two Markdown tables: the gaps, and the fitted rates.
set -euo pipefail
ratios=(0.5 0.9 1.1 1.5)
dims=(25 50 100 200 400)
mkdir -p figures
dat=figures/surrogate-vs-iid-gaps.dat
rows=$(
  for d in "${dims[@]}"; do
    ns=$(for r in "${ratios[@]}"; do awk -v r="$r" -v d="$d" 'BEGIN { printf "%d\n", int(r * d + 0.5) }'; done | paste -sd, -)
    ddcalc sweep --d "$d" --ns "$ns" --trials 0 --format csv |
      awk -F, -v d="$d" -v rs="${ratios[*]}" '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; split(rs, r, " "); next }
        { s = $col["theory_mse"]; e = $col["iid_exact_mse"]
          printf "%d %s %d %.17g %.17g %.17g\n", d, r[NR - 1], $col["n"], s, e, (e - s) / e }'
  done
)
# One block per ratio (gnuplot: index 0, 1, ...), separated by two blank lines.
{
  echo "# d r n surrogate_mse iid_exact_mse rel_gap"
  sort -k2,2g -k1,1n <<<"$rows" | awk 'NR > 1 && $2 != last { printf "\n\n" } { print; last = $2 }'
} >"$dat"

# Markdown table: one row per d, one column per ratio, "n: gap".
awk -v rs="${ratios[*]}" '
  BEGIN { nr = split(rs, r, " ")
          printf "| d |"; for (i = 1; i <= nr; i++) printf " n/d = %s |", r[i]; printf "\n"
          printf "|---:|"; for (i = 1; i <= nr; i++) printf "---:|"; printf "\n" }
  /^#/ || NF == 0 { next }
  { gap[$1, $2] = $6; n[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; ds[++nd] = $1 } }
  END { for (j = 1; j <= nd; j++) { printf "| %d |", ds[j]
          for (i = 1; i <= nr; i++) printf " n = %d: %.3g%% |", n[ds[j], r[i]], 100 * gap[ds[j], r[i]]
          printf "\n" } }' "$dat"
echo
# Least-squares slope of log(gap) against log(d), per ratio, over all d and over d >= 100.
awk -v rs="${ratios[*]}" '
  function slope(k, from,   i, sx, sy, sxx, sxy, m) {
    m = 0; sx = sy = sxx = sxy = 0
    for (i = 1; i <= cnt[k]; i++) if (D[k, i] >= from) {
      m++; sx += log(D[k, i]); sy += log(G[k, i]); sxx += log(D[k, i])^2; sxy += log(D[k, i]) * log(G[k, i]) }
    return (m * sxy - sx * sy) / (m * sxx - sx * sx) }
  BEGIN { nr = split(rs, r, " ") }
  /^#/ || NF == 0 { next }
  { k = $2; cnt[k]++; D[k, cnt[k]] = $1; G[k, cnt[k]] = $6 }
  END { print "| n/d | fitted exponent, d = 25 to 400 | fitted exponent, d = 100 to 400 | gap x d at d = 400 |"
        print "|---:|---:|---:|---:|"
        for (i = 1; i <= nr; i++) { k = r[i]
          printf "| %s | %.3f | %.3f | %.3g |\n", k, slope(k, 0), slope(k, 100), G[k, cnt[k]] * D[k, cnt[k]] } }' "$dat"
