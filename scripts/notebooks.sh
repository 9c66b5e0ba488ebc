#!/usr/bin/env bash
# Rebuilds notebooks-export/ from the CSVs in results/: installs pandas and matplotlib (pinned,
# so that re-running changes no byte), then runs every notebook in notebooks/ (jupytext percent
# scripts, plain Python).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q "pandas==3.1.1" "matplotlib==3.11.2" 2>/dev/null || python3 -m pip install -q pandas matplotlib
for nb in notebooks/*.py; do
  FINBENCH_ROOT="$PWD" python3 "$nb" > /dev/null
done
echo "notebooks-export/ rebuilt: $(ls notebooks-export | tr '\n' ' ')"
