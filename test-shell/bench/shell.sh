#!/usr/bin/env bash
# Times the shell integration's paths through the launcher, as users run them, next to a JVM
# hello world with the launcher's flags: `ssokit env` on a warm role-credential cache,
# `ssokit unset`, `ssokit shell init`, and sourcing the init script in bash, zsh and fish. A
# benchmark, not a test: it prints medians and ratios and exits 0 whether or not targets are met.
#
#   test-shell/bench/shell.sh [-n RUNS]
#
#   -n RUNS   timed runs per case (default 20, env BENCH_RUNS), after 2 warm-up runs each
#
# Expects 'mvn package' to have been run. Needs java, javac and bash 5 (EPOCHREALTIME); zsh and
# fish are timed when installed. Everything happens in a temporary HOME whose role-credential
# cache is seeded (a cache hit needs no sandbox and no sign-in); it is removed at the end. Runs
# are interleaved (one of each case per round) so that a slow minute hits every case alike.
set -euo pipefail

here=$(cd -P -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
launcher=$root/shell/ssokit
jar=$root/target/ssokit.jar

runs=${BENCH_RUNS:-20}
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "shell.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $runs in '' | *[!0-9]* | 0) echo "shell.sh: -n needs a positive number" >&2; exit 2 ;; esac

die() {
  echo "shell.sh: $*" >&2
  exit 1
}

[ -f "$jar" ] || die "no $jar: run 'mvn -B package -DskipTests' first"
java=java
javac=javac
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java=$JAVA_HOME/bin/java
  javac=$JAVA_HOME/bin/javac
fi
command -v "$javac" >/dev/null || die "javac not found (the hello-world baseline is compiled with it)"
[ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or newer is needed (EPOCHREALTIME)"

work=$(mktemp -d "${TMPDIR:-/tmp}/ssokit-bench-shell.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
trap 'exit 130' INT TERM

export HOME=$work/home
mkdir -p "$HOME/.aws/cli/cache"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_REGION AWS_DEFAULT_REGION \
  AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL SSOKIT_REGION

start_url=https://bench.awsapps.com/start
cat >"$HOME/.aws/config" <<CONFIG
[profile bench]
sso_start_url = $start_url
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = Developer
region = us-east-1
CONFIG
# botocore's cache key: SHA-1 of the compact, key-sorted JSON of the role
key=$(printf '{"accountId":"111111111111","roleName":"Developer","startUrl":"%s"}' "$start_url" | sha1sum | cut -c1-40)
expires=$(date -u -d '+10 hours' +%Y-%m-%dT%H:%M:%SZ)
printf '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIABENCH", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "%s"}}' \
  "$expires" >"$HOME/.aws/cli/cache/$key.json"
chmod 600 "$HOME/.aws/cli/cache/$key.json"

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
"$javac" -d "$work/hello" "$work/hello/Hello.java"

declare -a cases=()
declare -A CMD=()
add_case() { # NAME WORD...
  local name=$1 q=
  shift
  printf -v q '%q ' "$@"
  cases+=("$name")
  CMD[$name]=${q% }
}

add_case hello "$java" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$work/hello" Hello
add_case env "$launcher" env --profile bench --shell bash
add_case unset "$launcher" unset --shell bash
add_case shell-init "$launcher" shell init bash

"$launcher" --version >/dev/null 2>&1 || die "the launcher does not run"
for c in "${cases[@]}"; do
  eval "${CMD[$c]}" >/dev/null 2>"$work/case.err" || die "case '$c' fails: $(cat "$work/case.err")"
done
"$launcher" env --profile bench --shell bash | grep -q "ASIABENCH" || die "env did not take the cache hit"

now_us() {
  local t=${EPOCHREALTIME/[.,]/}
  printf '%s' "$t"
}

for c in "${cases[@]}"; do : >"$work/times.$c"; done
n=${#cases[@]}
echo "shell.sh: $runs interleaved runs of ${cases[*]} (plus 2 warm-up rounds)" >&2
for ((round = -2; round < runs; round++)); do
  for ((k = 0; k < n; k++)); do
    c=${cases[$(((k + round + 2) % n))]}
    t0=$(now_us)
    eval "${CMD[$c]}" >/dev/null 2>&1 || die "case '$c' failed in round $round"
    t1=$(now_us)
    if [ "$round" -ge 0 ]; then
      echo $(((t1 - t0) / 10)) >>"$work/times.$c"
    fi
  done
done

stats() {
  sort -n "$1" | awk '{ v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.2f %.2f %.2f\n", m / 100, v[1] / 100, v[NR] / 100
    }'
}

declare -A MEDIAN=()
printf '\n%-22s %10s %10s %10s   %s\n' case median_ms min_ms max_ms command
for c in "${cases[@]}"; do
  read -r med min max < <(stats "$work/times.$c")
  MEDIAN[$c]=$med
  printf '%-22s %10s %10s %10s   %s\n' "$c" "$med" "$min" "$max" "${CMD[$c]}"
done

echo
for c in env unset shell-init; do
  awk -v a="${MEDIAN[$c]}" -v b="${MEDIAN[hello]}" -v l="$c / hello" 'BEGIN { printf "%-34s %6.2f\n", l, a / b }'
done

# Sourcing the init script: 200 loads in one shell process, minus the same loop without them,
# so the shell's own start-up is not counted. Target: well under 50 ms per load.
"$launcher" shell init bash >"$work/init.bash"
"$launcher" shell init zsh >"$work/init.zsh"
"$launcher" shell init fish >"$work/init.fish"
per_source() { # SHELL LOOP-WITH LOOP-WITHOUT
  local t0 t1 t2 t3
  t0=$(now_us)
  "$1" -c "$2"
  t1=$(now_us)
  t2=$(now_us)
  "$1" -c "$3"
  t3=$(now_us)
  awk -v a=$((t1 - t0)) -v b=$((t3 - t2)) 'BEGIN { d = (a - b) / 200 / 1000; if (d < 0) d = 0; printf "%.3f", d }'
}
echo
printf '%-22s %12s\n' shell ms_per_source
for sh in bash zsh fish; do
  command -v "$sh" >/dev/null || { printf '%-22s %12s\n' "$sh" "(not installed)"; continue; }
  if [ "$sh" = fish ]; then
    with="for i in (seq 200); source $work/init.fish; end"
    without="for i in (seq 200); end"
  else
    with="i=0; while [ \$i -lt 200 ]; do . $work/init.$sh; i=\$((i+1)); done"
    without="i=0; while [ \$i -lt 200 ]; do i=\$((i+1)); done"
  fi
  best=
  for _ in 1 2 3; do
    v=$(per_source "$sh" "$with" "$without")
    best=$(awk -v a="$v" -v b="${best:-$v}" 'BEGIN { print (a < b) ? a : b }')
  done
  printf '%-22s %12s\n' "$sh" "$best"
done
