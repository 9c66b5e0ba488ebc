#!/usr/bin/env bash
# Runs the authors' MATLAB decision procedures (GitHub chetna-iitd/orchestrate_dynamic_DNN)
# with GNU Octave over the papers' grid and writes the reference CSVs the FINAuthors tests
# compare with. Their code is checked out into a temporary directory, never into this tree.
#
#   scripts/authors-reference.sh REPO_PATH [OUT_DIR]
#
# REPO_PATH: a clone (or bare git dir) of their repository. OUT_DIR defaults to
# Tests/FINAuthorsTests/Resources. Needs octave (Debian: apt-get install octave).
set -euo pipefail
repo=${1:?usage: scripts/authors-reference.sh REPO_PATH [OUT_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../Tests/FINAuthorsTests/Resources}
head=ec4484d018b12b7f801e2b470ccc176c6a84c4e0   # their head: single-model functions
multi=5b67a48853da249375b4eeafdface55af7cc6508  # the commit whose driver calls the multi-model ones
if [ -d "$repo/.git" ]; then gitdir="$repo/.git"; else gitdir="$repo"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/head" "$tmp/multi" "$out"
git --git-dir="$gitdir" archive "$head" | tar -x -C "$tmp/head"
git --git-dir="$gitdir" archive "$multi" | tar -x -C "$tmp/multi"
cd "$tmp"
octave --no-gui --norc --no-window-system -q "$here/authors/reference.m" "$tmp/head" "$tmp/multi" "$(cd "$out" && pwd)"
echo "wrote $out/authors-reference-cifar10.csv and $out/authors-reference-multi.csv" >&2
