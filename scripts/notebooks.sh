#!/usr/bin/env bash
# Rebuilds notebooks-export/ from the CSVs in results/: makes a project-local virtual environment
# (.venv-notebooks, ignored by git) with the pinned packages of notebooks/requirements.txt (pandas,
# matplotlib and everything they pull in, so that re-running changes no byte), then runs every
# notebook in notebooks/ (jupytext percent scripts, plain Python) with it. `swift test` never
# needs Python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-notebooks
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! cmp -s notebooks/requirements.txt "$venv/installed-requirements.txt"; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r notebooks/requirements.txt
  cp notebooks/requirements.txt "$venv/installed-requirements.txt"
fi
for nb in notebooks/*.py; do
  FINBENCH_ROOT="$PWD" "$venv/bin/python" "$nb" > /dev/null
done
echo "notebooks-export/ rebuilt: $(ls notebooks-export | tr '\n' ' ')"
