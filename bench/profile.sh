#!/usr/bin/env bash
# Counts the instructions (valgrind --tool=callgrind) that the parse floors and `handoff check
# -j 1` execute on one generated workspace (and the other parsers' floors, when parse_floor
# has them), and shows where check's instructions go.
# Instruction counts do not depend on the load of the machine, unlike times.
#
# Usage: bench/profile.sh BUILD_DIR WORKSPACE [OTHER_HANDOFF_BINARY ...]
#   BUILD_DIR   a Release build with -DHANDOFF_BENCH=ON (cli/handoff, bench/parse_floor)
#   WORKSPACE   e.g. a folder written by `bench/generate.py WORKSPACE 100`
#   extra binaries (say, a build of an older commit) are counted too, for before/after.
set -euo pipefail
build="$(cd "$1" && pwd)"
ws="$(cd "$2" && pwd)"
shift 2
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$ws"

count() {  # label, command...
  local label="$1"
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$@" >/dev/null 2>"$out/log" || true
  printf '%-45s %15s instructions\n' "$label" "$(sed -n 's/.*Collected : //p' "$out/log")"
}

echo "workspace: $(find projects -name '*.yaml' | wc -l) files, $(cat projects/*/*.yaml | wc -c) bytes"
count "parse floor: yaml-cpp events, -j 1" "$build/bench/parse_floor" -j 1 --parser yaml-cpp-events projects
count "parse floor: YAML::Load, -j 1" "$build/bench/parse_floor" -j 1 projects
# Other parsers, when parse_floor was built with them (what a faster parser would give).
for parser in libyaml libfyaml; do
  if { "$build/bench/parse_floor" 2>&1 || true; } | grep -q " $parser"; then
    count "other parser: $parser events, -j 1" "$build/bench/parse_floor" -j 1 --parser "$parser" projects
  fi
done
for other in "$@"; do
  count "check -j 1 with $other" "$other" check -j 1 --today 2026-11-20
done
count "check -j 1" "$build/cli/handoff" check -j 1 --today 2026-11-20
echo
echo "Where check's instructions go (inclusive, selected functions):"
callgrind_annotate --inclusive=yes "$out/cg" 2>/dev/null \
  | grep -E 'PROGRAM TOTALS|YAML::Parser::HandleNextDocument|handoff::yaml::parse\(|Builder::On|model::load_project|rules::check_project|Validator::object|output::text' \
  | sed -E 's/\?\?\?://; s/^( *[0-9,]+ \([0-9.]+%\) +[^(]+)\(.*/\1/' | head -20
