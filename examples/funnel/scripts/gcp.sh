#!/usr/bin/env bash
# A stand-in for the gcloud calls of the funnel rollout: prints what it would
# do, takes a moment, and reports outputs the way a real step would.
set -euo pipefail
action=${1:?action}; shift
echo "[gcp:${REGION:-local}] ${action} $*"
case "$action" in
  create-infra)
    echo "creating buckets, datasets, tables and workflow templates ($*)"
    if [ -n "${DAGLINE_OUTPUT:-}" ]; then echo "bucket=gs://funnel-raw-${REGION:-local}" >> "$DAGLINE_OUTPUT"; fi
    ;;
  run-workflow) echo "running workflow template $1 ($2)" ;;
  check-scheduler) echo "scheduler $1 is idle" ;;
  force-scheduler) echo "forcing scheduler $1" ;;
  *) echo "unknown action: $action" >&2; exit 2 ;;
esac
sleep 0.2
