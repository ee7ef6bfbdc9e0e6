#!/usr/bin/env bash
# Times ssokit's hot paths through the launcher, as users run them, next to a JVM hello world
# with the launcher's flags and next to the AWS CLI v2 doing the same job. A benchmark, not a
# test: it prints medians and ratios and exits 0 whether or not the targets are met.
#
#   test-shell/bench/hot-path.sh [-n RUNS] [--hyperfine] [CASE ...]
#
#   -n RUNS       timed runs per case (default 20, env BENCH_RUNS), after 2 warm-up runs each
#   --hyperfine   also run hyperfine over the same commands (if installed); its runs are not
#                 interleaved, so the medians above are the figures to quote
#   CASE ...      only these cases (default: all); 'hello' is always included as the baseline
#
# Expects 'mvn package' to have been run (it builds nothing but a Hello.class). Needs java and
# javac, curl (for the sandbox's stats); the AWS CLI v2 for the 'aws' case (skipped when absent). Everything happens in a
# temporary HOME with a sandbox on a free port, which are removed at the end.
#
# Runs are interleaved (one of each case per round, the order rotating every round) because this
# kind of machine is noisy: a slow minute then hits every case alike.
#
# The shell integration is measured too: 'env' on the cache hit, 'shell-init' (the one Java start
# of eval "$(ssokit shell init bash)"), and sourcing the init script in bash, zsh and fish.
#
# Adding a case (e.g. completion, populate): write the command into CMD[name] with
# add_case below, after any setup it needs in setup_profiles; if its speed should be judged
# against a baseline, add a line to report_ratios.
set -euo pipefail

here=$(cd -P -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
launcher=$root/shell/ssokit
jar=$root/target/ssokit.jar

runs=${BENCH_RUNS:-20}
use_hyperfine=0
only=()
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    --hyperfine) use_hyperfine=1; shift ;;
    -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "hot-path.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done
case $runs in '' | *[!0-9]* | 0) echo "hot-path.sh: -n needs a positive number" >&2; exit 2 ;; esac

die() {
  echo "hot-path.sh: $*" >&2
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
command -v curl >/dev/null || die "curl not found (used to read the sandbox's stats)"
if [ -z "${EPOCHREALTIME:-}" ]; then
  die "bash 5 or newer is needed (EPOCHREALTIME)"
fi

# The AWS CLI v2 (an 'aws' on PATH may be a v1, which has no 'configure export-credentials').
aws=
for c in $(type -ap aws) /usr/bin/aws /usr/local/bin/aws; do
  if [ -x "$c" ] && "$c" --version 2>&1 | grep -q '^aws-cli/2'; then
    aws=$c
    break
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ssokit-bench.XXXXXX")
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A clean environment for every case: a throw-away HOME, no AWS settings from the caller.
export HOME=$work/home
mkdir -p "$HOME"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE \
  AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL \
  AWS_SSO_START_URL AWS_SSO_REGION AWS_SSO_ACCOUNT_ID AWS_SSO_ROLE_NAME \
  AWS_SSO_CREDENTIAL_PROCESS_DEBUG SSOKIT_CREDENTIAL_REFRESH_MARGIN

start_url=https://sandbox.awsapps.com/start # the sandbox's default organisation
region=us-east-1

start_sandbox() {
  "$java" -jar "$jar" sandbox serve --port 0 --auto-approve >"$work/sandbox.out" 2>"$work/sandbox.err" &
  sandbox_pid=$!
  local _
  for _ in $(seq 300); do
    if [ -s "$work/sandbox.out" ]; then
      IFS= read -r endpoint <"$work/sandbox.out"
      return 0
    fi
    kill -0 "$sandbox_pid" 2>/dev/null || die "the sandbox did not start: $(cat "$work/sandbox.err")"
    sleep 0.1
  done
  die "the sandbox printed no endpoint within 30 s"
}

# A signed-in user: ssokit login with the device code, which the sandbox approves at once.
sign_in() {
  AWS_ENDPOINT_URL=$endpoint "$launcher" login --profile bench --headless >/dev/null 2>"$work/login.err" ||
    die "ssokit login failed: $(cat "$work/login.err")"
}

setup_profiles() {
  mkdir -p "$HOME/.aws"
  cat >"$HOME/.aws/config" <<EOF
[profile bench]
sso_start_url = $start_url
sso_region = $region
sso_account_id = 111111111111
sso_role_name = Developer
region = $region
EOF
}

get_role_credentials_calls() {
  curl -sf "$endpoint/_sandbox/stats" | sed -n 's/.*"sso:GetRoleCredentials":\([0-9]*\).*/\1/p'
}

# --- cases -------------------------------------------------------------------------------------
declare -a cases=()
declare -A CMD=()
add_case() { # NAME WORD... (one command, quoted word by word so paths with spaces survive)
  local name=$1 q=
  shift
  printf -v q '%q ' "$@"
  cases+=("$name")
  CMD[$name]=${q% }
}

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$work/hello/Hello.java"
"$javac" -d "$work/hello" "$work/hello/Hello.java"

# the baseline: the launcher's JVM flags, the JDK's default class-data archive
add_case hello "$java" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$work/hello" Hello
# --version is answered before picocli; --help builds the whole command tree
add_case version "$launcher" --version
add_case help "$launcher" --help
add_case credential-process "$launcher" credential-process --profile bench
# the shell integration: what 'ssokit use --env' and eval "$(ssokit env ...)" run, on the same cache hit
add_case env "$launcher" env --profile bench --shell bash
add_case shell-init "$launcher" shell init bash
if [ -n "$aws" ]; then
  add_case aws "$aws" configure export-credentials --profile bench --format process
else
  echo "hot-path.sh: no AWS CLI v2 found; the 'aws' case is skipped" >&2
fi

if [ ${#only[@]} -gt 0 ]; then
  selected=(hello)
  for c in "${only[@]}"; do
    [ -n "${CMD[$c]:-}" ] || die "no case '$c' (cases: ${cases[*]})"
    [ "$c" = hello ] || selected+=("$c")
  done
  cases=("${selected[@]}")
fi

# --- setup -------------------------------------------------------------------------------------
echo "hot-path.sh: setting up a sandbox, a signed-in token and warm caches in $work" >&2
start_sandbox
setup_profiles
# the launcher's start-up archive (made once per build), a token, the role-credential cache
"$launcher" --version >/dev/null 2>&1 || die "the launcher does not run: $launcher --version"
sign_in
AWS_ENDPOINT_URL=$endpoint "$launcher" credential-process --profile bench >/dev/null ||
  die "credential-process could not fetch the role credentials from the sandbox"
calls=$(get_role_credentials_calls)
for c in "${cases[@]}"; do
  eval "${CMD[$c]}" >/dev/null 2>"$work/case.err" || die "case '$c' fails: ${CMD[$c]}: $(cat "$work/case.err")"
done
[ "$(get_role_credentials_calls)" = "$calls" ] ||
  die "a case called GetRoleCredentials: the caches are not warm, the comparison would be unfair"

# --- timing ------------------------------------------------------------------------------------
now_us() {
  local t=${EPOCHREALTIME/[.,]/}
  printf '%s' "$t"
}

for c in "${cases[@]}"; do : >"$work/times.$c"; done
n=${#cases[@]}
echo "hot-path.sh: $runs interleaved runs of ${cases[*]} (plus 2 warm-up rounds)" >&2
for ((round = -2; round < runs; round++)); do
  for ((k = 0; k < n; k++)); do
    c=${cases[$(((k + round + 2) % n))]}
    t0=$(now_us)
    eval "${CMD[$c]}" >/dev/null 2>&1 || die "case '$c' failed in round $round"
    t1=$(now_us)
    if [ "$round" -ge 0 ]; then
      echo $(((t1 - t0) / 10)) >>"$work/times.$c" # hundredths of a millisecond
    fi
  done
done

# median, min, max in milliseconds with two decimals
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

ratio() { # A B TARGET-TEXT: prints A/B
  local a=${MEDIAN[$1]:-} b=${MEDIAN[$2]:-}
  if [ -n "$a" ] && [ -n "$b" ]; then
    awk -v a="$a" -v b="$b" -v l="$1 / $2" -v t="$3" 'BEGIN { printf "%-34s %6.2f   %s\n", l, a / b, t }'
  fi
}

report_ratios() {
  echo
  ratio credential-process hello "(target: at most 1.6)"
  ratio env hello "(same fast path as credential-process)"
  ratio env credential-process ""
  ratio version hello ""
  ratio help hello "(the full picocli start every other command pays)"
  ratio aws credential-process "(target: at least 8)"
}
report_ratios

# Sourcing the shell integration (no Java at all): 200 loads in one shell process minus the same
# loop without them, best of three, per load. Target: well under 50 ms.
init_sourcing() {
  local sh with without t0 t1 t2 t3 v best
  echo
  printf '%-22s %12s\n' "init script" ms_per_source
  for sh in bash zsh fish; do
    if ! command -v "$sh" >/dev/null; then
      printf '%-22s %12s\n' "$sh" "(not installed)"
      continue
    fi
    "$launcher" shell init "$sh" >"$work/init.$sh"
    if [ "$sh" = fish ]; then
      with="for i in (seq 200); source $work/init.fish; end"
      without="for i in (seq 200); end"
    else
      with="i=0; while [ \$i -lt 200 ]; do . $work/init.$sh; i=\$((i+1)); done"
      without="i=0; while [ \$i -lt 200 ]; do i=\$((i+1)); done"
    fi
    best=
    for _ in 1 2 3; do
      t0=$(now_us)
      "$sh" -c "$with"
      t1=$(now_us)
      t2=$(now_us)
      "$sh" -c "$without"
      t3=$(now_us)
      v=$(awk -v a=$((t1 - t0)) -v b=$((t3 - t2)) 'BEGIN { d = (a - b) / 200 / 1000; if (d < 0) d = 0; printf "%.3f", d }')
      best=$(awk -v a="$v" -v b="${best:-$v}" 'BEGIN { print (a < b) ? a : b }')
    done
    printf '%-22s %12s\n' "$sh" "$best"
  done
}
init_sourcing

if [ "$use_hyperfine" = 1 ]; then
  if command -v hyperfine >/dev/null; then
    echo
    hf=()
    for c in "${cases[@]}"; do hf+=(-n "$c" "${CMD[$c]}"); done
    hyperfine -N --warmup 3 --runs "$runs" "${hf[@]}"
  else
    echo "hot-path.sh: hyperfine is not installed; skipped" >&2
  fi
fi
