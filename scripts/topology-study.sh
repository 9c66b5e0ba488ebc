#!/usr/bin/env bash
# The real-topology study (issue 14), one command:
#  1. installs topohub (pinned) and the notebook's pandas and matplotlib into the project-local
#     virtual environment .venv-topohub/ (git-ignored);
#  2. exports topohub's Topology Zoo, SNDlib and CAIDA AS networks to node-link JSON files in
#     .topologies/ (git-ignored; scripts/topohub-export.py);
#  3. imports every exported network into an instance and validates it
#     (results/topology-study/imports.csv; the raw topohub files too, for the rejections);
#  4. runs the sweep results/sweeps/topology-study.json (12 networks x 1, 10, 50 applications x 2 seeds,
#     FIN gamma 10 and 50, FIN-exact, fin-multi, MCP, MILP/CBC with a 20 s limit) into
#     results/topology-study/, and its report;
#  5. draws one deployment on its map (notebooks-export/topology-geant2012.svg) and redraws the
#     figures (notebooks/figures.py into notebooks-export/).
# About 15-20 minutes on a loaded 2-core machine. FINBENCH_JOBS sets the parallel solves (2).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
venv=.venv-topohub
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q "topohub==1.5.1" "pandas==3.1.1" "matplotlib==3.11.2"
rm -rf .topologies
"$venv/bin/python" scripts/topohub-export.py .topologies
swift build -c release --product finbench
fb=.build/release/finbench
out=results/topology-study
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Import check: every exported network, then topohub's own files (positions as topohub has them).
raw=$("$venv/bin/python" -c 'import importlib.resources, topohub; print(importlib.resources.files(topohub) / "data")')
{
  echo "source,group,network,status,nodes,links,reason"
  for source in exported raw; do
    for group in topozoo sndlib caida; do
      if [ "$source" = exported ]; then dir=".topologies/$group"; else dir="$raw/$group"; fi
      [ "$group" = caida ] && [ "$source" = raw ] && dir="$raw/caida/2024-08"
      for f in "$dir"/*.json; do
        n=$(basename "$f" .json)
        if "$fb" generate --topology "$f" --applications 1 --out "$tmp/i.json" 2> "$tmp/err" \
          && "$fb" validate "$tmp/i.json" > /dev/null 2>> "$tmp/err"; then
          counts=$(sed -n 's/.*: \([0-9]*\) nodes (.*), \([0-9]*\) links,.*/\1,\2/p' "$tmp/err" | head -1)
          echo "$source,$group,$n,ok,$counts,"
        else
          reason=$(tail -1 "$tmp/err" | sed 's/^finbench: //; s/.*\.json: //; s/"/""/g')
          echo "$source,$group,$n,rejected,,,\"$reason\""
        fi
      done
    done
  done
} > "$out/imports.csv"
awk -F, 'NR > 1 { k = $1 " " $2 " " $4; c[k]++ } END { for (k in c) print k ": " c[k] }' "$out/imports.csv" | sort

rm -f "$out/runs.csv"
"$fb" bench results/sweeps/topology-study.json --jobs "${FINBENCH_JOBS:-2}"
"$fb" report "$out" > /dev/null

# One deployment on a real map: GEANT (2012), 10 applications, fin-multi.
inst="$out/instances/topology-study-Geant2012-a10-s1.json"
sol=$(ls "$out"/solutions/*Geant2012-a10-s1*fin-multi* | head -1)
"$fb" draw "$inst" "$sol" --out notebooks-export/topology-geant2012.svg

FINBENCH_ROOT="$PWD" "$venv/bin/python" notebooks/figures.py > /dev/null
echo "topology study: $out/, notebooks-export/topology-*.svg"
