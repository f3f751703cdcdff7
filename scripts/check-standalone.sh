#!/usr/bin/env bash
# Proves the repository stands alone: no tracked file names a path outside it, and the whole
# test suite passes in a copy of the tracked files made in an empty temporary folder (so
# nothing that happens to sit beside the clone can be used).
# Usage: bash scripts/check-standalone.sh            (the grep and the full build and tests)
#        bash scripts/check-standalone.sh --grep     (the grep only, in a second)
#        bash scripts/check-standalone.sh --copy-to DIR  (the grep, then only the copy, made in DIR:
#                                                      .ci/run runs the README's commands there)
set -euo pipefail
cd "$(dirname "$0")/.."

# 1. Paths that reach out of the repository: a parent folder's shared files, or a folder of
#    the machine the code was written on (the pattern is assembled so this file does not match it).
machine_dir="work"
if git grep -nE "\.\./shared|/${machine_dir}/" -- . ':!scripts/check-standalone.sh'; then
  echo "check-standalone: the tracked files above reach outside the repository" >&2
  exit 1
fi
[[ "${1:-}" == "--grep" ]] && { echo "check-standalone: no tracked file reaches outside"; exit 0; }

# 2. The README's two commands in a copy with nothing beside it.
copy_files() {
  mkdir -p "$1"
  git ls-files -z | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$1"
}
if [[ "${1:-}" == "--copy-to" ]]; then
  copy_files "${2:?--copy-to needs a folder}"
  echo "check-standalone: tracked files copied to $2"
  exit 0
fi
outer="$(mktemp -d)"
trap 'rm -rf "$outer"' EXIT
copy="$outer/handoff"
copy_files "$copy"
# The tests make their own temporary folders, which must not be inside a git work tree: TMPDIR
# is the system's again for them.
(cd "$copy" && env -u HANDOFF_CORPUS bash scripts/setup.sh && env -u HANDOFF_CORPUS -u TMPDIR bash scripts/test.sh)
echo "check-standalone: the test suite passes in a copy with nothing beside it"
