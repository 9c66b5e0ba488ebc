#!/usr/bin/env bash
# Installs what the workbench needs on a Debian/Ubuntu machine that already has the Swift
# toolchain: the GLPK and COIN-OR CBC C libraries (and their command-line solvers, used by
# the cross-check tests), and pkg-config, through which the CBC target finds its flags.
# Safe to run again: it installs only what is missing.
set -euo pipefail
packages=(libglpk-dev coinor-libcbc-dev glpk-utils coinor-cbc pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
