#!/usr/bin/env bash
# An overlay figure for a notebook: `ddcalc sweep ARGS_i --format gnuplot --out e<i>` for each
# argument string, then `ddcalc plot e1 e2 ... --out fig` (one colour per export, labelled by the
# model settings in which the exports differ), kept as figures/NAME.png; prints the commands (for
# readers to copy) and the image link. Run from notebooks-exported/ by generate.sh (ddcalc on PATH).
#
#   bash src/overlay-figure.sh [--pdf] NAME 'SWEEP ARGS 1' 'SWEEP ARGS 2' ...
#
# --pdf also keeps the figure as figures/NAME.pdf, drawn for a paper (7 x 6 in, 10-point text;
# the PNG then has the same layout, 504 x 432 pixels, and both are linked).
#
# Every export must hold the same risk (`--risk`, once ddcalc has it) and vary the same axis: an
# estimation-risk and a prediction-risk overlay are two figures side by side.
set -euo pipefail
pictures=()
if [ "$1" = --pdf ]; then
  pictures=(--format png,pdf --size 7x6in --font-size 10)
  shift
fi
name=$1
shift
[[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "overlay-figure.sh: bad figure name: $name" >&2; exit 1; }
here=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p figures
exports=()
printf '```\n'
for arguments in "$@"; do
  folder="e$((${#exports[@]} + 1))"
  read -r -a words <<<"$arguments"
  (cd "$scratch" && ddcalc sweep "${words[@]}" --format gnuplot --out "$folder")
  printf 'ddcalc sweep %s --format gnuplot --out %s\n' "$arguments" "$folder"
  exports+=("$folder")
done
(cd "$scratch" && ddcalc plot "${exports[@]}" --out fig ${pictures[@]+"${pictures[@]}"} >/dev/null)
printf 'ddcalc plot %s --out fig%s\n```\n\n' "${exports[*]}" "${pictures[*]+ ${pictures[*]}}"
cp "$scratch/fig/overlay.png" "$here/figures/$name.png"
printf '![%s](figures/%s.png)\n' "$name" "$name"
if [ ${#pictures[@]} -gt 0 ]; then
  cp "$scratch/fig/overlay.pdf" "$here/figures/$name.pdf"
  printf '\nThe same figure as PDF, for a paper: [figures/%s.pdf](figures/%s.pdf)\n' "$name" "$name"
fi
