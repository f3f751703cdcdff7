#!/usr/bin/env bash
# Builds with AddressSanitizer + UndefinedBehaviorSanitizer (preset `asan`) and runs the whole
# test suite under them. Run scripts/setup.sh first (it installs the dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cmake --preset asan >/dev/null
cmake --build --preset asan
# The `clients` e2e cases spend their time in LibreOffice and Chromium, not in handoff, and
# three report cases render every report of the examples in both languages again (the other
# report cases render each of them under the sanitizers): the release run covers them.
HANDOFF_E2E_SKIP="${HANDOFF_E2E_SKIP:-clients,report/html-tidy,report/zh-CN-parity,report/zh-CN-no-english}" \
  ctest --preset asan -j2
