#!/usr/bin/env bats
# Completion as users get it: the launcher prints the committed scripts, install.sh puts them where
# each shell looks, and a TAB answers from the AWS config without starting the JVM.

load helpers

setup() {
  ssokit_setup_home
  mkdir -p "$HOME/.aws"
  printf "[profile dev]\n[profile 'dev space']\n[default]\n" >"$HOME/.aws/config"
}

@test "ssokit completion SHELL prints the committed script of each shell" {
  for pair in bash:ssokit.bash zsh:_ssokit fish:ssokit.fish powershell:ssokit.ps1; do
    run --separate-stderr ssokit completion "${pair%%:*}"
    assert_success
    [ -z "$stderr" ] || { echo "stderr: $stderr"; false; }
    diff <(printf '%s\n' "$output") "$SSOKIT_ROOT/completions/${pair#*:}"
  done
}

@test "an unknown shell is a usage error with empty stdout" {
  run --separate-stderr ssokit completion tcsh
  [ "$status" -eq 2 ]
  [ -z "$output" ]
  [[ "$stderr" == "ssokit: no completion for shell 'tcsh'"* ]]
}

@test "bash: the loaded script completes subcommands and profiles without the JVM" {
  # a launcher that fails loudly if TAB ever runs it
  mkdir -p "$BATS_TEST_TMPDIR/bin"
  printf '#!/bin/sh\necho "the JVM was started" >&2\nexit 99\n' >"$BATS_TEST_TMPDIR/bin/ssokit"
  chmod +x "$BATS_TEST_TMPDIR/bin/ssokit"
  run --separate-stderr env PATH="$BATS_TEST_TMPDIR/bin:$PATH" bash --noprofile --norc -u -c '
    source "$1"
    COMP_WORDS=(ssokit rol) COMP_CWORD=1 COMP_LINE="ssokit rol" COMP_POINT=10; _ssokit; echo "${COMPREPLY[*]}"
    COMP_WORDS=(ssokit roles --profile dev) COMP_CWORD=3 COMP_LINE="ssokit roles --profile dev" COMP_POINT=26
    _ssokit; printf "%s|" "${COMPREPLY[@]}"' bash "$SSOKIT_ROOT/completions/ssokit.bash"
  assert_success
  [ -z "$stderr" ] || { echo "stderr: $stderr"; false; }
  assert_output $'roles\ndev|dev\\ space|'
}

@test "install.sh installs every script where its shell looks" {
  run --separate-stderr "$SSOKIT_ROOT/shell/install.sh" --prefix "$BATS_TEST_TMPDIR/prefix"
  assert_success
  cmp "$SSOKIT_ROOT/completions/ssokit.bash" "$BATS_TEST_TMPDIR/prefix/share/bash-completion/completions/ssokit"
  cmp "$SSOKIT_ROOT/completions/_ssokit" "$BATS_TEST_TMPDIR/prefix/share/zsh/site-functions/_ssokit"
  cmp "$SSOKIT_ROOT/completions/ssokit.fish" "$BATS_TEST_TMPDIR/prefix/share/fish/vendor_completions.d/ssokit.fish"
  cmp "$SSOKIT_ROOT/completions/ssokit.ps1" "$BATS_TEST_TMPDIR/prefix/share/ssokit/ssokit.ps1"
}
