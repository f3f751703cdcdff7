#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time, seeded from the
# yaml-test-suite corpus (tests/corpus/), the example workspace, the built-in templates and
# fuzz/seeds/ (SSH signatures and keys). Crashes are saved in build-fuzz/crashes/.
# Usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET]      (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

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
cmake --build "$build" -j2 --target fuzz_loader fuzz_template fuzz_appenders fuzz_sshsig

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

for target in fuzz_loader fuzz_template fuzz_appenders fuzz_sshsig; do
  dir="$seeds/${target#fuzz_}"
  echo "fuzz: $target for ${seconds}s"
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 "$dir" 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" || true
  if compgen -G "$build/crashes/$target-*" >/dev/null; then
    echo "fuzz: $target found a crash: $(ls "$build"/crashes/"$target"-*)" >&2
    exit 1
  fi
done
echo "fuzz: no crashes"
