#!/usr/bin/env bash
# End-to-end tests: run the real handoff binary in a fresh temporary folder per case and
# compare its stdout, stderr and exit code with the case's golden file.
#
# A case is a folder tests/e2e/cases/<group>/<case>/ holding
#   cmd            a bash script, run in the temporary folder (set -e is off)
#   workspace/     optional: copied into the temporary folder before `cmd` runs
#   expected       the golden file: stdout, then "--- stderr", stderr, then "--- exit N"
#                  (the exit code of the script's last command)
# The script sees: `handoff` on PATH (and the crash test binary as
# `handoff-crash-before-rename`), $EXAMPLES (the repository's examples/ folder, read-only
# by convention: copy it before writing), $REPO, HANDOFF_TODAY=2026-11-20, NO_COLOR=1, and a
# private HOME with a git identity.
#
# Usage: HANDOFF_BIN=path/to/handoff bash tests/e2e/run.sh [FILTER]
#        HANDOFF_UPDATE_GOLDEN=1 ...   rewrite the golden files instead of comparing
#        HANDOFF_E2E_SHARD=K/N ...     run only every Nth case, starting with the Kth (1-based):
#                                      ctest runs the suite as N such shards side by side
#        HANDOFF_E2E_SKIP=GROUP[,GROUP/CASE] ... skip these case groups and cases (the
#                                      sanitizer run skips `clients`, the cases that time
#                                      LibreOffice and Chromium, not handoff, and the few that
#                                      render every report again)
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${HANDOFF_BIN:?set HANDOFF_BIN to the handoff binary}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
filter="${1:-}"
shard="${HANDOFF_E2E_SHARD:-1/1}"
if [[ ! "$shard" =~ ^([0-9]+)/([0-9]+)$ ]] || ((BASH_REMATCH[1] < 1 || BASH_REMATCH[1] > BASH_REMATCH[2])); then
  echo "e2e: HANDOFF_E2E_SHARD must be K/N with 1 <= K <= N, not '$shard'" >&2
  exit 2
fi
shard_k=${BASH_REMATCH[1]}
shard_n=${BASH_REMATCH[2]}

# The crash test binary (tests/crash_main.cpp), as `handoff-crash-before-rename`.
crash_bin="${HANDOFF_CRASH_BIN:-$(dirname "$bin")/../tests/handoff_crash_before_rename}"

bindir="$(mktemp -d)"
ln -s "$bin" "$bindir/handoff"
[[ -x "$crash_bin" ]] && ln -s "$(cd "$(dirname "$crash_bin")" && pwd)/$(basename "$crash_bin")" "$bindir/handoff-crash-before-rename"
trap 'rm -rf "$bindir"' EXIT

passed=0
failed=0
failures=()
index=0
for case_dir in "$here"/cases/*/*/; do
  case_dir="${case_dir%/}"
  name="${case_dir#"$here/cases/"}"
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  [[ -f "$case_dir/cmd" ]] || continue
  [[ ",${HANDOFF_E2E_SKIP:-}," == *",${name%%/*},"* || ",${HANDOFF_E2E_SKIP:-}," == *",$name,"* ]] && continue
  index=$((index + 1))
  (((index - shard_k) % shard_n == 0)) || continue
  work="$(mktemp -d)"
  mkdir -p "$work/home" "$work/run"
  if [[ -d "$case_dir/workspace" ]]; then
    cp -R "$case_dir/workspace/." "$work/run/"
  fi
  (
    cd "$work/run" || exit 99
    env -i PATH="$bindir:/usr/local/bin:/usr/bin:/bin" HOME="$work/home" LANG=C.UTF-8 \
      HANDOFF_TODAY=2026-11-20 NO_COLOR=1 TERM=dumb EXAMPLES="$repo/examples" REPO="$repo" \
      GIT_AUTHOR_NAME="Test User" GIT_AUTHOR_EMAIL="test@example.com" \
      GIT_COMMITTER_NAME="Test User" GIT_COMMITTER_EMAIL="test@example.com" \
      GIT_CONFIG_NOSYSTEM=1 \
      bash "$case_dir/cmd" >"$work/stdout" 2>"$work/stderr"
    echo "$?" >"$work/rc"
  )
  actual="$work/actual"
  {
    cat "$work/stdout"
    echo "--- stderr"
    cat "$work/stderr"
    echo "--- exit $(cat "$work/rc")"
  } >"$actual"
  if [[ "${HANDOFF_UPDATE_GOLDEN:-}" == 1 ]]; then
    cp "$actual" "$case_dir/expected"
    rm -rf "$work"
    passed=$((passed + 1))
    continue
  fi
  if [[ -f "$case_dir/expected" ]] && diff -u "$case_dir/expected" "$actual" >"$work/diff"; then
    rm -rf "$work"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "FAIL $name"
    if [[ -f "$case_dir/expected" ]]; then
      head -n 60 "$work/diff"
    else
      echo "  no golden file: run with HANDOFF_UPDATE_GOLDEN=1 to create it"
    fi
    echo "  Test data has been left in $work"
  fi
done

if [[ "${HANDOFF_UPDATE_GOLDEN:-}" == 1 ]]; then
  echo "e2e: wrote $passed golden files"
  exit 0
fi
echo "e2e: $passed passed, $failed failed"
for f in "${failures[@]}"; do
  echo "  failed: $f"
done
((failed == 0 && passed > 0))
