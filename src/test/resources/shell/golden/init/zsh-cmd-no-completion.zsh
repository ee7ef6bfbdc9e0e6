# ssokit shell integration for zsh, from ssokit 0.1.0.
#
# Load it from ~/.zshrc:
#   eval "$(ssokit shell init zsh --cmd awsp --no-completion)"
# or, so that no Java starts when a shell starts, cache it in a file (regenerate it after
# upgrading ssokit) and source that:
#   ssokit shell init zsh --cmd awsp --no-completion > ~/.ssokit-init.zsh
#   . ~/.ssokit-init.zsh
#
# It defines `ssokit`, a function that changes this shell for `ssokit use ...` and
# `ssokit clear` and runs the ssokit program for everything else; `ssokit_prompt`;
# `awsp` (= ssokit use); and helpers named __ssokit_*. Sourcing it starts nothing.
# Every function runs under `emulate -L zsh`, so your setopts cannot change what it does.

\builtin unalias ssokit awsp ssokit_prompt >/dev/null 2>&1 || \builtin true

ssokit() {
  \builtin emulate -L zsh
  case "${1-}" in
    use)
      \builtin shift
      __ssokit_use "$@"
      ;;
    clear)
      \builtin shift
      __ssokit_clear "$@"
      ;;
    *)
      \command ssokit "$@"
      ;;
  esac
}

awsp() {
  \builtin emulate -L zsh
  __ssokit_use "$@"
}

__ssokit_use_help() {
  \builtin emulate -L zsh
  \builtin printf '%s\n' \
    'usage: ssokit use PROFILE                 set AWS_PROFILE (the profile must exist), drop exported credentials' \
    '       ssokit use --env PROFILE [OPTION...]  export the profile'"'"'s credentials (see: ssokit env --help)' \
    '       ssokit use --account-id ID --role-name NAME [OPTION...]  export a role'"'"'s credentials' \
    '       ssokit use -                        go back to the previous profile' \
    '       ssokit use                          choose a profile from a list' \
    '       ssokit clear                        remove everything use and env set'
}

__ssokit_use() {
  \builtin emulate -L zsh
  case "${1-}" in
    -h | --help)
      __ssokit_use_help
      ;;
    -)
      if [ "$#" -ne 1 ]; then
        \builtin printf 'ssokit: use - takes no other argument\n' >&2
        \builtin return 2
      fi
      __ssokit_back
      ;;
    --)
      if [ "$#" -ne 2 ]; then
        \builtin printf 'ssokit: use -- takes one profile name\n' >&2
        \builtin return 2
      fi
      __ssokit_switch profile "$2"
      ;;
    --env)
      if [ "$#" -lt 2 ]; then
        \builtin printf 'ssokit: use --env needs a profile name\n' >&2
        \builtin return 2
      fi
      \builtin shift
      __ssokit_switch env --profile "$@"
      ;;
    -*)
      __ssokit_switch env "$@"
      ;;
    *)
      if [ "$#" -eq 0 ]; then
        __ssokit_pick
      elif [ "$#" -ne 1 ] || [ -z "$1" ]; then
        \builtin printf 'ssokit: use takes one profile name (ssokit use --help)\n' >&2
        \builtin return 2
      else
        __ssokit_switch profile "$1"
      fi
      ;;
  esac
}

__ssokit_clear() {
  \builtin emulate -L zsh
  if [ "$#" -ne 0 ]; then
    \builtin printf 'ssokit: clear takes no arguments\n' >&2
    \builtin return 2
  fi
  __ssokit_switch clear
}

# Applies a state (profile NAME | env ARGS... | clear) and, when that worked, remembers the
# state it replaced for `ssokit use -`.
__ssokit_switch() {
  \builtin emulate -L zsh
  if [ "${__ssokit_has_cur-}" != 1 ]; then
    if [ -n "${AWS_PROFILE-}" ]; then
      __ssokit_cur=(profile "$AWS_PROFILE")
    else
      __ssokit_cur=(clear)
    fi
    __ssokit_has_cur=1
  fi
  __ssokit_apply "$@" || \builtin return
  __ssokit_prev=("${__ssokit_cur[@]}")
  __ssokit_has_prev=1
  __ssokit_cur=("$@")
}

__ssokit_back() {
  \builtin emulate -L zsh
  if [ "${__ssokit_has_prev-}" != 1 ]; then
    \builtin printf 'ssokit: no previous profile to go back to\n' >&2
    \builtin return 1
  fi
  __ssokit_switch "${__ssokit_prev[@]}"
}

__ssokit_apply() {
  \builtin emulate -L zsh
  \builtin local __ssokit_code
  case "$1" in
    profile)
      if ! __ssokit_profile_exists "$2"; then
        \command ssokit __check-profile -- "$2" || \builtin return
      fi
      __ssokit_drop
      \builtin export AWS_PROFILE="$2"
      ;;
    env)
      \builtin shift
      __ssokit_code=$(\command ssokit env --shell zsh "$@") || \builtin return
      \builtin eval "$__ssokit_code"
      ;;
    clear)
      __ssokit_drop
      \builtin unset AWS_PROFILE
      ;;
  esac
}

# Removes exported credentials, identity variables, AWS_DEFAULT_PROFILE, and the region while
# it is still the one ssokit exported (SSOKIT_REGION): a region you set yourself stays.
__ssokit_drop() {
  \builtin emulate -L zsh
  \builtin local __ssokit_v
  for __ssokit_v in 'AWS_REGION' 'AWS_DEFAULT_REGION'; do
    if [ -n "${SSOKIT_REGION-}" ] && [ "${(P)__ssokit_v-}" = "$SSOKIT_REGION" ]; then
      \builtin unset "$__ssokit_v"
    fi
  done
  \builtin unset 'AWS_ACCESS_KEY_ID' 'AWS_SECRET_ACCESS_KEY' 'AWS_SESSION_TOKEN' 'AWS_SECURITY_TOKEN' 'AWS_CREDENTIAL_EXPIRATION' 'AWS_CREDENTIALS_EXPIRATION' 'AWS_SESSION_EXPIRATION' 'AWS_DEFAULT_PROFILE' 'SSOKIT_PROFILE' 'SSOKIT_ACCOUNT_ID' 'SSOKIT_ACCOUNT_NAME' 'SSOKIT_ROLE_NAME' 'SSOKIT_START_URL' 'SSOKIT_SSO_REGION' 'SSOKIT_SSO_SESSION' 'SSOKIT_REGION'
}

# 0: the profile is in the config or credentials file; 1: it is not, or the files are beyond
# this quick scan (then ssokit itself decides, with botocore's exact rules).
__ssokit_profile_exists() {
  \builtin emulate -L zsh
  \builtin local cfg="${AWS_CONFIG_FILE:-$HOME/.aws/config}" cred="${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}"
  case $cfg in \~) cfg=$HOME ;; \~/*) cfg=$HOME/${cfg#\~/} ;; /*) ;; *) cfg=./$cfg ;; esac
  case $cred in \~) cred=$HOME ;; \~/*) cred=$HOME/${cred#\~/} ;; /*) ;; *) cred=./$cred ;; esac
  [ -f "$cfg" ] || cfg=/dev/null
  [ -f "$cred" ] || cred=/dev/null
  __SSOKIT_WANT=$1 \command awk '# Does the profile named by ENVIRON["__SSOKIT_WANT"] exist? Reads the config file(s) after the
# operand kind=config and the credentials file after kind=credentials; exits 0 when it finds the
# profile, 1 when it is sure there is none, 2 when a header is beyond this reader (ssokit decides).
# Headers as botocore reads them: [default], [profile default], [profile NAME] with NAME bare or
# in one pair of quotes; credentials-file sections are names verbatim. No single quotes and no
# doubled backslashes here: the text is embedded in shell single quotes for bash, zsh and fish.
BEGIN { want = ENVIRON["__SSOKIT_WANT"] ""; verdict = 1 }
FNR == 1 { sub(/^\357\273\277/, "") }
{ line = $0; sub(/\r$/, "", line) }
line ~ /^[ \t]+\[/ { verdict = 2; next }
line !~ /^\[/ { next }
{
    h = substr(line, 2); close_at = 0
    for (i = length(h); i > 0; i--) if (substr(h, i, 1) == "]") { close_at = i; break }
    if (close_at == 0) next
    h = substr(h, 1, close_at - 1) ""
    if (kind == "credentials") { if (h != "DEFAULT" && h == want) { verdict = 0; exit } ; next }
    if (h == "default") name = "default"
    else if (substr(h, 1, 7) == "profile") {
        rest = substr(h, 8)
        if (rest !~ /^[ \t]/) { if (rest != "" && substr(rest, 1, 1) == "s") verdict = 2; next }
        sub(/^[ \t]+/, "", rest); sub(/[ \t]+$/, "", rest)
        if (rest ~ /^\047[^\047]*\047$/ || rest ~ /^"[^"\\]*"$/) name = substr(rest, 2, length(rest) - 2)
        else if (rest ~ /^[^ \t\047"\\]+$/) name = rest
        else { verdict = 2; next }
    } else next
    if (name "" == want) { verdict = 0; exit }
}
END { exit verdict }
' kind=config "$cfg" kind=credentials "$cred" 2>/dev/null
}

__ssokit_pick() {
  \builtin emulate -L zsh
  \builtin local __ssokit_choice
  __ssokit_choice=$(\command ssokit __pick-profile) || \builtin return
  [ -n "$__ssokit_choice" ] || \builtin return 0
  __ssokit_switch profile "$__ssokit_choice"
}

# Prints the active profile, or ACCOUNT/ROLE for exported credentials, and the minutes left
# before AWS_CREDENTIAL_EXPIRATION: "dev", "dev (42m)", "Development/Developer (expired)".
# Nothing when neither is set; % is doubled for prompt expansion. No process is started.
# Use it in PROMPT (setopt prompt_subst):
#   PROMPT='$(ssokit_prompt) %~ %# '
ssokit_prompt() {
  \builtin emulate -L zsh
  \builtin local __ssokit_name
  if [ -n "${AWS_ACCESS_KEY_ID-}" ] && [ -n "${SSOKIT_ACCOUNT_ID-}" ]; then
    __ssokit_name=${SSOKIT_PROFILE:-${SSOKIT_ACCOUNT_NAME:-$SSOKIT_ACCOUNT_ID}/${SSOKIT_ROLE_NAME-}}
  elif [ -n "${AWS_PROFILE-}" ]; then
    __ssokit_name=$AWS_PROFILE
  else
    \builtin return 0
  fi
  if [ -n "${AWS_ACCESS_KEY_ID-}" ] && __ssokit_minutes_left; then
    if [ "$__ssokit_left" -gt 0 ]; then
      __ssokit_name="$__ssokit_name (${__ssokit_left}m)"
    else
      __ssokit_name="$__ssokit_name (expired)"
    fi
  fi
  # zsh expands %-sequences in PROMPT, also in what a substitution printed: keep a profile
  # named like "%F{red}" from styling (or, with %{...%}, corrupting) the prompt
  \builtin printf '%s' "${__ssokit_name//\%/%%}"
}

# Sets __ssokit_left to the whole minutes until AWS_CREDENTIAL_EXPIRATION
# (YYYY-MM-DDTHH:MM:SS then Z, +00:00 or nothing: UTC), by shell arithmetic; fails when the
# variable is absent or in another form.
__ssokit_minutes_left() {
  \builtin emulate -L zsh
  \builtin local e="${AWS_CREDENTIAL_EXPIRATION-}" y m d days now
  case $e in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt\ ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]) ;;
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt\ ][0-9][0-9]:[0-9][0-9]:[0-9][0-9][Zz]) ;;
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt\ ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00) ;;
    *) \builtin return 1 ;;
  esac
  y=$((10#${e:0:4}))
  m=$((10#${e:5:2}))
  d=$((10#${e:8:2}))
  # days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil)
  [ "$m" -le 2 ] && y=$((y - 1))
  days=$(((y / 400) * 146097 + (y % 400) * 365 + (y % 400) / 4 - (y % 400) / 100 + (153 * ((m + 9) % 12) + 2) / 5 + d - 1 - 719468))
  \builtin zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
  if [ -n "${EPOCHSECONDS-}" ]; then
    now=$EPOCHSECONDS
  else
    now=$(\command date +%s) || \builtin return 1
  fi
  __ssokit_left=$(((days * 86400 + 10#${e:11:2} * 3600 + 10#${e:14:2} * 60 + 10#${e:17:2} - now) / 60))
}
