#!/usr/bin/env bats
# configure profile and configure populate as users run them: the real launcher, a fake HOME, the
# sandbox over HTTP, and the account/role/region pickers driven in a real terminal (tmux).

load helpers

URL=https://sandbox.awsapps.com/start

setup_file() {
  ssokit_sandbox_start
  # one login for the file; each test copies the token cache into its own HOME
  HOME="$BATS_FILE_TMPDIR/login-home" AWS_ENDPOINT_URL=$SANDBOX_URL AWS_SSO_DISABLE_BROWSER=1 \
    PATH="$SSOKIT_ROOT/shell:$PATH" ssokit login "$URL" us-east-1 </dev/null 2>/dev/null
}

teardown_file() {
  ssokit_sandbox_stop
}

setup() {
  ssokit_setup_home
  mkdir -p "$HOME/.aws"
  cp -R "$BATS_FILE_TMPDIR/login-home/.aws/sso" "$HOME/.aws/"
  export AWS_ENDPOINT_URL=$SANDBOX_URL AWS_SSO_DISABLE_BROWSER=1
  unset AWS_DEFAULT_REGION AWS_CONFIGURE_DEFAULT_REGION AWS_DEFAULT_SSO_START_URL AWS_DEFAULT_SSO_REGION
  SOCK="ssokit-configure-$$-$BATS_TEST_NUMBER"
}

teardown() {
  tmux -L "$SOCK" kill-server 2>/dev/null || true
}

# Runs a command line in a detached 100x30 tmux terminal; it prints EXIT=<status> when done.
in_terminal() {
  tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 100 -y 30 \
    "env TERM=xterm-256color HOME='$HOME' PATH='$PATH' AWS_ENDPOINT_URL='$AWS_ENDPOINT_URL' AWS_SSO_DISABLE_BROWSER=1 bash --noprofile --norc -c '$1; echo EXIT=\$?; sleep 60'"
}

screen() {
  tmux -L "$SOCK" capture-pane -p -t t
}

# Waits (up to 15 s) until the screen shows the text.
wait_for() {
  local i
  for i in $(seq 1 150); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "never appeared: $1" >&2
  screen >&2
  return 1
}

keys() {
  tmux -L "$SOCK" send-keys -t t "$@"
}

@test "missing account, role and region are chosen on the terminal, never on stdout" {
  require_tool tmux
  in_terminal "ssokit configure profile picked -u $URL --sso-region us-east-1 >\"\$HOME/stdout\""
  wait_for "account:"
  screen | grep -qF "Production [EU] (333333333333)"
  keys Stag
  wait_for "account: Stag"
  run screen
  refute_output --partial "Development (111111111111)"
  keys Enter
  wait_for "role:"
  keys Down Enter
  wait_for "region:"
  keys eu-west-3 Enter
  wait_for "EXIT="
  screen | grep -qF "EXIT=0"
  screen | grep -qF "Wrote profile picked to ~/.aws/config"
  [ ! -s "$HOME/stdout" ]
  run cat "$HOME/.aws/config"
  assert_output "$(printf '%s\n' '[profile picked]' "sso_start_url = $URL" 'sso_region = us-east-1' \
    'sso_account_id = 222222222222' 'sso_role_name = ReadOnly' 'region = eu-west-3' \
    'credential_process = ssokit credential-process --profile picked')"
}

@test "Esc cancels the choice: exit 2 and nothing written" {
  require_tool tmux
  printf '# mine\n[profile other]\nregion = us-east-1\n' >"$HOME/.aws/config"
  in_terminal "ssokit configure profile picked -u $URL --sso-region us-east-1 --region us-east-1"
  wait_for "account:"
  keys Escape
  wait_for "EXIT="
  screen | grep -qF "EXIT=2"
  screen | grep -qF "ssokit: no account chosen; nothing was written"
  run cat "$HOME/.aws/config"
  assert_output "$(printf '# mine\n[profile other]\nregion = us-east-1')"
}

@test "--reselect chooses again on a complete profile, starting at its current account" {
  require_tool tmux
  ssokit configure profile dev -u "$URL" --sso-region us-east-1 -a 333333333333 -r Developer --region us-east-1
  in_terminal "ssokit configure profile dev --reselect"
  wait_for "> Production [EU] (333333333333)"
  keys Up Enter
  wait_for "role:"
  keys Enter
  wait_for "EXIT="
  screen | grep -qF "EXIT=0"
  run cat "$HOME/.aws/config"
  assert_line "sso_account_id = 111111111111"
  assert_line "region = us-east-1"
}

@test "without a terminal, missing values are an error naming them; nothing written" {
  run --separate-stderr ssokit configure profile dev -u "$URL" --sso-region us-east-1 --region us-east-1 </dev/null
  [ "$status" -eq 2 ]
  [ -z "$output" ]
  [ "$stderr" = "ssokit: profile dev is incomplete: missing the account (--account-id), the role (--role-name) (no terminal to choose them on); nothing was written" ]
  [ ! -e "$HOME/.aws/config" ]
}

@test "populate writes every profile through the launcher; stdout stays empty; the profiles work" {
  run --separate-stderr ssokit configure populate -u "$URL" --sso-region us-east-1 -r us-east-1 -r eu-west-1
  assert_success
  [ -z "$output" ]
  [[ "$stderr" == *"Writing 14 profiles to ~/.aws/config (14 added, 0 changed, 0 unchanged, 0 removed)"* ]]
  run --separate-stderr ssokit credential-process --profile Production-EU.ReadOnly.euwe1
  assert_success
  [[ "$output" == *'"AccessKeyId"'* ]]
}

@test "populate --dry-run prints INI on stdout that reads back as the same profiles" {
  run --separate-stderr ssokit configure populate -u "$URL" --sso-region us-east-1 -r us-east-1 --dry-run
  assert_success
  [ ! -e "$HOME/.aws/config" ]
  printf '%s' "$output" >"$HOME/dry.ini"
  AWS_CONFIG_FILE="$HOME/dry.ini" run --separate-stderr ssokit credential-process --profile Staging.Developer
  assert_success
}
