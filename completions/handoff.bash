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

# Prints the roles of the workspace: the `roles:` list of handoff.yaml, else the default set.
_handoff_roles()
{
  local root="${1:-.}" line=""
  [[ -f "$root/handoff.yaml" ]] && line="$(grep -m1 -E '^roles:[[:space:]]*\[' "$root/handoff.yaml")"
  if [[ -n "$line" ]]; then
    sed -E 's/^roles:[[:space:]]*\[([^]]*)\].*/\1/; s/[",\x27]/ /g' <<<"$line"
  else
    echo "sales presales implementation pm product customer"
  fi
}

# Prints the reports --template knows: the built-in ones and the workspace's templates/*.mustache.
_handoff_templates()
{
  local root="${1:-.}" f
  echo "brief feasibility plan changes status acceptance visit"
  for f in "$root/templates"/*.mustache; do
    [[ -f "$f" ]] && basename "$f" .mustache
  done
}

_handoff()
{
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD - 1]}"
  local commands="init new check baseline status todo notify report verify forecast advance sign change contact contract commitment req feasibility assess raci activity kickoff milestone risk reported accept support close payment diff log export import owners rules explain schema"
  local globals="-C --color -q --quiet --version -h --help"
  local gates="schema qualify clarify feasibility handoff control accept close"
  local records="handoff project requirements feasibility plan risks changes signoffs"
  local root=. cmd="" i args=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
    -C) ((i++)); root="${COMP_WORDS[i]}" ;;
    --color) ((i++)) ;;
    -*) ;;
    *) cmd="${COMP_WORDS[i]}"; break ;;
    esac
  done
  # Counts the command's arguments before the word being completed (for diff's REV).
  for ((i++; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
    -C | --color | --format) ((i++)) ;;
    -*) ;;
    *) ((args++)) ;;
    esac
  done

  case "$prev" in
  -C | --out)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return
    ;;
  --post-env)
    mapfile -t COMPREPLY < <(compgen -v -- "$cur")
    return
    ;;
  -o | --output | --json | --junit | --sarif | --codequality | --summary)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return
    ;;
  --template)
    mapfile -t COMPREPLY < <(compgen -W "$(_handoff_templates "$root")" -- "$cur"; compgen -f -X '!*.mustache' -- "$cur")
    return
    ;;
  --audience)
    mapfile -t COMPREPLY < <(compgen -W "internal customer" -- "$cur")
    return
    ;;
  --lang)
    mapfile -t COMPREPLY < <(compgen -W "en zh-CN" -- "$cur")
    return
    ;;
  --role)
    mapfile -t COMPREPLY < <(compgen -W "$(_handoff_roles "$root")" -- "$cur")
    return
    ;;
  --classification)
    mapfile -t COMPREPLY < <(compgen -W "in_scope value_added out_of_scope" -- "$cur")
    return
    ;;
  --channel)
    mapfile -t COMPREPLY < <(compgen -W "email call meeting chat ticket other" -- "$cur")
    return
    ;;
  --priority)
    local priorities="must should could"
    [[ "$cmd" == req ]] && priorities="must should could wont"
    mapfile -t COMPREPLY < <(compgen -W "$priorities" -- "$cur")
    return
    ;;
  --kind)
    mapfile -t COMPREPLY < <(compgen -W "visit call demo workshop proposal other" -- "$cur")
    return
    ;;
  --type)
    mapfile -t COMPREPLY < <(compgen -W "functional integration data report nonfunctional other" -- "$cur")
    return
    ;;
  --status)
    local statuses="draft clarified confirmed"
    [[ "$cmd" == risk ]] && statuses="closed mitigated occurred"
    mapfile -t COMPREPLY < <(compgen -W "$statuses" -- "$cur")
    return
    ;;
  --verdict)
    mapfile -t COMPREPLY < <(compgen -W "standard configuration customization infeasible" -- "$cur")
    return
    ;;
  --confidence)
    mapfile -t COMPREPLY < <(compgen -W "low medium high" -- "$cur")
    return
    ;;
  --recommendation)
    mapfile -t COMPREPLY < <(compgen -W "go go_with_conditions no_go" -- "$cur")
    return
    ;;
  --result)
    mapfile -t COMPREPLY < <(compgen -W "passed failed waived" -- "$cur")
    return
    ;;
  --response)
    mapfile -t COMPREPLY < <(compgen -W "avoid mitigate transfer accept" -- "$cur")
    return
    ;;
  --summary-file | --text-file | --acceptance-file | --description-file | --question-file | --answer-file | --notes-file | --evidence-file | --note-file | --mitigation-file | --next-steps-file | --retrospective-file | --csat-followup-file)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
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
  --fail-on | --min-severity)
    mapfile -t COMPREPLY < <(compgen -W "error warning" -- "$cur")
    return
    ;;
  --format)
    local formats="text json"
    [[ "$cmd" == check ]] && formats="text json github junit sarif codequality summary"
    [[ "$cmd" == report ]] && formats="md html pdf docx json"
    [[ "$cmd" == rules ]] && formats="text json markdown"
    [[ "$cmd" == notify ]] && formats="text json dingtalk feishu wecom slack email"
    mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
    return
    ;;
  --changed-since | --since)
    mapfile -t COMPREPLY < <(compgen -W "HEAD $(git -C "$root" for-each-ref --format='%(refname:short)' refs/heads refs/remotes refs/tags 2>/dev/null)" -- "$cur")
    return
    ;;
  --today | --person | --within | --post | --name | --customer | --sales | --implementation | --as | --title | --affects | --requested-by | --effort | --schedule | --cost | --tag | --date | --due | --by | --hours | --summary | --summary-date | --text | --source | --acceptance | --description | --contract-item | --question | --answer | --owner | --probability | --impact | --mitigation | --review-by | --attendees | --customer-attendees | --notes | --evidence | --note | --signed-by | --until | --went-live | --csat | --effort-days | --retrospective | --csat-followup | --lesson | --next-steps)
    return
    ;;
  esac

  local opts="" words=""
  case "$cmd" in
  "") opts="$globals" words="$commands" ;;
  init) opts="-h --help" ;;
  new) opts="--name --customer --sales --implementation --commit --include-changes -h --help" ;;
  check) opts="--gate --next --changed-since --format --strict --fail-on --max-warnings --min-severity --json --junit --sarif --codequality --summary --force --no-baseline -j --jobs --today -h --help" words="$(_handoff_projects "$root")" ;;
  baseline) opts="-j --jobs --today -h --help" ;;
  status) opts="--format --strict -j --jobs --today -h --help" words="$(_handoff_projects "$root")" ;;
  todo) opts="--person --within --format -j --jobs --today -h --help" words="$(_handoff_projects "$root")" ;;
  notify) opts="--since --within --format --post --post-env -j --jobs --today -h --help" words="$(_handoff_projects "$root")" ;;
  owners) opts="--check -h --help" ;;
  report)
    opts="--portfolio --template --activity --audience --customer --lang -o --output --force --format -j --jobs --today -h --help"
    words="$(_handoff_projects "$root")"
    ;;
  verify) opts="-h --help" words="$(compgen -f -- "$cur")" ;;
  forecast) opts="--format --tag --today -j --jobs -h --help" words="$(_handoff_projects "$root")" ;;
  advance) opts="--strict -n --dry-run --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  sign) opts="--role --as --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  change)
    opts="--title --affects --classification --channel --priority --requested-by --effort --schedule --cost --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="approve reject implement $words"
    [[ "${COMP_WORDS[*]}" =~ \ (approve|reject|implement)\  ]] && opts="--role --as --date --classification --commit --include-changes --today -h --help"
    ;;
  req)
    opts="--title --priority --source --acceptance --acceptance-file --description --description-file --contract-item --type --status --question --question-file --owner --answer --answer-file --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add set ask answer"
    ;;
  activity)
    opts="--kind --date --by --customer --hours --summary --summary-file --summary-date --next-steps --next-steps-file --text --text-file --as --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add summary confirm"
    ;;
  milestone)
    opts="--name --due --owner --covers --depends-on --acceptance --acceptance-file --date --change --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add done move"
    ;;
  contact)
    opts="--name --title --decision-maker --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add"
    ;;
  commitment)
    opts="--text --text-file --made-by --date --refs --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add"
    ;;
  contract) opts="--signed --start --go-live --value --currency --item --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  feasibility) opts="--assessed-by --date --duration-weeks --effort-days --confidence --recommendation --condition --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  assess) opts="--verdict --effort-days --notes --notes-file --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  raci) opts="--commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  risk)
    opts="--title --probability --impact --owner --mitigation --mitigation-file --response --review-by --status --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add close"
    ;;
  kickoff) opts="--date --attendees --customer-attendees --notes --notes-file --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  reported) opts="--date --cadence-days --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  accept) opts="--result --evidence --evidence-file --note --note-file --signed-by --date --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  support) opts="--owner --until --channel --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  payment)
    opts="--title --percent --amount --due --note --date --reason --commit --include-changes --today -h --help"
    words="$(_handoff_projects "$root")"
    ((args == 0)) && words="add invoiced received write-off"
    ;;
  close) opts="--went-live --csat --effort-days --retrospective --retrospective-file --csat-followup --csat-followup-file --lesson --commit --include-changes --today -h --help" words="$(_handoff_projects "$root")" ;;
  diff)
    opts="--format -h --help"
    if ((args == 0)); then
      words="$(_handoff_projects "$root")"
    else
      words="HEAD $(git -C "$root" for-each-ref --format='%(refname:short)' refs/heads refs/tags 2>/dev/null)"
    fi
    ;;
  log) opts="--format -h --help" words="$(_handoff_projects "$root")" ;;
  export)
    opts="--form --format -o --output -h --help" words="$(_handoff_projects "$root")"
    [[ "$prev" == --form ]] && words="requirements changes acceptance activities risks plan payments all"
    [[ "$prev" == --format ]] && words="xlsx csv"
    ;;
  import)
    opts="--dry-run --remove --form --commit --include-changes --today -h --help"
    if ((args == 0)); then
      words="$(_handoff_projects "$root")"
    else
      mapfile -t COMPREPLY < <(compgen -f -X '!*.@(xlsx|csv)' -- "$cur")
      [[ "$cur" != -* ]] && return
    fi
    ;;
  rules) opts="--format -h --help" ;;
  explain) opts="-h --help" words="$(handoff rules 2>/dev/null | awk '$1 ~ /^HF[0-9]+$/ { print $1 }')" ;;
  schema)
    opts="--outputs --out --force -h --help" words="$records"
    [[ " ${COMP_WORDS[*]} " == *" --outputs "* ]] && words="$(handoff schema --outputs 2>/dev/null | awk '{ print $1 }')"
    ;;
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
