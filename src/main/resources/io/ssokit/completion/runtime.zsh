# A file awk can read for variable $1 (default $2): ~ expanded as the AWS CLI does, /dev/null when
# missing, never an operand awk would take for an assignment or for stdin.
__ssokit_path() {
  REPLY=${1:-$2}
  case $REPLY in
    ('~') REPLY=${HOME-} ;;
    ('~/'*) REPLY=${HOME-}/${REPLY#\~/} ;;
  esac
  [[ -f $REPLY && -r $REPLY ]] || REPLY=/dev/null
  [[ $REPLY == /* ]] || REPLY=./$REPLY
}

# __ssokit_r = the lines printed by the candidate program in mode $1 over the files that follow.
__ssokit_run() {
  __ssokit_r=(${(f)"$(SSOKIT_COMPLETE_ACCOUNT=${__ssokit_acct-} SSOKIT_COMPLETE_URL=${__ssokit_url-} \
    __ssokit_awk "$@" 2>/dev/null)"})
}

# REPLY = the value of the first of the named options present on the line, unquoted.
__ssokit_optval() {
  local o
  REPLY=
  for o in "$@"; do
    if (( ${+opt_args[$o]} )); then
      REPLY=${(Q)opt_args[$o]}
      return 0
    fi
  done
  return 0
}

__ssokit_index() {
  __ssokit_path "${SSOKIT_CANDIDATE_INDEX-}" "${HOME-}/.aws/sso/ssokit-candidates.tsv"
}

__ssokit_profiles() {
  local REPLY cfg expl
  local -a __ssokit_r
  __ssokit_path "${AWS_CONFIG_FILE-}" "${HOME-}/.aws/config"
  cfg=$REPLY
  __ssokit_path "${AWS_SHARED_CREDENTIALS_FILE-}" "${HOME-}/.aws/credentials"
  __ssokit_run p k=c "$cfg" k=k "$REPLY"
  _wanted profiles expl 'profile' compadd -a __ssokit_r
}

__ssokit_sessions() {
  local REPLY expl
  local -a __ssokit_r
  __ssokit_path "${AWS_CONFIG_FILE-}" "${HOME-}/.aws/config"
  __ssokit_run s k=c "$REPLY"
  _wanted sso-sessions expl 'sso-session' compadd -a __ssokit_r
}

__ssokit_urls() {
  local REPLY cfg expl
  local -a __ssokit_r
  __ssokit_path "${AWS_CONFIG_FILE-}" "${HOME-}/.aws/config"
  cfg=$REPLY
  __ssokit_index
  __ssokit_run u k=c "$cfg" k=i "$REPLY"
  _wanted urls expl 'start URL' compadd -a __ssokit_r
}

# Account ids with their names; $@ = the start URL options of the command (accounts of that instance).
__ssokit_accounts() {
  local REPLY __ssokit_acct= __ssokit_url
  local -a __ssokit_r
  __ssokit_optval "$@"
  __ssokit_url=$REPLY
  __ssokit_index
  __ssokit_run a k=i "$REPLY"
  __ssokit_r=("${(@)__ssokit_r/$'\t'/:}")
  _describe -t accounts 'account id' __ssokit_r
}

# Role names; $@ = the account options of the command, --, its start URL options: only the roles
# of the account on the line when there is one.
__ssokit_roles() {
  local REPLY __ssokit_acct __ssokit_url expl
  local -a __ssokit_r
  local i=${@[(i)--]}
  __ssokit_optval "${(@)@[1,i-1]}"
  __ssokit_acct=$REPLY
  __ssokit_optval "${(@)@[i+1,-1]}"
  __ssokit_url=$REPLY
  __ssokit_index
  __ssokit_run r k=i "$REPLY"
  _wanted roles expl 'role name' compadd -a __ssokit_r
}

__ssokit_regions() {
  local expl
  _wanted regions expl 'region' compadd -a __ssokit_region_names
}
