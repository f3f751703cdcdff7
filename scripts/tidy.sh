#!/usr/bin/env bash
# Runs clang-tidy (the checks of .clang-tidy) over every C++ source of lib/ and cli/, two files
# at a time, and fails on any warning. Needs the compile commands of scripts/setup.sh's build.
# Usage: bash scripts/tidy.sh [FILE...]      (default: every lib/ and cli/ source)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
tidy="$(command -v clang-tidy-14 || command -v clang-tidy || true)"
if [[ -z "$tidy" ]]; then
  echo "tidy: clang-tidy not found: run bash scripts/setup.sh" >&2
  exit 1
fi
if [[ ! -f "$build_dir/compile_commands.json" ]]; then
  echo "tidy: $build_dir/compile_commands.json is missing: run bash scripts/setup.sh" >&2
  exit 1
fi
if (($#)); then
  files=("$@")
else
  # find, not git ls-files: CI runs this in a copy of the tracked files that is no git work tree.
  mapfile -t files < <(find lib cli -name '*.cpp' | LC_ALL=C sort)
fi
printf '%s\0' "${files[@]}" \
  | xargs -0 -P2 -n4 "$tidy" -p "$build_dir" --quiet --warnings-as-errors='*'
echo "tidy: ${#files[@]} files clean"
