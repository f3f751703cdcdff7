# Sourced by e2e cases: prints how `status`, `advance --dry-run`, the brief and the portfolio judge
# one project, so a case shows that every command reads the same evaluation as `check`.
# Usage: verdicts PROJECT [SED-EXPRESSION]   (the expression masks unstable text, e.g. commit ids)
verdicts() {
  local project="$1" mask="${2:-}"
  local -a filter=(cat)
  [[ -n "$mask" ]] && filter=(sed -E "$mask")
  echo "== status"
  handoff status "$project" | "${filter[@]}"
  echo "== advance --dry-run"
  handoff advance "$project" --dry-run 2>&1 | "${filter[@]}"
  echo "exit ${PIPESTATUS[0]}"
  echo "== brief"
  handoff report "$project" --template brief \
    | grep -E '^\| [a-z]+ \| (pass|\*\*fail\*\*|warn[^|]*|n/a|not yet[^|]*) \|$|^\| (error|warning)\[HF' | "${filter[@]}"
  echo "== portfolio"
  handoff report --portfolio | grep -E "^\| $project \| [^|]+ \| [a-z]+ \|" | "${filter[@]}"
}
