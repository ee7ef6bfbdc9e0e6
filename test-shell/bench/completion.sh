#!/usr/bin/env bash
# Times one TAB of ssokit's completion scripts in bash, zsh and fish with a large setup: 2,000
# profiles in the config file (some with spaces) and 500 accounts with 3 roles each in the
# candidate index. A benchmark, not a test: it prints medians and exits 0 whether or not the
# target (under 50 ms per TAB) is met. No JVM is involved: the scripts under completions/ are
# timed as the shells run them.
#
#   test-shell/bench/completion.sh [-n RUNS]
#
#   -n RUNS   timed TABs per case (default 30, env BENCH_RUNS), after 3 warm-up TABs each
#
# bash: the completion function is called with COMP_WORDS/COMP_LINE set, as bash calls it on TAB.
# zsh: a real interactive zsh in a pseudo-terminal (zsh/zpty) runs zle's complete-word widget;
# the time is taken around the widget (matching and quoting included, drawing the list excluded:
# the terminal has no size). fish: `complete -C LINE` in one fish process (its per-line cache
# emptied before each call); fish reports the mean of the runs, not the median. Loading each
# script (what `shell init` adds to a new shell) is timed as well.
set -euo pipefail

here=$(cd -P -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
scripts=$root/completions

runs=${BENCH_RUNS:-30}
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "completion.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $runs in '' | *[!0-9]* | 0) echo "completion.sh: -n needs a positive number" >&2; exit 2 ;; esac
[ -n "${EPOCHREALTIME:-}" ] || { echo "completion.sh: bash 5 or newer is needed (EPOCHREALTIME)" >&2; exit 1; }
[ -f "$scripts/ssokit.bash" ] || { echo "completion.sh: no $scripts/ssokit.bash" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ssokit-bench-completion.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
trap 'exit 130' INT TERM
export HOME=$work/home
mkdir -p "$HOME/.aws/sso"
unset AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE SSOKIT_CANDIDATE_INDEX

# 2,000 profiles, every tenth with a space in its name; 500 accounts, 3 roles each. (Ids are
# printed as "1" and 11 digits: some awks print %d of a number past 2^31 wrong.)
awk 'BEGIN {
  for (i = 0; i < 2000; i++) {
    if (i % 10 == 0) printf "[profile '\''team %04d admin'\'']\n", i; else printf "[profile team-%04d-dev]\n", i
    printf "sso_start_url = https://bench.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1%011d\nsso_role_name = Developer\nregion = eu-west-1\n\n", i % 500
  }
}' >"$HOME/.aws/config"
printf '[static]\naws_access_key_id = x\n' >"$HOME/.aws/credentials"
awk 'BEGIN {
  print "# ssokit completion candidates v1"
  for (i = 0; i < 500; i++)
    printf "https://bench.awsapps.com/start\tus-east-1\t1%011d\tAccount %04d\tAdministratorAccess\tDeveloper\tReadOnly\n", i, i
}' >"$HOME/.aws/sso/ssokit-candidates.tsv"

# The cases: what is typed before TAB.
cases=(
  'ssokit '
  'ssokit roles --'
  'ssokit roles --output '
  'ssokit roles --profile '
  'ssokit roles --profile team-01'
  'ssokit roles --account-id '
  'ssokit roles --account-id 100000000042 --role-name '
  'ssokit roles --role-name '
  'ssokit roles --sso-region eu-'
  'ssokit roles --profile zzz'
)
printf '%s\n' "${cases[@]}" >"$work/cases"
echo "completion: $runs TABs per case; 2000 profiles, 500 accounts x 3 roles; $(uname -sm)"
printf '%-6s %-52s %9s %11s\n' shell case 'ms/TAB' candidates

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else printf "%.1f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# --- bash
bash --noprofile --norc -c '
  runs=$1 cases=$2 script=$3
  t0=$EPOCHREALTIME; source "$script"; t1=$EPOCHREALTIME
  echo "load $(( (${t1/./} - ${t0/./}) ))"
  split() { # COMP_WORDS for a line without quotes: blanks separate words, "=" and ":" are words
    local line=$1 w
    COMP_WORDS=()
    for w in $line; do COMP_WORDS+=("$w"); done
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$line COMP_POINT=${#line}
  }
  while IFS= read -r line; do
    split "$line"
    for ((i = 0; i < runs + 3; i++)); do
      COMPREPLY=()
      t0=$EPOCHREALTIME; _ssokit; t1=$EPOCHREALTIME
      ((i >= 3)) && echo "tab $(( (${t1/./} - ${t0/./}) )) ${#COMPREPLY[@]} $line"
    done
  done <"$cases"
' bench "$runs" "$work/cases" "$scripts/ssokit.bash" >"$work/bash.times"
report() { # shell file
  local shell=$1 file=$2 line
  printf '%-6s %-52s %9s\n' "$shell" '(loading the script)' "$(awk '$1 == "load" { print $2 / 1000 }' "$file" | median)"
  while IFS= read -r line; do
    printf '%-6s %-52s %9s %11s\n' "$shell" "$line" \
      "$(awk -v l="$line" '$1 == "tab" { c = $0; sub(/^tab [0-9]+ [0-9]+ /, "", c); if (c == l) print $2 / 1000 }' "$file" | median)" \
      "$(awk -v l="$line" '$1 == "tab" { c = $0; sub(/^tab [0-9]+ [0-9]+ /, "", c); if (c == l) n = $3 } END { print n }' "$file")"
  done <"$work/cases"
}
report bash "$work/bash.times"

# --- zsh, through a pseudo-terminal
if command -v zsh >/dev/null; then
  cat >"$work/setup.zsh" <<'ZSH'
PS1=''
unsetopt auto_menu
zmodload zsh/datetime
t0=$EPOCHREALTIME
autoload -Uz compinit && compinit -u -d "$__B_DIR/zcompdump"
t1=$EPOCHREALTIME
source "$__B_SCRIPT"
t2=$EPOCHREALTIME
integer us=$(( (t2 - t1) * 1000000 ))
print -r -- "load $us" >>"$__B_OUT"
__b_cases=("${(@f)$(<$__B_DIR/cases)}")
integer __b_i=0 __b_n=0
__b_count() { __b_n=$compstate[nmatches] }
__b_next() {
  integer k=$(( __b_i / (__B_RUNS + 3) + 1 ))
  local line=$__b_cases[k]
  BUFFER=$line
  CURSOR=$#BUFFER
  local s=$EPOCHREALTIME
  comppostfuncs=(__b_count)
  zle complete-word
  local e=$EPOCHREALTIME
  integer us=$(( (e - s) * 1000000 ))
  (( __b_i % (__B_RUNS + 3) >= 3 )) && print -r -- "tab $us $__b_n $line" >>"$__B_OUT"
  (( __b_i++ ))
  if (( __b_i < $#__b_cases * (__B_RUNS + 3) )); then zle -U $'\x14'; else print -r -- END >>"$__B_OUT"; fi
}
zle -N __b_next
bindkey '^T' __b_next
ZSH
  cat >"$work/drive.zsh" <<'ZSH'
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source ${(q)__B_DIR}/setup.zsh"
zpty -w -n z $'\x14'
integer waited=0
while (( waited++ < 2400 )); do
  [[ -f $__B_OUT && $(<$__B_OUT) == *$'\n'END ]] && break
  sleep 0.05
  zpty -r -t z junk
done
zpty -d z
ZSH
  __B_DIR=$work __B_OUT=$work/zsh.times __B_RUNS=$runs __B_SCRIPT=$scripts/_ssokit zsh -f "$work/drive.zsh"
  report zsh "$work/zsh.times"
fi

# --- fish
if command -v fish >/dev/null; then
  fish --no-config -c '
    set -l runs $argv[1]
    set -l t0 (date +%s%N)
    source $argv[3]
    set -l t1 (date +%s%N)
    echo "load "(math "($t1 - $t0) / 1000")
    for line in (cat $argv[2])
      for i in (seq 3)
        set -e __ssokit_line
        complete -C "$line" >/dev/null
      end
      set -l n (count (complete -C "$line"))
      set -l s (date +%s%N)
      for i in (seq $runs)
        set -e __ssokit_line
        complete -C "$line" >/dev/null
      end
      set -l e (date +%s%N)
      echo "tab "(math --scale 0 "($e - $s) / 1000 / $runs")" $n $line"
    end
  ' "$runs" "$work/cases" "$scripts/ssokit.fish" >"$work/fish.times"
  report fish "$work/fish.times"
fi
