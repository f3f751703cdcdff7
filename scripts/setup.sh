#!/usr/bin/env bash
# Installs every build and test dependency (Debian 12 packages) and builds handoff.
# Usage: bash scripts/setup.sh            (build into ./build)
#        BUILD_DIR=out bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config git
  libcli11-dev libyaml-cpp-dev libfmt-dev libgit2-dev libssl-dev
  doctest-dev libkainjow-mustache-dev nlohmann-json3-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # report --format html
  python3 python3-yaml python3-jsonschema  # e2e tests: XML, JSON, CI examples, JSON Schema
  clang-format clang-tidy                  # CI: check-format and scripts/tidy.sh
  openssh-client                           # tests: SSH keys and signed commits (ssh-keygen)
  jq                                       # e2e: the scheduled todo job's posting script
  libcurl4-openssl-dev                     # notify --post
  tidy                                     # e2e: every HTML report is valid HTML
  libxml2-utils                            # e2e: xmllint validates JUnit against Jenkins' schema
  libxlsxwriter-dev libzip-dev libpugixml-dev  # export / import of spreadsheets; report --format docx, verify
  chromium fonts-noto-cjk fonts-wqy-microhei  # report --format pdf (prints the HTML; CJK fonts: WenQuanYi embeds by name)
  python3-openpyxl libreoffice-calc-nogui  # e2e clients: workbooks written by openpyxl and LibreOffice
  poppler-utils libreoffice-writer-nogui python3-docx  # e2e clients: read PDFs and .docx back
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHANDOFF_WERROR=ON
cmake --build "$build_dir" -j2
echo "setup: built $build_dir/cli/handoff"
