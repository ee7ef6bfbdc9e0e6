# The word as typed, without its quotes and backslashes (REPLY); the quote left open at its end
# (__ssokit_qc, opened at index __ssokit_qi); the index just after its last unquoted word-break
# character (__ssokit_bi): readline replaces only the text after that point, or after the open quote.
__ssokit_scan() {
  local s=$1 out='' c q='' i=0 n=${#1} brk=${COMP_WORDBREAKS-}
  brk=${brk//[\'\"]/}
  __ssokit_qc='' __ssokit_qi=-1 __ssokit_bi=0
  while ((i < n)); do
    c=${s:i:1}
    if [[ $q == "'" ]]; then
      if [[ $c == "'" ]]; then q=''; else out+=$c; fi
    elif [[ $q == '"' ]]; then
      if [[ $c == '"' ]]; then
        q=''
      elif [[ $c == "\\" && ${s:i+1:1} == [\\\"\$\`] ]]; then
        out+=${s:i+1:1} i=$((i + 1))
      else
        out+=$c
      fi
    elif [[ $c == [\'\"] ]]; then
      q=$c __ssokit_qi=$i
    elif [[ $c == "\\" ]]; then
      out+=${s:i+1:1} i=$((i + 1))
    else
      out+=$c
      if [[ -n $brk && $brk == *"$c"* ]]; then __ssokit_bi=$((i + 1)); fi
    fi
    i=$((i + 1))
  done
  __ssokit_qc=$q
  REPLY=$out
}

# COMPREPLY from __ssokit_c (whole words, unquoted) for the word typed so far ($1): the words that
# start with it, quoted as the word is (inside '...' or "..." when a quote is open, with
# backslashes otherwise), without the part of the word readline keeps.
__ssokit_reply() {
  local typed=$1 prefix c keep qc
  __ssokit_scan "$typed"
  prefix=$REPLY
  if [[ -n $__ssokit_qc ]]; then
    qc=$__ssokit_qc
    __ssokit_scan "${typed:0:__ssokit_qi}"
    keep=${#REPLY}
    for c in "${__ssokit_c[@]}"; do
      [[ $c == "$prefix"* ]] || continue
      c=${c:keep}
      if [[ $qc == "'" ]]; then
        c=${c//\'/\'\\\'\'}
      else
        c=${c//\\/\\\\} c=${c//\"/\\\"} c=${c//\$/\\\$} c=${c//\`/\\\`}
      fi
      COMPREPLY+=("$c")
    done
  else
    keep=$__ssokit_bi
    for c in "${__ssokit_c[@]}"; do
      [[ $c == "$prefix"* ]] || continue
      if [[ $c == *[!A-Za-z0-9_./@%+,:=-]* || $c == '~'* ]]; then printf -v c %q "$c"; fi
      [[ ${c:0:keep} == "${typed:0:keep}" ]] && COMPREPLY+=("${c:keep}")
    done
  fi
}

# A file awk can read for variable $1 (default $2): ~ expanded as the AWS CLI does, /dev/null when
# missing, never an operand awk would take for an assignment or for stdin.
__ssokit_path() {
  REPLY=${1:-$2}
  case $REPLY in
    \~) REPLY=${HOME-} ;;
    \~/*) REPLY=${HOME-}/${REPLY#\~/} ;;
  esac
  [[ -f $REPLY && -r $REPLY ]] || REPLY=/dev/null
  [[ $REPLY == /* ]] || REPLY=./$REPLY
}

# __ssokit_c += the lines printed by the candidate program in mode $1 over the files that follow
# (for accounts, the ids: each line is an id, a TAB and the account name).
__ssokit_run() {
  local m=$1 lines=()
  shift
  mapfile -t lines < <(SSOKIT_COMPLETE_PREFIX=$__ssokit_prefix SSOKIT_COMPLETE_ACCOUNT=$__ssokit_acct \
    SSOKIT_COMPLETE_URL=$__ssokit_url SSOKIT_COMPLETE_QUOTE=$__ssokit_quote __ssokit_awk "$m" "$@" 2>/dev/null)
  [[ $m == a ]] && lines=("${lines[@]%%$'\t'*}")
  __ssokit_c+=("${lines[@]}")
}

# __ssokit_c += the candidates of a value of kind $1, given its dequoted prefix $2.
__ssokit_values() {
  local cfg cred index
  __ssokit_prefix=$2
  __ssokit_path "${SSOKIT_CANDIDATE_INDEX-}" "${HOME-}/.aws/sso/ssokit-candidates.tsv"
  index=$REPLY
  case $1 in
    profile | session | url)
      __ssokit_path "${AWS_CONFIG_FILE-}" "${HOME-}/.aws/config"
      cfg=$REPLY
      __ssokit_path "${AWS_SHARED_CREDENTIALS_FILE-}" "${HOME-}/.aws/credentials"
      cred=$REPLY
      case $1 in
        profile) __ssokit_run p k=c "$cfg" k=k "$cred" ;;
        session) __ssokit_run s k=c "$cfg" ;;
        url) __ssokit_run u k=c "$cfg" k=i "$index" ;;
      esac
      ;;
    account) __ssokit_run a k=i "$index" ;;
    role) __ssokit_run r k=i "$index" ;;
    region) __ssokit_regions ;;
    fixed*) __ssokit_fixed "${1#fixed}" ;;
  esac
}

# COMPREPLY for a value of kind $1 typed as $2; $3 is what precedes the value in the same word
# (--option=), kept as it is.
__ssokit_complete_value() {
  local kind=$1 typed=$2 lead=$3 i prefix
  __ssokit_scan "${typed:${#lead}}"
  prefix=$REPLY
  case $kind in
    file | dir | command)
      local flag=-f found=()
      [[ $kind == dir ]] && flag=-d
      [[ $kind == command ]] && flag=-c
      # readline quotes file names itself once it knows they are file names
      compopt -o filenames 2>/dev/null
      mapfile -t found < <(compgen "$flag" -- "$prefix")
      COMPREPLY+=("${found[@]}")
      return 0
      ;;
    profile | session | url | account | role)
      # The usual case, and the one that must stay fast with 2,000 profiles: the word is the
      # whole value, quoted from its start or not at all, and nothing in it is a word break.
      # Then awk filters and quotes the candidates, and bash only reads them.
      __ssokit_scan "$typed"
      if [[ -z $lead ]] && { { [[ -n $__ssokit_qc ]] && ((__ssokit_qi == 0)); } ||
        { [[ -z $__ssokit_qc ]] && ((__ssokit_bi == 0)); }; }; then
        local __ssokit_quote=${__ssokit_qc:-\\}
        if ((${#__ssokit_c[@]})); then
          __ssokit_reply "$typed"
          __ssokit_c=()
        fi
        __ssokit_values "$kind" "$prefix"
        COMPREPLY+=("${__ssokit_c[@]}")
        return 0
      fi
      ;;
  esac
  __ssokit_values "$kind" "$prefix"
  if [[ -n $lead ]]; then
    for ((i = 0; i < ${#__ssokit_c[@]}; i++)); do __ssokit_c[i]=$lead${__ssokit_c[i]}; done
  fi
  __ssokit_reply "$typed"
}

# Remembers the account and the start URL typed on the line: roles are those of that account,
# accounts and roles those of that instance.
__ssokit_remember() {
  case $1 in
    account) __ssokit_scan "$2" && __ssokit_acct=$REPLY ;;
    url) __ssokit_scan "$2" && __ssokit_url=$REPLY ;;
  esac
}

_ssokit() {
  local REPLY __ssokit_c=() __ssokit_qc __ssokit_qi __ssokit_bi __ssokit_prefix='' __ssokit_acct='' __ssokit_url=''
  local __ssokit_quote=''
  local line=${COMP_LINE:0:COMP_POINT} pos=0 i n=0 w gap words=() first=()
  COMPREPLY=()
  # The words up to the cursor, joined again where COMP_WORDBREAKS split one shell word (--opt=value,
  # https://...): COMP_WORDS holds the pieces as typed, so adjacent pieces belong together.
  for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
    w=${COMP_WORDS[i]} gap=0
    while [[ ${line:pos:1} == [[:space:]] ]]; do pos=$((pos + 1)) gap=1; done
    ((i == COMP_CWORD)) && w=${line:pos}
    if ((n > 0 && gap == 0)); then
      words[n - 1]+=$w
    else
      words[n]=$w first[n]=$i n=$((n + 1))
    fi
    pos=$((pos + ${#w}))
  done
  ((n > 0)) || return 0

  local cur=${words[n - 1]} id=ssokit expect='' npos=0 dd=0 child=-1
  for ((i = 1; i < n - 1; i++)); do
    w=${words[i]}
    if [[ -n $expect ]]; then
      __ssokit_remember "$expect" "$w"
      expect=''
    elif ((!dd)) && [[ $w == -?* ]]; then
      if [[ $w == -- ]]; then
        dd=1
      elif [[ $w == --*=* ]]; then
        __ssokit_value "$id" "${w%%=*}" && __ssokit_remember "$REPLY" "${w#*=}"
      elif __ssokit_value "$id" "$w"; then
        expect=$REPLY
      fi
    elif ((npos == 0)) && __ssokit_sub "$id" "$w"; then
      id=$REPLY
    elif __ssokit_positional "$id" "$npos"; then
      if [[ $REPLY == command ]]; then
        child=$i
        break
      fi
      npos=$((npos + 1))
    else
      # a word this command does not take (a mistyped subcommand): nothing sensible to offer
      return 0
    fi
  done

  if ((child >= 0)); then
    # the command to run has its own arguments: bash-completion completes them when it is loaded
    if declare -F _command_offset >/dev/null; then
      _command_offset "${first[child]}"
    else
      __ssokit_complete_value file "$cur" ''
    fi
  elif [[ -n $expect ]]; then
    __ssokit_complete_value "$expect" "$cur" ''
  elif ((!dd)) && [[ $cur == -* ]]; then
    if [[ $cur == --*=* ]] && __ssokit_value "$id" "${cur%%=*}"; then
      __ssokit_complete_value "$REPLY" "$cur" "${cur%%=*}="
    else
      __ssokit_options "$id"
      __ssokit_reply "$cur"
    fi
  else
    ((npos == 0)) && __ssokit_commands "$id"
    if __ssokit_positional "$id" "$npos"; then
      __ssokit_complete_value "$REPLY" "$cur" ''
    elif ((${#__ssokit_c[@]} == 0 && !dd)); then
      __ssokit_options "$id"
      __ssokit_reply "$cur"
    else
      __ssokit_reply "$cur"
    fi
  fi
  return 0
}
