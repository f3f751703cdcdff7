#!/usr/bin/env bash
# Stress test of the workspace lock (DESIGN §9.9): ROUNDS times, 8 `handoff change` and 4
# `handoff sign` processes start at once on one project. Afterwards every change request a
# process reported is in changes.yaml exactly once, all ids are unique, every reported
# sign-off is in signoffs.yaml, and the records still check. Exits 1 on the first violation.
# Usage: bash bench/stress.sh [HANDOFF_BINARY] [ROUNDS]      (defaults: build/cli/handoff, 50)
# On a busy machine the last of 12 writers can wait more than the default 10 s for the lock
# (and then exits 2 by design); the script lets them wait 60 s unless HANDOFF_LOCK_TIMEOUT says.
set -euo pipefail
export HANDOFF_LOCK_TIMEOUT="${HANDOFF_LOCK_TIMEOUT:-60}"
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-build/cli/handoff}")"
rounds="${2:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R examples "$work/ws"
cd "$work/ws"
file=projects/acme-mes/changes.yaml
signoffs=projects/acme-mes/signoffs.yaml
changes_before=$(grep -c '^  - id: CR-' "$file")
signed_before=$(grep -c '^  - role:' "$signoffs")
reported_changes=0
reported_signs=0
start=$(date +%s.%N)
for round in $(seq 1 "$rounds"); do
  pids=()
  for i in 1 2 3 4 5 6 7 8; do
    "$bin" change acme-mes --title "round $round writer $i" >"$work/change.$round.$i" 2>&1 &
    pids+=($!)
  done
  for who in sales:li.wei implementation:zhang.min sales:li.wei implementation:zhang.min; do
    "$bin" sign acme-mes --role "${who%%:*}" --as "${who#*:}" >"$work/sign.$round.$RANDOM$RANDOM" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || { echo "round $round: a writer failed:"; grep -h -v "proposed\|signed as" "$work"/*."$round".*; exit 1; }
  done
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
ids=$(cat "$work"/change.* | sed -n 's/^acme-mes: \(CR-[0-9]*\) proposed.*/\1/p')
reported_changes=$(echo "$ids" | wc -l)
reported_signs=$(cat "$work"/sign.* | grep -c 'signed as')
unique=$(echo "$ids" | sort -u | wc -l)
[[ "$unique" == "$reported_changes" ]] || { echo "duplicate ids reported"; exit 1; }
for id in $ids; do
  n=$(grep -c "^  - id: $id\$" "$file")
  [[ "$n" == 1 ]] || { echo "$id is in $file $n times"; exit 1; }
done
in_file=$(( $(grep -c '^  - id: CR-' "$file") - changes_before ))
signed=$(( $(grep -c '^  - role:' "$signoffs") - signed_before ))
[[ "$in_file" == "$reported_changes" ]] || { echo "$reported_changes changes reported, $in_file in the file"; exit 1; }
[[ "$signed" == "$reported_signs" ]] || { echo "$reported_signs sign-offs reported, $signed in the file"; exit 1; }
[[ $(grep '^  - id: CR-' "$file" | sort | uniq -d | wc -l) == 0 ]] || { echo "duplicate ids in the file"; exit 1; }
"$bin" check acme-mes --gate schema >/dev/null
echo "stress: $rounds rounds of 8 change + 4 sign: $reported_changes change requests and $reported_signs sign-offs" \
  "reported, all present exactly once with unique ids; ${elapsed%.*} s"
