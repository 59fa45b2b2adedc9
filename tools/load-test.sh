#!/usr/bin/env bash
# Load test, all in one run: starts the Release build of the service on loopback and runs wrk against
# /health/live (the framework's floor), /v1/analyze and /v1/rewrite (with questions, embedded engines),
# reporting throughput (and its ratio to the floor), latency percentiles, errors, start-up-to-ready time and
# the process's memory. Then it restarts the service with the reading cache turned off, so every message
# costs what a message the service has never seen costs, and measures analyze and rewrite again.
# Needs wrk (apt-get install -y wrk). Only ever targets 127.0.0.1.
#   tools/load-test.sh [seconds per run, default 30] [connections, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
connections="${2:-8}"
port=5123
url="http://127.0.0.1:$port"
pid=

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
dotnet build src/CoachService.Api -c Release -nologo -v quiet >/dev/null
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT

# start_service [VAR=value...]: starts the service and waits until /health/ready answers.
start_service() {
  # Per-client limits are for real clients; this one client is the load generator.
  env Coach__Clients__PermitsPerMinute=1000000 Coach__Clients__QueueLimit=10000 "$@" \
    dotnet src/CoachService.Api/bin/Release/net10.0/CoachService.Api.dll --urls "$url" >/tmp/coach-load.log 2>&1 &
  pid=$!
  local start
  start=$(date +%s.%N)
  until curl -sf "$url/health/ready" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the service did not start; see /tmp/coach-load.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "ready $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.2f') s after start; memory $(rss)"
}

stop_service() { kill $pid; wait $pid 2>/dev/null || true; pid=; }

rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }

# run NAME METHOD PATH [RATE]: one wrk run; prints its figures and leaves requests/s in $rps.
run() {
  local name=$1 method=$2 path=$3 rate=${4:-} c=$connections script=() pacing=() out
  [ "$method" = POST ] && script=(-s tools/load-messages.lua)
  if [ -n "$rate" ]; then c=4; pacing=(-- "$rate" "$c"); fi
  out=$(wrk -t2 -c"$c" -d"${seconds}s" --latency "${script[@]}" "$url$path" "${pacing[@]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  printf '%-44s %9.0f req/s  p50 %-9s p90 %-9s p99 %-9s errors: %s\n' "$name" "$rps" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="90%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "${errors:-none}"
}

echo "== cache on (the service as deployed); ${seconds}s a run, 2 wrk threads, $connections connections unless paced"
start_service
wrk -t2 -c"$connections" -d5s -s tools/load-messages.lua "$url/v1/rewrite" >/dev/null  # warm-up: JIT, caches
echo "memory after warm-up $(rss)"
run "GET /health/live (floor)" GET /health/live; floor=$rps
run "POST /v1/analyze" POST /v1/analyze; echo "  analyze / floor = $(echo "scale=3; $rps / $floor" | bc)"
run "POST /v1/rewrite" POST /v1/rewrite; echo "  rewrite / floor = $(echo "scale=3; $rps / $floor" | bc)"
run "POST /v1/rewrite paced at 100/s (4 conns)" POST /v1/rewrite 100
echo "memory after the runs $(rss)"
stop_service
echo

echo "== cache off (Coach__ReadingCacheSize=0: every message is read as if never seen)"
start_service Coach__ReadingCacheSize=0
wrk -t2 -c"$connections" -d5s -s tools/load-messages.lua "$url/v1/rewrite" >/dev/null
run "POST /v1/analyze" POST /v1/analyze; echo "  analyze / floor = $(echo "scale=3; $rps / $floor" | bc)"
run "POST /v1/rewrite paced at 100/s (4 conns)" POST /v1/rewrite 100
run "POST /v1/rewrite" POST /v1/rewrite
echo "memory after the runs $(rss)"
stop_service
