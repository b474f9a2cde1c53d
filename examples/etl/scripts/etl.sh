#!/usr/bin/env bash
# Extract writes a CSV per entity and day; load counts what it would load.
set -euo pipefail
out=examples/etl/out
mkdir -p "$out"
case "${1:?step}" in
  extract)
    printf 'id,name\n1,%s-a\n2,%s-b\n' "$2" "$2" > "$out/$2-$3.csv"
    echo "extracted $2 for $3"
    ;;
  load)
    rows=$(( $(cat "$out"/customers-"$2".csv "$out"/orders-"$2".csv | wc -l) - 2 ))
    echo "loading $rows rows for $2"
    if [ -n "${DAGLINE_OUTPUT:-}" ]; then echo "rows=$rows" >> "$DAGLINE_OUTPUT"; fi
    ;;
esac
