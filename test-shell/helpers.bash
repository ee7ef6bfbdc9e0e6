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
