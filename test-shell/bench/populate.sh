#!/usr/bin/env bash
# Times `ssokit configure populate` against a large organisation in the sandbox: by default 1,000
# accounts with 3 roles each, every request delayed 30 ms and the API throttled to 100 requests/s
# (refused requests get TooManyRequestsException). A benchmark, not a test: it prints the figures
# and exits 0 whether or not they please; it exits non-zero only when a populate run fails.
#
#   test-shell/bench/populate.sh [--accounts N] [--roles M] [--latency MS] [--throttle RPS] [--concurrency C]
#
# Three runs through the launcher, as users run them, in a temporary HOME:
#   1. first populate (-r us-east-1 -r eu-west-1): every profile is new (2 x N x M profiles)
#   2. the same again: every profile unchanged, the file not rewritten
#   3. --prune after the org lost nothing: same listing, nothing removed
# For each: wall time, portal calls and throttled requests (from the sandbox's counters), and the
# sequential lower bound, calls x latency: what one call at a time would need for latency alone.
# The throttle's own floor is calls / RPS.
#
# Expects 'mvn package' to have been run. Needs curl.
set -euo pipefail

here=$(cd -P -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
launcher=$root/shell/ssokit

accounts=1000 roles=3 latency=30 throttle=100 concurrency=
while [ $# -gt 0 ]; do
  case $1 in
    --accounts) accounts=$2; shift 2 ;;
    --roles) roles=$2; shift 2 ;;
    --latency) latency=$2; shift 2 ;;
    --throttle) throttle=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "populate.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$root/target/ssokit.jar" ] || { echo "populate.sh: build first (mvn package)" >&2; exit 1; }
command -v curl >/dev/null || { echo "populate.sh: curl is needed" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ssokit-bench-populate.XXXXXX")
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export HOME=$work/home
mkdir -p "$HOME"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_DEFAULT_REGION \
  AWS_CONFIGURE_DEFAULT_REGION SSOKIT_CANDIDATE_INDEX
export AWS_SSO_DISABLE_BROWSER=1

"$launcher" sandbox serve --port 0 --auto-approve --accounts "$accounts" --roles-per-account "$roles" \
  --latency "$latency" --throttle "$throttle" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 300); do [ -s "$work/sandbox.out" ] && break; sleep 0.1; done
[ -s "$work/sandbox.out" ] || { echo "populate.sh: the sandbox did not start: $(cat "$work/sandbox.err")" >&2; exit 1; }
export AWS_ENDPOINT_URL=$(head -n 1 "$work/sandbox.out")
url=https://sandbox.awsapps.com/start
"$launcher" login "$url" us-east-1 </dev/null 2>"$work/login.err" || { cat "$work/login.err" >&2; exit 1; }

stats() { curl -fsS "$AWS_ENDPOINT_URL/_sandbox/stats"; }
stat() { # operation name -> requests answered (throttled ones included) since the last reset
  stats | grep -o "\"$1\":[0-9]*" | head -n 1 | sed 's/.*://' | grep . || echo 0
}
throttled() { stats | grep -o '"throttled":[0-9]*' | sed 's/.*://'; }
reset() { curl -fsS -X POST "$AWS_ENDPOINT_URL/_sandbox/stats/reset" >/dev/null; }

printf 'sandbox: %d accounts x %d roles, latency %d ms, throttle %s req/s; regions us-east-1, eu-west-1\n' \
  "$accounts" "$roles" "$latency" "$throttle"
printf '%-34s %8s %7s %10s %11s %12s %s\n' run 'wall s' calls throttled 'seq. bound' 'throttle fl.' result
one() { # label, populate arguments...
  local label=$1 start end la lr calls th secs
  shift
  reset
  start=$(date +%s.%N)
  "$launcher" configure populate -u "$url" --sso-region us-east-1 -r us-east-1 -r eu-west-1 \
    ${concurrency:+--concurrency "$concurrency"} "$@" >"$work/out" 2>"$work/err" || {
    echo "populate.sh: '$label' failed:" >&2; cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  la=$(stat sso:ListAccounts); lr=$(stat sso:ListAccountRoles); th=$(throttled)
  calls=$((la + lr))
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  printf '%-34s %8s %7d %10d %10.1fs %11.1fs %s\n' "$label" "$secs" "$((calls - th))" "$th" \
    "$(awk -v c="$((calls - th))" -v l="$latency" 'BEGIN { print c * l / 1000 }')" \
    "$(awk -v c="$((calls - th))" -v r="$throttle" 'BEGIN { print (r > 0 ? c / r : 0) }')" \
    "$(grep -o '([0-9]* added.*removed)' "$work/err" | head -n 1)"
}
one "first populate"
size=$(wc -c <"$HOME/.aws/config")
one "again (all unchanged)"
one "again with --prune"
printf 'config file: %d profiles, %d bytes\n' "$(grep -c '^\[profile ' "$HOME/.aws/config")" "$size"
