#!/usr/bin/env bats
# Role chains as users meet them: an ADFS-style profile with static temporary keys and a role
# profile on top of it, switched to with `ssokit use --env` in real bash; assume-role into the
# shell. The real launcher, a fake HOME, the sandbox's STS, the AWS CLI v2 as the judge.

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
  # what an ADFS/SAML tool leaves behind: temporary keys in the credentials file, written here by
  # export-credentials -c from an Identity Center session
  ssokit export-credentials --profile dev -c product-prod-admin
  printf '\n[profile product-prod-web-deploy]\nrole_arn = arn:aws:iam::333333333333:role/web-deploy\nsource_profile = product-prod-admin\nregion = eu-west-2\n' \
    >>"$HOME/.aws/config"
}

@test "ADFS-style: use --env product-prod-web-deploy assumes the role from product-prod-admin's static keys" {
  in_shell 'ssokit use --env product-prod-web-deploy || exit 1
"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --query Arn --output text || exit 1
printf "%s|%s|%s|%s|%s\n" "$AWS_PROFILE" "$SSOKIT_ACCOUNT_ID" "$SSOKIT_ROLE_NAME" "$AWS_REGION" "${SSOKIT_START_URL-none}"
first=$AWS_ACCESS_KEY_ID
ssokit use --env product-prod-web-deploy || exit 1
[ "$first" = "$AWS_ACCESS_KEY_ID" ] && echo reused'
  assert_success
  assert_line --index 0 --regexp '^arn:aws:sts::333333333333:assumed-role/web-deploy/botocore-session-[0-9]+$'
  assert_line --index 1 'product-prod-web-deploy|333333333333|web-deploy|eu-west-2|none'
  assert_line --index 2 reused
  no_stderr
}

@test "the static profile itself exports its keys" {
  in_shell 'ssokit use --env product-prod-admin || exit 1
"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --region us-east-1 --query Account --output text
printf "%s|%s\n" "$AWS_PROFILE" "${SSOKIT_ROLE_NAME-none}"'
  assert_success
  assert_output "$(printf '111111111111\nproduct-prod-admin|none')"
  no_stderr
}

@test "a broken chain is refused and changes nothing" {
  printf '\n[profile loop1]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop2\n[profile loop2]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = loop1\n' \
    >>"$HOME/.aws/config"
  export AWS_ACCESS_KEY_ID=before
  in_shell 'ssokit use --env loop1; echo "status=$? key=$AWS_ACCESS_KEY_ID"'
  assert_output 'status=2 key=before'
  [[ "$stderr" == *"loops: loop1 -> loop2 -> loop1"* ]]
}

@test "assume-role replaces 'aws sts assume-role | jq': eval it, the CLI sees the role, unset clears it" {
  in_shell 'eval "$(ssokit assume-role --role-arn arn:aws:iam::222222222222:role/Deployer --profile dev --role-session-name me)" || exit 1
"$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --query Arn --output text
printf "[%s] %s\n" "${AWS_PROFILE-}" "$SSOKIT_ROLE_NAME"
eval "$(ssokit unset)"
printf "[%s]\n" "${AWS_ACCESS_KEY_ID-}"'
  assert_success
  assert_output "$(printf 'arn:aws:sts::222222222222:assumed-role/Deployer/me\n[] Deployer\n[]')"
  no_stderr
}

@test "assume-role --exec runs the command with the role" {
  run --separate-stderr ssokit assume-role --role-arn arn:aws:iam::222222222222:role/Deployer --profile dev --exec \
    "$AWS_CLI" sts get-caller-identity --endpoint-url "$SANDBOX_URL" --query Arn --output text
  assert_success
  assert_output --regexp '^arn:aws:sts::222222222222:assumed-role/Deployer/botocore-session-[0-9]+$'
}
