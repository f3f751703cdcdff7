#!/usr/bin/env bash
# The main job on the bundled example workspace: the portfolio at a glance, then the full
# check. globex-crm carries deliberate mistakes, so `check` exits 1 there; that is the point
# of the demo, and any other exit code fails this script.
set -uo pipefail
cd "$(dirname "$0")/.."
handoff="${BUILD_DIR:-build}/cli/handoff"
export HANDOFF_TODAY="${HANDOFF_TODAY:-2026-11-20}"

echo "\$ handoff -C examples status"
"$handoff" -C examples status || exit

echo
echo "\$ handoff -C examples check"
"$handoff" -C examples check
rc=$?
if [[ $rc -ne 1 ]]; then
  echo "demo: expected exit 1 (globex-crm's deliberate mistakes), got $rc" >&2
  exit 1
fi

echo
echo "\$ handoff -C examples check acme-mes umbrella-wms initech-portal"
"$handoff" -C examples check acme-mes umbrella-wms initech-portal || exit

echo
echo "\$ handoff -C examples report acme-mes --template status"
"$handoff" -C examples report acme-mes --template status || exit
