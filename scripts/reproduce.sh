#!/usr/bin/env bash
# Re-runs every reproduction sweep into results/ (CSV, manifest, report), then rebuilds the
# figures in notebooks-export/. Solves run one at a time so the timings are not disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build -c release --product finbench
for sweep in paper-alexnet scaling-nodes scaling-apps scaling-apps-contended journal-users default; do
  rm -f "results/$sweep/runs.csv"
  .build/release/finbench bench "results/sweeps/$sweep.json" --jobs 1
  .build/release/finbench report "results/$sweep" > /dev/null
done
./scripts/notebooks.sh
