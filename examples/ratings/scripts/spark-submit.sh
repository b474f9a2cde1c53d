#!/usr/bin/env bash
# Stands in for spark-submit with a code artifact.
set -euo pipefail
echo "spark-submit --app FunWithPySpark ${1:?artifact}"
echo "job ${1} finished"
