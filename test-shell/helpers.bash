# Shared setup for the bats suites: a fake HOME with no AWS config, the real launcher on PATH.
bats_require_minimum_version 1.5.0
# shellcheck shell=bash

for lib in /usr/lib/bats/bats-support /usr/lib/bats/bats-assert; do
  # shellcheck disable=SC1091
  [ -f "$lib/load.bash" ] && source "$lib/load.bash"
done

ssokit_setup_home() {
  export HOME="$BATS_TEST_TMPDIR/home"
  mkdir -p "$HOME"
  unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE \
    AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL
  export PATH="$SSOKIT_ROOT/shell:$PATH"
}

# Skip (or fail under CI) when a tool the test needs is missing.
require_tool() {
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
      echo "required tool '$1' is not installed" >&2
      return 1
    fi
    skip "$1 is not installed"
  fi
}

# --- shared by the shell-integration suites (shell-*.bats, run-as.bats) -------------------------

# The AWS CLI v2 (an `aws` on PATH may be a v1): /usr/bin/aws, else the first v2 on PATH.
aws_cli_v2() {
  local c
  for c in /usr/bin/aws /usr/local/bin/aws $(type -ap aws); do
    if [ -x "$c" ] && "$c" --version 2>&1 | grep -q '^aws-cli/2'; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  return 1
}

# Starts `ssokit sandbox serve` for the whole file (call from setup_file); exports SANDBOX_URL.
ssokit_sandbox_start() {
  local out="$BATS_FILE_TMPDIR/sandbox.out" i
  PATH="$SSOKIT_ROOT/shell:$PATH" ssokit sandbox serve --port 0 --auto-approve >"$out" 2>"$BATS_FILE_TMPDIR/sandbox.err" &
  echo $! >"$BATS_FILE_TMPDIR/sandbox.pid"
  for i in $(seq 1 300); do
    if [ -s "$out" ]; then
      SANDBOX_URL=$(head -n 1 "$out")
      export SANDBOX_URL
      return 0
    fi
    sleep 0.1
  done
  echo "the sandbox did not start: $(cat "$BATS_FILE_TMPDIR/sandbox.err")" >&2
  return 1
}

# Stops the sandbox this file started (call from teardown_file).
ssokit_sandbox_stop() {
  local pid
  pid=$(cat "$BATS_FILE_TMPDIR/sandbox.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Signs in to the sandbox with the AWS CLI v2's sso-oidc commands (a device-code flow the
# sandbox approves at once) and saves the token where `aws sso login` would, for
# https://sandbox.awsapps.com/start, in $BATS_FILE_TMPDIR/sso-cache (copy it into a HOME).
ssokit_sandbox_token() {
  local aws url="https://sandbox.awsapps.com/start" reg id secret device token dir key expires
  aws=$(aws_cli_v2) || return 1
  set -- --endpoint-url "$SANDBOX_URL" --region us-east-1 --output text --no-cli-pager
  reg=$(AWS_EC2_METADATA_DISABLED=true "$aws" sso-oidc register-client --client-name bats --client-type public \
    --query '[clientId,clientSecret]' "$@") || return 1
  id=${reg%%$'\t'*}
  secret=${reg#*$'\t'}
  # NAME=VALUE: a random value may start with '-', which the CLI would take for an option
  device=$(AWS_EC2_METADATA_DISABLED=true "$aws" sso-oidc start-device-authorization --client-id="$id" \
    --client-secret="$secret" --start-url="$url" --query deviceCode "$@") || return 1
  token=$(AWS_EC2_METADATA_DISABLED=true "$aws" sso-oidc create-token --client-id="$id" --client-secret="$secret" \
    --grant-type urn:ietf:params:oauth:grant-type:device_code --device-code="$device" --query accessToken "$@") || return 1
  dir="$BATS_FILE_TMPDIR/sso-cache"
  mkdir -p "$dir"
  key=$(printf '%s' "$url" | sha1sum | cut -c1-40)
  expires=$(date -u -d '+8 hours' +%Y-%m-%dT%H:%M:%SZ)
  printf '{"startUrl": "%s", "region": "us-east-1", "accessToken": "%s", "expiresAt": "%s"}\n' \
    "$url" "$token" "$expires" >"$dir/$key.json"
  chmod 600 "$dir/$key.json"
}

# A fake HOME with Identity Center profiles on the sandbox, hostile names included, the
# sandbox token in its cache, AWS_ENDPOINT_URL at the sandbox, and a `ssokit` first on PATH
# that logs every start of the program to $SSOKIT_CALLS before running the real launcher.
ssokit_shell_home() {
  ssokit_setup_home
  mkdir -p "$HOME/.aws/sso/cache" "$HOME/bin"
  cp "$BATS_FILE_TMPDIR"/sso-cache/*.json "$HOME/.aws/sso/cache/"
  local p
  {
    for p in dev 'dev space' "a'b" '$(touch pwned)'; do
      printf '[profile "%s"]\nsso_start_url = https://sandbox.awsapps.com/start\nsso_region = us-east-1\n' "$p"
      printf 'sso_account_id = 111111111111\nsso_role_name = Developer\nsso_account_name = Development\nregion = eu-west-1\n\n'
    done
    printf '[profile ro]\nsso_start_url = https://sandbox.awsapps.com/start\nsso_region = us-east-1\n'
    printf 'sso_account_id = 222222222222\nsso_role_name = ReadOnly\n\n'
    printf '[profile denied]\nsso_start_url = https://sandbox.awsapps.com/start\nsso_region = us-east-1\n'
    printf 'sso_account_id = 333333333333\nsso_role_name = AdministratorAccess\n'
  } >"$HOME/.aws/config"
  export SSOKIT_CALLS="$BATS_TEST_TMPDIR/calls"
  : >"$SSOKIT_CALLS"
  printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"$SSOKIT_CALLS"\nexec "%s/shell/ssokit" "$@"\n' "$SSOKIT_ROOT" >"$HOME/bin/ssokit"
  chmod +x "$HOME/bin/ssokit"
  export PATH="$HOME/bin:$PATH"
  export AWS_ENDPOINT_URL="$SANDBOX_URL" AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
  unset AWS_REGION AWS_DEFAULT_REGION SSOKIT_PROFILE SSOKIT_ACCOUNT_ID SSOKIT_REGION AWS_CREDENTIAL_EXPIRATION
  mkdir -p "$BATS_TEST_TMPDIR/work"
  cd "$BATS_TEST_TMPDIR/work" || return 1
}
