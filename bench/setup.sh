#!/usr/bin/env bash
# Installs what the benchmark needs beyond scripts/setup.sh (Debian 12 packages): GNU time,
# the yamllint peer, the other YAML parsers measured as floors (libyaml, libfyaml) and Node.js
# with npm for the ajv-cli peer (run.py installs ajv-cli itself, into its work folder).
# Usage: bash bench/setup.sh && python3 bench/run.py
set -euo pipefail

packages=(time yamllint libyaml-dev libfyaml-dev python3 cmake ninja-build g++ pkg-config)
command -v npm > /dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "bench/setup.sh: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "bench/setup.sh: ready; run python3 bench/run.py"
