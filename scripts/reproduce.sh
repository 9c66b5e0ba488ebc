#!/usr/bin/env bash
# Re-runs every reproduction sweep into results/ (CSV, manifest, report), enumerates the papers'
# configuration space into results/configuration-space/, then rebuilds the figures in
# notebooks-export/. Solves run one at a time so the timings are not disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build -c release --product finbench
swift build -c release --product finbench-bench
sweeps=(paper-alexnet paper-alexnet-cifar100 paper-sensitivity authors-users authors-users-shares
  scaling-nodes scaling-apps scaling-apps-contended journal-users default contended-multi contended-acceptance
  contended-seeds)
for sweep in "${sweeps[@]}"; do
  rm -f "results/$sweep/runs.csv"
  .build/release/finbench bench "results/sweeps/$sweep.json" --jobs 1
  .build/release/finbench report "results/$sweep" > /dev/null
done
mkdir -p results/configuration-space
.build/release/finbench-bench configurations --out results/configuration-space/configurations.csv
./scripts/notebooks.sh
