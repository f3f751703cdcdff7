#!/usr/bin/env bash
# Runs the whole test suite (unit and end-to-end) against the build from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
ctest --test-dir "$build_dir" --output-on-failure -j2
