#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs them, seeded from the yaml-test-suite corpus
# (tests/corpus/), the example workspace, the built-in templates and fuzz/seeds/ (SSH
# signatures and keys). Crashes are saved in build-fuzz/crashes/.
# Usage: bash scripts/fuzz.sh [SECONDS]                  each target in turn for SECONDS of wall
#                                                        time (default 60; CI runs 30)
#        bash scripts/fuzz.sh --cpu SECONDS [TARGET...]  the targets (default: all four) at once,
#                                                        each until it has used SECONDS of CPU
#                                                        time; the corpora grow in
#                                                        build-fuzz/corpus/, logs in build-fuzz/logs/
set -euo pipefail
cd "$(dirname "$0")/.."
targets_all=(fuzz_loader fuzz_template fuzz_appenders fuzz_sshsig)
mode=wall
seconds=60
if [[ "${1:-}" == "--cpu" ]]; then
  mode=cpu
  seconds="${2:?--cpu needs a number of CPU seconds per target}"
  shift 2
  targets=("$@")
  ((${#targets[@]})) || targets=("${targets_all[@]}")
else
  seconds="${1:-60}"
  targets=("${targets_all[@]}")
fi
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2; }
for t in "${targets[@]}"; do
  [[ " ${targets_all[*]} " == *" $t "* ]] || { echo "fuzz: no target '$t' (one of: ${targets_all[*]})" >&2; exit 2; }
done

missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=build-fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHANDOFF_FUZZ=ON -DHANDOFF_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target "${targets[@]}"

seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds/loader" "$seeds/template" "$seeds/appenders" "$seeds/sshsig" "$build/crashes"
i=0
while IFS= read -r f; do cp "$f" "$seeds/loader/suite-$((i++)).yaml"; done < <(find tests/corpus/yaml-test-suite -name in.yaml | sort)
i=0
while IFS= read -r f; do cp "$f" "$seeds/loader/example-$((i++)).yaml"; done < <(find examples -name '*.yaml' | sort)
i=0
while IFS= read -r f; do cp "$f" "$seeds/template/$((i++)).mustache"; done < <(find templates -name '*.mustache' | sort)
printf '%s\n' '{{#requirements}}| {{id}} | {{title}} |{{/requirements}}{{^empty}}none{{/empty}}{{{name}}}{{&name}}{{=<% %>=}}<%id%>' \
  > "$seeds/template/hand.mustache"

# Appender seeds: a title line, then an existing changes.yaml or signoffs.yaml.
i=0
for f in examples/projects/*/changes.yaml examples/projects/*/signoffs.yaml; do
  [[ -f "$f" ]] || continue
  { printf 'Label printer: "Zebra ZT411"\n'; cat "$f"; } > "$seeds/appenders/$((i++)).txt"
done
printf 'li.wei\n' > "$seeds/appenders/empty.txt"

cp fuzz/seeds/sshsig/* "$seeds/sshsig/"

limits=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

# Fails when a target left a crash, timeout or out-of-memory input behind in this run: inputs
# an earlier run saved are named, but judged by that run (delete them once looked at).
run_start="$build/crashes/.run-start"
touch "$run_start"
crashed() {
  local found old
  found=$(find "$build/crashes" -maxdepth 1 -name "$1-*" -newer "$run_start" | sort)
  old=$(find "$build/crashes" -maxdepth 1 -name "$1-*" ! -newer "$run_start" | sort)
  [[ -z "$old" ]] || echo "fuzz: $1: inputs an earlier run saved (not judged now): $(echo $old)" >&2
  if [[ -n "$found" ]]; then
    echo "fuzz: $1 found a crash: $(echo $found)" >&2
    return 0
  fi
  return 1
}

if [[ "$mode" == wall ]]; then
  for target in "${targets[@]}"; do
    dir="$seeds/${target#fuzz_}"
    echo "fuzz: $target for ${seconds}s"
    "$build/fuzz/$target" -max_total_time="$seconds" "${limits[@]}" \
      -artifact_prefix="$build/crashes/$target-" "$dir" 2>&1 \
      | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" || true
    if crashed "$target"; then exit 1; fi
  done
  echo "fuzz: no crashes"
  exit 0
fi

# --cpu: one libFuzzer process per target, all at once; each is stopped with SIGUSR1
# (libFuzzer's graceful exit, which prints the final statistics) once its user and system
# time reach the budget, so the record does not depend on how busy the machine was.
mkdir -p "$build/logs"
tick=$(getconf CLK_TCK)
declare -A pid before started
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  before[$target]=$(find "$corpus" -type f | wc -l)
  started[$target]=$(date +%s)
  "$build/fuzz/$target" -max_total_time=1000000 "${limits[@]}" -artifact_prefix="$build/crashes/$target-" \
    "$corpus" "$seeds/${target#fuzz_}" >"$build/logs/$target.log" 2>&1 &
  pid[$target]=$!
done
echo "fuzz: $(git rev-parse --short HEAD), ${targets[*]} at once, ${seconds} CPU seconds each, logs in $build/logs/"

declare -A cpu wall
# The CPU seconds of a live process; fails once it has exited (a zombie keeps its /proc entry).
cpu_of() {
  local f
  read -r -a f <"/proc/$1/stat" 2>/dev/null || return 1
  [[ "${f[2]}" != Z ]] || return 1
  echo $(((f[13] + f[14]) / tick))
}
running=("${targets[@]}")
while ((${#running[@]})); do
  sleep 5
  still=()
  for target in "${running[@]}"; do
    p=${pid[$target]}
    if used=$(cpu_of "$p"); then
      cpu[$target]=$used
      if ((used >= seconds)); then
        kill -USR1 "$p" 2>/dev/null || true
        for _ in $(seq 60); do cpu_of "$p" >/dev/null || break; sleep 1; done
        kill -INT "$p" 2>/dev/null || true
      else
        still+=("$target")
        continue
      fi
    fi
    wait "$p" || true
    wall[$target]=$(($(date +%s) - started[$target]))
  done
  running=("${still[@]+"${still[@]}"}")
done

status=0
printf '%-15s %9s %9s %12s %8s %11s %s\n' target "CPU s" "wall s" executions "RSS MB" "new inputs" result
for target in "${targets[@]}"; do
  log="$build/logs/$target.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  added=$(($(find "$build/corpus/$target" -type f | wc -l) - before[$target]))
  result="no crash"
  if crashed "$target" || grep -q "==ERROR" "$log"; then
    result="CRASH (see $log)"
    status=1
  fi
  printf '%-15s %9s %9s %12s %8s %11s %s\n' "$target" "${cpu[$target]:-?}" "${wall[$target]:-?}" \
    "${execs:-?}" "${rss:-?}" "$added" "$result"
done
exit "$status"
