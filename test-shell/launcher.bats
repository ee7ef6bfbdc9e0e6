#!/usr/bin/env bats
# The launcher as users run it: version/help, errors, symlinks, the start-up archive, install.

load helpers

setup() {
  ssokit_setup_home
}

@test "--version prints the bare version on stdout and nothing on stderr" {
  run --separate-stderr ssokit --version
  assert_success
  assert_output --regexp '^[0-9]+\.[0-9]+\.[0-9]+'
  [ -z "$stderr" ] || { echo "unexpected stderr: $stderr"; false; }
}

@test "--help documents the exit codes" {
  run --separate-stderr ssokit --help
  assert_success
  assert_output --partial 'Exit codes'
  assert_output --partial '70'
}

@test "an unknown command exits 2 with one line on stderr and empty stdout" {
  run --separate-stderr ssokit no-such-command
  [ "$status" -eq 2 ]
  [ -z "$output" ]
  [[ "$stderr" == "ssokit: "* ]]
}

@test "works through a symlink in ~/.local/bin" {
  mkdir -p "$HOME/.local/bin"
  ln -s "$SSOKIT_ROOT/shell/ssokit" "$HOME/.local/bin/ssokit"
  run --separate-stderr "$HOME/.local/bin/ssokit" --version
  assert_success
  # and through a relative symlink chain
  ln -s ssokit "$HOME/.local/bin/sk"
  run --separate-stderr "$HOME/.local/bin/sk" --version
  assert_success
}

@test "the start-up archive is created once, used, and regenerated when the jar changes" {
  cp "$SSOKIT_ROOT/target/ssokit.jar" "$BATS_TEST_TMPDIR/ssokit.jar"
  export SSOKIT_JAR="$BATS_TEST_TMPDIR/ssokit.jar"
  run --separate-stderr ssokit --version
  assert_success
  [[ "$stderr" == *"preparing the start-up archive"* ]]
  [ -f "$BATS_TEST_TMPDIR/ssokit.jsa" ]

  # second run: silent, and the classes really come from the archive
  SSOKIT_JAVA_OPTS="-Xlog:class+load=info:file=$BATS_TEST_TMPDIR/cl.txt" run --separate-stderr ssokit --version
  assert_success
  [ -z "$stderr" ]
  grep -q 'io.ssokit.Main source: shared objects file' "$BATS_TEST_TMPDIR/cl.txt"

  # a rebuilt jar makes the archive stale: it is regenerated, not silently ignored
  sleep 1
  touch "$SSOKIT_JAR"
  run --separate-stderr ssokit --version
  assert_success
  [[ "$stderr" == *"preparing the start-up archive"* ]]
  [ "$BATS_TEST_TMPDIR/ssokit.jsa" -nt "$SSOKIT_JAR" ]
}

@test "concurrent first runs all succeed while one of them builds the archive" {
  cp "$SSOKIT_ROOT/target/ssokit.jar" "$BATS_TEST_TMPDIR/ssokit.jar"
  export SSOKIT_JAR="$BATS_TEST_TMPDIR/ssokit.jar"
  for i in 1 2 3 4 5 6; do
    (ssokit --version >"$BATS_TEST_TMPDIR/out.$i" 2>/dev/null; echo $? >"$BATS_TEST_TMPDIR/rc.$i") &
  done
  wait
  for i in 1 2 3 4 5 6; do
    [ "$(cat "$BATS_TEST_TMPDIR/rc.$i")" = 0 ]
    grep -Eq '^[0-9]+\.' "$BATS_TEST_TMPDIR/out.$i"
  done
  [ ! -d "$BATS_TEST_TMPDIR/ssokit.jsa.lock" ]
}

@test "SSOKIT_CDS=0 runs without creating an archive" {
  cp "$SSOKIT_ROOT/target/ssokit.jar" "$BATS_TEST_TMPDIR/ssokit.jar"
  SSOKIT_CDS=0 SSOKIT_JAR="$BATS_TEST_TMPDIR/ssokit.jar" run --separate-stderr ssokit --version
  assert_success
  [ ! -f "$BATS_TEST_TMPDIR/ssokit.jsa" ]
}

@test "a missing JDK gives a clear message" {
  run --separate-stderr env -u JAVA_HOME PATH=/nonexistent /bin/sh "$SSOKIT_ROOT/shell/ssokit" --version
  [ "$status" -ne 0 ]
  [ -z "$output" ]
  [[ "$stderr" == *"no Java found"* ]]
}

@test "install.sh installs a working launcher under a prefix" {
  run --separate-stderr "$SSOKIT_ROOT/shell/install.sh" --prefix "$BATS_TEST_TMPDIR/prefix"
  assert_success
  [ -x "$BATS_TEST_TMPDIR/prefix/bin/ssokit" ]
  [ -f "$BATS_TEST_TMPDIR/prefix/lib/ssokit/ssokit.jar" ]
  [ -f "$BATS_TEST_TMPDIR/prefix/lib/ssokit/ssokit.jsa" ]
  run --separate-stderr "$BATS_TEST_TMPDIR/prefix/bin/ssokit" --version
  assert_success
  [ -z "$stderr" ]
}

@test "the launcher passes shellcheck" {
  require_tool shellcheck
  run shellcheck -s sh "$SSOKIT_ROOT/shell/ssokit" "$SSOKIT_ROOT/shell/install.sh"
  assert_success
}
