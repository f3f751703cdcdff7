#!/usr/bin/env bash
# Stress test of the workspace lock (DESIGN §9.9): ROUNDS times, 8 `handoff change` and 4
# `handoff sign` processes start at once on one project. Afterwards every change request a
# process reported is in changes.yaml exactly once, all ids are unique, every reported
# sign-off is in signoffs.yaml, and the records still check. Then ROUNDS times 8 editors of
# mixed kinds (risk add, activity add, req ask, accept, change) start at once: every id they
# report is in its record exactly once, every question and result they report is there.
# Exits 1 on the first violation.
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
  n=0
  for who in sales:li.wei implementation:zhang.min sales:li.wei implementation:zhang.min; do
    # One file per writer: names made of $RANDOM could meet, and one output would hide another.
    n=$((n + 1))
    "$bin" sign acme-mes --role "${who%%:*}" --as "${who#*:}" >"$work/sign.$round.$n" 2>&1 &
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

# Mixed editors (DESIGN §10.2): each kind appends to its own list, all under the one lock.
count() { if [[ -f "$2" ]]; then grep -c "$1" "$2" || true; else echo 0; fi; }
questions_before=$(count '^      - text:' projects/acme-mes/requirements.yaml)
results_before=$(count '^  - requirement:' projects/acme-mes/acceptance.yaml)
start=$(date +%s.%N)
for round in $(seq 1 "$rounds"); do
  pids=()
  for i in 1 2; do
    "$bin" risk add acme-mes --title "round $round risk $i" --probability 2 --impact 2 --owner wang.lei \
      >"$work/mixed.$round.risk$i" 2>&1 &
    pids+=($!)
    "$bin" activity add acme-mes --kind call --date 2026-11-19 --by li.wei --summary "round $round call $i" \
      >"$work/mixed.$round.activity$i" 2>&1 &
    pids+=($!)
  done
  "$bin" req ask acme-mes REQ-005 --question "round $round question" --owner chen.jie >"$work/mixed.$round.ask" 2>&1 &
  pids+=($!)
  "$bin" accept acme-mes REQ-004 --result passed --evidence "round $round" >"$work/mixed.$round.accept" 2>&1 &
  pids+=($!)
  for i in 1 2; do
    "$bin" change acme-mes --title "round $round mixed $i" >"$work/mixed.$round.change$i" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || { echo "round $round: an editor failed:"; cat "$work"/mixed."$round".*; exit 1; }
  done
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
for kind in risk:R:risks activity:A:activities change:CR:changes; do
  IFS=: read -r name prefix record <<<"$kind"
  ids=$(cat "$work"/mixed.*."$name"* | sed -n "s/^acme-mes: \($prefix-[0-9]*\) .*/\1/p")
  [[ $(echo "$ids" | wc -l) == $((2 * rounds)) ]] || { echo "$name: $(echo "$ids" | wc -l) ids reported"; exit 1; }
  [[ $(echo "$ids" | sort -u | wc -l) == $((2 * rounds)) ]] || { echo "$name: duplicate ids reported"; exit 1; }
  for id in $ids; do
    n=$(grep -c "^  - id: $id\$" "projects/acme-mes/$record.yaml")
    [[ "$n" == 1 ]] || { echo "$id is in $record.yaml $n times"; exit 1; }
  done
done
questions=$(( $(count '^      - text:' projects/acme-mes/requirements.yaml) - questions_before ))
results=$(( $(count '^  - requirement:' projects/acme-mes/acceptance.yaml) - results_before ))
[[ "$questions" == "$rounds" ]] || { echo "$rounds questions asked, $questions in requirements.yaml"; exit 1; }
[[ "$results" == "$rounds" ]] || { echo "$rounds results recorded, $results in acceptance.yaml"; exit 1; }
"$bin" check acme-mes --gate schema >/dev/null
echo "stress: $rounds rounds of 8 mixed editors (2 risk add, 2 activity add, req ask, accept, 2 change):" \
  "every id, question and result present exactly once; ${elapsed%.*} s"
