#!/usr/bin/env bash
# One step of the ML flow: reads and writes small CSV files under out/.
set -euo pipefail
out=examples/flow-forge/out
mkdir -p "$out"
step=$1; shift
case "$step" in
  fetch) printf 'id,value\n1,%s\n2,%s\n' "$1" "$1" > "$out/$1.csv"; echo "fetched $1" ;;
  clean) cat "$out/$1.csv" > "$out/clean.csv"; tail -n +2 "$out/$2.csv" >> "$out/clean.csv"; echo "cleaned $(($(wc -l < "$out/clean.csv") - 1)) rows" ;;
  analyze) echo "analyzed $(($(wc -l < "$out/$1.csv") - 1)) rows" ;;
  train)
    echo "training on $1 ($*)"
    if [ -n "${DAGLINE_OUTPUT:-}" ]; then echo "accuracy=0.93" >> "$DAGLINE_OUTPUT"; fi
    ;;
esac
