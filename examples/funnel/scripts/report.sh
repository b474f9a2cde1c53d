#!/usr/bin/env bash
set -euo pipefail
[ "${1:-}" = --stage ] || { echo "usage: report.sh --stage STAGE" >&2; exit 2; }
echo "funnel rollout report: stage '$2' finished"
