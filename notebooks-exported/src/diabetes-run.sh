#!/usr/bin/env bash
# A notebook block for the diabetes notebook: runs `ddcalc ARGS` from the repository root, so that
# `--data data/diabetes/diabetes.csv` reads the committed file, and prints the fenced block the
# `run:` directive would (`$ ddcalc ARGS`, then the whole output). With --subset K, it first writes
# the first K rows of the data set to d<K>.csv in a scratch folder and runs there instead, showing
# the `head` command too. Run by generate.sh (ddcalc on PATH).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
printf '```\n'
if [ "${1:-}" = "--subset" ]; then
  rows=$2
  shift 2
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  head -n "$((rows + 1))" "$root/data/diabetes/diabetes.csv" >"$scratch/d$rows.csv"
  printf '$ head -n %s data/diabetes/diabetes.csv > d%s.csv\n' "$((rows + 1))" "$rows"
  cd "$scratch"
else
  cd "$root"
fi
printf '$ ddcalc %s\n' "$*"
ddcalc "$@"
printf '```\n'
