#!/usr/bin/env bash
# Measures `handoff report` over hostile templates (DESIGN §9.9): wall time and peak memory
# of each, with /usr/bin/time. Not a test: docs/robustness.md records the numbers.
# Usage: bash bench/hostile_templates.sh [HANDOFF_BINARY]      (default build/cli/handoff)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-build/cli/handoff}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R examples "$work/ws"
cd "$work/ws"
mkdir -p templates
for i in $(seq 1 7600); do printf '{{> p%d}}\n' $((i + 1)) > templates/p$i.mustache; done
printf 'end\n' > templates/p7601.mustache
printf '{{> p1}}\n' > templates/chain.mustache
python3 -c "print('{{#project}}' * 38000 + 'x' + '{{/project}}' * 38000)" > templates/nested.mustache
for i in $(seq 1 14); do printf '{{> d%d}}{{> d%d}}' $((i + 1)) $((i + 1)) > templates/d$i.mustache; done
head -c 4000 /dev/zero | tr '\0' 'x' > templates/d15.mustache
printf '{{> d1}}\n' > templates/doubling.mustache
python3 -c "print('{{#requirements}}' * 64 + 'x' * 1000 + '{{/requirements}}' * 64)" > templates/wide.mustache
printf '{{#requirements}}{{#requirements}}{{#requirements}}{{#requirements}}{{title}} {{/requirements}}{{/requirements}}{{/requirements}}{{/requirements}}\n' \
  > templates/loops.mustache
printf '| template | exit | wall s | peak RSS MB | message |\n|---|---|---|---|---|\n'
for t in chain nested doubling wide loops brief plan; do
  /usr/bin/time -f '%e %M' -o time.txt "$bin" report acme-mes --template "$t" -o out.md 2>err.txt && rc=0 || rc=$?
  read -r wall rss < <(tail -n 1 time.txt)
  if [[ $rc == 0 ]]; then message="ok: $(wc -c < out.md) bytes"; else message="$(head -c 110 err.txt | tr '\n' ' ')"; fi
  printf '| %s | %s | %s | %s | %s |\n' "$t" "$rc" "$wall" "$((rss / 1024))" "$message"
  rm -f out.md
done
