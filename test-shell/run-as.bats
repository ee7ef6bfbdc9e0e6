#!/usr/bin/env bats
# run-as and exec as users run them: the real launcher, a fake HOME, credentials from the
# sandbox, the AWS CLI v2 as the command.

load helpers
load shell-scenarios

setup_file() {
  scenarios_setup_file bash
}

teardown_file() {
  ssokit_sandbox_stop
}

setup() {
  ssokit_shell_home
}

@test "run-as gives the command working credentials (AWS CLI v2 against the sandbox)" {
  run --separate-stderr ssokit run-as --account-id 222222222222 --role-name ReadOnly --region us-east-1 \
    "$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --query Account --output text
  assert_success
  assert_output 222222222222
  no_stderr
}

@test "exec gives the command a profile's credentials and no AWS_PROFILE" {
  export AWS_PROFILE=ro
  run --separate-stderr ssokit exec --profile dev -- sh -c \
    '"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --query Account --output text; echo "profile=[${AWS_PROFILE-}] ${SSOKIT_PROFILE}"'
  assert_success
  assert_output "$(printf '111111111111\nprofile=[] dev')"
}

@test "run-as passes arguments exactly: spaces, quotes, empty strings, expansions, options" {
  run --separate-stderr ssokit run-as -a 111111111111 -r Developer printf '<%s>\n' 'a b' '' "it's" '"q"' '$(touch pwned)' '-x' '--' 'é'
  assert_success
  assert_output "$(printf '<a b>\n<>\n<it'\''s>\n<"q">\n<$(touch pwned)>\n<-x>\n<-->\n<é>')"
  [ ! -e pwned ]
}

@test "run-as and exec exit with the command's status" {
  run ssokit run-as -a 111111111111 -r Developer sh -c 'exit 3'
  [ "$status" -eq 3 ]
  run ssokit exec --profile dev -- false
  [ "$status" -eq 1 ]
  run -127 --separate-stderr ssokit exec --profile dev -- no-such-command-here
  [[ "$stderr" == *"command not found"* ]]
  run --separate-stderr ssokit exec --profile denied -- touch ran
  [ "$status" -eq 1 ]
  [ ! -e ran ]
}

@test "Ctrl-C in a terminal reaches the command once; its status comes back" {
  require_tool tmux
  local sock="ssokit-runas-$$" rc=0
  tmux -L "$sock" -f /dev/null new-session -d -s t -x 120 -y 30 "env TERM=xterm-256color bash --noprofile --norc -i"
  ctrl_c_steps "$sock" || rc=$?
  tmux -L "$sock" kill-server 2>/dev/null || true
  return "$rc"
}

ctrl_c_steps() {
  local sock=$1 script="$BATS_TEST_TMPDIR/child.sh"
  # counts the INTs it gets; prints a marker the typed command line does not contain
  cat >"$script" <<'CHILD'
n=0
trap 'n=$((n + 1)); echo "int-$n"' INT
echo "child-is-waiting"
while [ "$n" -lt 1 ]; do sleep 0.1; done
sleep 1
echo "total-$n"
exit 5
CHILD
  tmux -L "$sock" send-keys -t t "ssokit run-as -a 111111111111 -r Developer sh $script; echo \"status=\$?\"" Enter || return 1
  pane_shows "$sock" child-is-waiting || return 1
  tmux -L "$sock" send-keys -t t C-c || return 1
  pane_shows "$sock" 'status=5' || return 1
  tmux -L "$sock" capture-pane -p -t t | grep -q '^total-1$' || { tmux -L "$sock" capture-pane -p -t t >&2; return 1; }
}

@test "export-credentials: the AWS CLI v2 agrees on the credentials and uses what -c writes" {
  # the same role-credential cache: the CLI's own export and ours name the same key
  ssokit env --profile dev --format json >/dev/null
  run --separate-stderr "$AWS_CLI" configure export-credentials --profile dev --format process
  assert_success
  local theirs="$output"
  run --separate-stderr ssokit export-credentials --profile dev --format process
  assert_success
  [ "$(printf '%s\n' "$output" | grep AccessKeyId)" = "$(printf '%s\n' "$theirs" | grep AccessKeyId)" ]
  [ "$(printf '%s\n' "$output" | grep SessionToken)" = "$(printf '%s\n' "$theirs" | grep SessionToken)" ]

  run --separate-stderr ssokit export-credentials --profile ro -c ro-static
  assert_success
  [ -z "$output" ]
  grep -q '^aws_credential_expiration = ' "$HOME/.aws/credentials"
  run --separate-stderr "$AWS_CLI" sts get-caller-identity --profile ro-static --region us-east-1 \
    --endpoint-url "$SANDBOX_URL" --query Account --output text
  assert_success
  assert_output 222222222222
}

@test "export-credentials --env-export is eval'd by bash; a failure prints nothing" {
  run --separate-stderr bash -c 'eval "$(ssokit export-credentials --profile ro --env-export)" && "$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --region us-east-1 --query Account --output text'
  assert_success
  assert_output 222222222222
  run --separate-stderr ssokit export-credentials --profile denied --env-export
  [ "$status" -eq 3 ]
  [ -z "$output" ]
}
