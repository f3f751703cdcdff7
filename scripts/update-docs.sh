#!/usr/bin/env bash
# Rewrites the generated part of docs/rules.md (the rule catalogue, below its marker line)
# from the built binary, after a rule was added or reworded.
# Usage: bash scripts/update-docs.sh            (uses build/cli/handoff)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${HANDOFF_BIN:-${BUILD_DIR:-build}/cli/handoff}"
marker='<!-- generated: handoff rules --format markdown -->'
page=docs/rules.md
grep -qxF "$marker" "$page" || { echo "update-docs: $page has no line $marker" >&2; exit 1; }
tmp="$(mktemp "$page.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
{ sed "/^$marker\$/q" "$page"; echo; "$bin" rules --format markdown; } >"$tmp"
mv "$tmp" "$page"
trap - EXIT
echo "update-docs: $page rewritten from $bin"
