# shellcheck shell=bash
# The shell-integration scenarios, replayed by shell-bash.bats, shell-zsh.bats and shell-fish.bats:
# the same steps and expectations, written once per syntax (POSIX for bash and zsh, and fish).
# Each step runs in a fresh shell of $TEST_SHELL that loads the integration script first.

# setup_file of each suite: the shell under test, the sandbox, a token, the cached init script.
scenarios_setup_file() {
  export TEST_SHELL=$1
  require_tool "$TEST_SHELL"
  aws_cli_v2 >/dev/null || { echo "no AWS CLI v2 (/usr/bin/aws)" >&2; return 1; }
  ssokit_sandbox_start
  ssokit_sandbox_token
  "$SSOKIT_ROOT/shell/ssokit" shell init "$TEST_SHELL" --cmd awsp >"$BATS_FILE_TMPDIR/init.$TEST_SHELL"
  AWS_CLI=$(aws_cli_v2)
  export AWS_CLI
}

# Runs the first argument (bash and zsh) or the second (fish) in $TEST_SHELL after loading the
# integration script, with bats' `run --separate-stderr`.
in_shell() {
  local init="$BATS_FILE_TMPDIR/init.$TEST_SHELL"
  case $TEST_SHELL in
    bash) run --separate-stderr env INIT="$init" bash --noprofile --norc -c ". \"\$INIT\"
$1" ;;
    zsh) run --separate-stderr env INIT="$init" zsh --no-rcs -c ". \"\$INIT\"
$1" ;;
    fish) run --separate-stderr env INIT="$init" fish --no-config -c "source \$INIT
$2" ;;
  esac
}

# How many times the real program was started (each line of $SSOKIT_CALLS is one start).
program_starts() {
  grep -c . "$SSOKIT_CALLS" || true
}

no_stderr() {
  [ -z "$stderr" ] || { echo "unexpected stderr: $stderr"; return 1; }
}

scenario_init_loads_with_eval() {
  in_shell 'eval "$(ssokit shell init '"$TEST_SHELL"')"; type ssokit_prompt >/dev/null && type __ssokit_use >/dev/null && echo loaded' \
    'ssokit shell init fish | source; functions -q ssokit_prompt; and functions -q __ssokit_use; and echo loaded'
  assert_success
  assert_output loaded
  no_stderr
}

scenario_use_profile_starts_no_program() {
  export AWS_ACCESS_KEY_ID=stale AWS_SECRET_ACCESS_KEY=stale AWS_SESSION_TOKEN=stale AWS_REGION=us-west-2
  in_shell 'ssokit use dev && printf "%s|%s|%s|%s\n" "$AWS_PROFILE" "${AWS_ACCESS_KEY_ID-}" "${AWS_SESSION_TOKEN-}" "$AWS_REGION"' \
    'ssokit use dev; and printf "%s|%s|%s|%s\n" "$AWS_PROFILE" "$AWS_ACCESS_KEY_ID" "$AWS_SESSION_TOKEN" "$AWS_REGION"'
  assert_success
  assert_output 'dev|||us-west-2'
  no_stderr
  [ "$(program_starts)" -eq 0 ] || { echo "ssokit use PROFILE started the program: $(cat "$SSOKIT_CALLS")"; return 1; }
}

scenario_use_dash_goes_back() {
  in_shell 'ssokit use dev; ssokit use ro; ssokit use -; echo "$AWS_PROFILE"; ssokit use -; echo "$AWS_PROFILE"; awsp -; echo "$AWS_PROFILE"' \
    'ssokit use dev; ssokit use ro; ssokit use -; echo $AWS_PROFILE; ssokit use -; echo $AWS_PROFILE; awsp -; echo $AWS_PROFILE'
  assert_success
  assert_output "$(printf 'dev\nro\ndev')"
  no_stderr
  [ "$(program_starts)" -eq 0 ]
}

scenario_use_dash_without_history() {
  in_shell 'ssokit use -' 'ssokit use -'
  assert_failure
  [[ "$stderr" == *"no previous profile"* ]]
}

scenario_use_env_exports_working_credentials() {
  in_shell 'ssokit use --env dev || exit 1
"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --query Account --output text || exit 1
printf "%s|%s|%s|%s|%s\n" "$AWS_PROFILE" "$SSOKIT_PROFILE" "$SSOKIT_ACCOUNT_ID" "$AWS_REGION" "$(ssokit_prompt)"
case $AWS_ACCESS_KEY_ID in ASIA*) echo temporary ;; esac' \
    'ssokit use --env dev; or exit 1
$AWS_CLI sts get-caller-identity --endpoint-url $SANDBOX_URL --query Account --output text; or exit 1
printf "%s|%s|%s|%s|%s\n" "$AWS_PROFILE" "$SSOKIT_PROFILE" "$SSOKIT_ACCOUNT_ID" "$AWS_REGION" (ssokit_prompt)
string match -q "ASIA*" -- $AWS_ACCESS_KEY_ID; and echo temporary'
  assert_success
  assert_line --index 0 111111111111
  assert_line --index 1 --regexp '^dev\|dev\|111111111111\|eu-west-1\|dev \([0-9]+m\)$'
  assert_line --index 2 temporary
}

scenario_use_account_and_role() {
  export AWS_PROFILE=dev
  in_shell 'ssokit use --account-id 222222222222 --role-name ReadOnly || exit 1
"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --region us-east-1 --query Account --output text || exit 1
printf "[%s]|%s\n" "${AWS_PROFILE-}" "$(ssokit_prompt)"' \
    'ssokit use --account-id 222222222222 --role-name ReadOnly; or exit 1
$AWS_CLI sts get-caller-identity --endpoint-url $SANDBOX_URL --region us-east-1 --query Account --output text; or exit 1
printf "[%s]|%s\n" "$AWS_PROFILE" (ssokit_prompt)'
  assert_success
  assert_line --index 0 222222222222
  assert_line --index 1 --regexp '^\[\]\|222222222222/ReadOnly \([0-9]+m\)$'
}

scenario_clear_removes_everything() {
  export MANAGED='(AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|CREDENTIALS?_EXPIRATION|SESSION_EXPIRATION|PROFILE|DEFAULT_PROFILE|REGION|DEFAULT_REGION)|SSOKIT_(PROFILE|ACCOUNT_ID|ACCOUNT_NAME|ROLE_NAME|START_URL|SSO_REGION|SSO_SESSION|REGION))'
  in_shell 'ssokit use --env dev || exit 1
ssokit clear || exit 1
env | grep -E "^$MANAGED=" || echo clean
ssokit use - || exit 1
printf "%s|%s\n" "$AWS_PROFILE" "$SSOKIT_ACCOUNT_ID"' \
    'ssokit use --env dev; or exit 1
ssokit clear; or exit 1
env | grep -E "^$MANAGED="; or echo clean
ssokit use -; or exit 1
printf "%s|%s\n" "$AWS_PROFILE" "$SSOKIT_ACCOUNT_ID"'
  assert_success
  assert_line --index 0 clean
  assert_line --index 1 'dev|111111111111'
}

scenario_hostile_profile_names_run_nothing() {
  in_shell 'for p in "dev space" "a'\''b" "\$(touch pwned)"; do
  ssokit use "$p" || exit 1
  printf "<%s>\n" "$AWS_PROFILE"
  ssokit use --env "$p" || exit 1
  printf "<%s>\n" "$SSOKIT_PROFILE"
done' \
    'for p in "dev space" "a'\''b" "\$(touch pwned)"
  ssokit use $p; or exit 1
  printf "<%s>\n" "$AWS_PROFILE"
  ssokit use --env $p; or exit 1
  printf "<%s>\n" "$SSOKIT_PROFILE"
end'
  assert_success
  assert_output "$(printf '<dev space>\n<dev space>\n<a'\''b>\n<a'\''b>\n<$(touch pwned)>\n<$(touch pwned)>')"
  [ -z "$(ls -A "$BATS_TEST_TMPDIR/work")" ] || { echo "files appeared: $(ls -A "$BATS_TEST_TMPDIR/work")"; return 1; }
  # three exports started the program; the three plain switches did not
  [ "$(program_starts)" -eq 3 ] || { cat "$SSOKIT_CALLS"; return 1; }
}

scenario_unknown_profile_changes_nothing() {
  in_shell 'ssokit use dev; ssokit use nope && exit 9; printf "%s\n" "$AWS_PROFILE"' \
    'ssokit use dev; ssokit use nope; and exit 9; printf "%s\n" "$AWS_PROFILE"'
  assert_success
  assert_output dev
  [[ "$stderr" == *"no profile named 'nope'"* ]]
}

scenario_failed_export_changes_nothing() {
  in_shell 'ssokit use dev; ssokit use --env denied && exit 9; printf "%s|%s\n" "$AWS_PROFILE" "${AWS_ACCESS_KEY_ID-}"' \
    'ssokit use dev; ssokit use --env denied; and exit 9; printf "%s|%s\n" "$AWS_PROFILE" "$AWS_ACCESS_KEY_ID"'
  assert_success
  assert_output 'dev|'
  [[ "$stderr" == *"no access to role AdministratorAccess"* ]]
}

scenario_env_detects_the_shell_and_works_with_the_aws_cli() {
  in_shell 'ssokit env --profile ro | grep -c "^export AWS_ACCESS_KEY_ID=" || exit 1
eval "$(ssokit env --profile ro)" || exit 1
"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --region us-east-1 --query Account --output text' \
    'ssokit env --profile ro | grep -c "^set -gx AWS_ACCESS_KEY_ID " ; or exit 1
ssokit env --profile ro | source; or exit 1
$AWS_CLI sts get-caller-identity --endpoint-url $SANDBOX_URL --region us-east-1 --query Account --output text'
  assert_success
  assert_output "$(printf '1\n222222222222')"
}

scenario_failed_env_evals_nothing() {
  export AWS_ACCESS_KEY_ID=keep
  in_shell 'eval "$(ssokit env --profile denied)"; printf "%s\n" "$AWS_ACCESS_KEY_ID"' \
    'ssokit env --profile denied | source; printf "%s\n" "$AWS_ACCESS_KEY_ID"'
  assert_success
  assert_output keep
  [[ "$stderr" == "ssokit: "* ]]
}

# Waits until the tmux pane shows $2 (a fixed string); the picker draws on the terminal.
pane_shows() {
  local i
  for i in $(seq 1 100); do
    if tmux -L "$1" capture-pane -p -t t | grep -qF -- "$2"; then
      return 0
    fi
    sleep 0.1
  done
  echo "the terminal never showed '$2':" >&2
  tmux -L "$1" capture-pane -p -t t >&2
  return 1
}

scenario_picker_in_a_terminal() {
  require_tool tmux
  local sock="ssokit-$$-$BATS_TEST_NUMBER" init="$BATS_FILE_TMPDIR/init.$TEST_SHELL" shell_cmd load rc=0
  case $TEST_SHELL in
    bash) shell_cmd="bash --noprofile --norc -i" load=". '$init'" ;;
    zsh) shell_cmd="zsh --no-rcs -i" load=". '$init'" ;;
    fish) shell_cmd="fish --no-config -i" load="source '$init'" ;;
  esac
  tmux -L "$sock" -f /dev/null new-session -d -s t -x 120 -y 30 "env TERM=xterm-256color $shell_cmd"
  picker_steps "$sock" "$load" || rc=$?
  tmux -L "$sock" kill-server 2>/dev/null || true
  return "$rc"
}

# Runs in an || context (so that the tmux server is always stopped): every step checks itself.
picker_steps() {
  local sock=$1
  tmux -L "$sock" send-keys -t t "$2" Enter || return 1
  tmux -L "$sock" send-keys -t t 'ssokit use dev' Enter || return 1
  # choose by typing part of the details, then Enter
  tmux -L "$sock" send-keys -t t 'ssokit use' Enter || return 1
  pane_shows "$sock" '222222222222' || return 1
  tmux -L "$sock" send-keys -t t '2222' || return 1
  pane_shows "$sock" 'profile: 2222' || return 1
  tmux -L "$sock" send-keys -t t Enter || return 1
  tmux -L "$sock" send-keys -t t 'echo "chosen=$AWS_PROFILE"' Enter || return 1
  pane_shows "$sock" 'chosen=ro' || return 1
  # Esc cancels: nothing changes, and the list is erased
  tmux -L "$sock" send-keys -t t 'clear' Enter 'ssokit use' Enter || return 1
  pane_shows "$sock" '333333333333' || return 1
  tmux -L "$sock" send-keys -t t Escape || return 1
  pane_lacks "$sock" '333333333333' || return 1
  tmux -L "$sock" send-keys -t t 'echo "after=$AWS_PROFILE"' Enter || return 1
  pane_shows "$sock" 'after=ro' || return 1
}

# Waits until the tmux pane no longer shows $2.
pane_lacks() {
  local i
  for i in $(seq 1 100); do
    if ! tmux -L "$1" capture-pane -p -t t | grep -qF -- "$2"; then
      return 0
    fi
    sleep 0.1
  done
  echo "the terminal still shows '$2':" >&2
  tmux -L "$1" capture-pane -p -t t >&2
  return 1
}
