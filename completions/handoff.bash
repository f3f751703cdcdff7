# bash completion for handoff(1). Installed as share/bash-completion/completions/handoff;
# to try it without installing: source completions/handoff.bash

# Prints the project ids of the workspace: the folders under its projects folder.
_handoff_projects()
{
  local root="${1:-.}" dir=projects line
  if [[ -f "$root/handoff.yaml" ]]; then
    line="$(grep -m1 -E '^projects:[[:space:]]*[^[:space:]#]' "$root/handoff.yaml")"
    [[ -n "$line" ]] && dir="$(sed -E 's/^projects:[[:space:]]*([^[:space:]#]+).*/\1/' <<<"$line")"
  fi
  local d
  for d in "$root/$dir"/*/; do
    [[ -d "$d" ]] && basename "$d"
  done
}

_handoff()
{
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD - 1]}"
  local commands="init new check status advance rules explain schema"
  local globals="-C --color -q --quiet --version -h --help"
  local gates="schema qualify clarify feasibility handoff control accept close"
  local records="handoff project requirements feasibility plan risks changes signoffs"
  local root=. cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
    -C) ((i++)); root="${COMP_WORDS[i]}" ;;
    --color) ((i++)) ;;
    -*) ;;
    *) cmd="${COMP_WORDS[i]}"; break ;;
    esac
  done

  case "$prev" in
  -C | --out)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return
    ;;
  --color)
    mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
    return
    ;;
  --gate)
    mapfile -t COMPREPLY < <(compgen -W "$gates" -- "$cur")
    return
    ;;
  --format)
    local formats="text json"
    [[ "$cmd" == check ]] && formats="text json github junit sarif"
    mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
    return
    ;;
  --today | --name | --customer | --sales | --implementation)
    return
    ;;
  esac

  local opts="" words=""
  case "$cmd" in
  "") opts="$globals" words="$commands" ;;
  init) opts="-h --help" ;;
  new) opts="--name --customer --sales --implementation -h --help" ;;
  check) opts="--gate --format --strict --today -h --help" words="$(_handoff_projects "$root")" ;;
  status) opts="--format --strict --today -h --help" words="$(_handoff_projects "$root")" ;;
  advance) opts="--strict --today -h --help" words="$(_handoff_projects "$root")" ;;
  rules) opts="--format -h --help" ;;
  explain) opts="-h --help" words="$(handoff rules 2>/dev/null | awk '$1 ~ /^HF[0-9]+$/ { print $1 }')" ;;
  schema) opts="--out --force -h --help" words="$records" ;;
  esac
  if [[ "$cur" == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
  elif [[ "$cmd" == init ]]; then
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  fi
}

complete -F _handoff handoff
