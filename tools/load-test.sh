#!/usr/bin/env bash
# Load test: starts the Release build of the service on loopback and runs wrk against /health/live (the
# framework's floor), /v1/analyze and /v1/rewrite, reporting throughput, latency percentiles, errors and the
# process's memory before and after. Needs wrk (apt-get install -y wrk). Only ever targets 127.0.0.1.
#   tools/load-test.sh [seconds per endpoint, default 60] [connections, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
connections="${2:-8}"
port=5123
url="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
dotnet build src/CoachService.Api -c Release -nologo -v quiet >/dev/null

# Per-client limits are for real clients; this one client is the load generator.
Coach__Clients__PermitsPerMinute=1000000 Coach__Clients__QueueLimit=10000 \
  dotnet src/CoachService.Api/bin/Release/net10.0/CoachService.Api.dll --urls "$url" >/tmp/coach-load.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -sf "$url/health/ready" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "the service did not start; see /tmp/coach-load.log" >&2; exit 1; }
  sleep 0.1
done
ready=$(echo "$(date +%s.%N) - $start" | bc)
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }

echo "ready after ${ready}s; memory at start $(rss)"
# Warm-up, so JIT and caches are not measured.
wrk -t2 -c"$connections" -d5s -s tools/load-messages.lua "$url/v1/rewrite" >/dev/null
echo "memory after warm-up $(rss)"
echo

for target in "GET /health/live" "POST /v1/analyze" "POST /v1/rewrite"; do
  method=${target%% *}
  path=${target#* }
  script=()
  [ "$method" = POST ] && script=(-s tools/load-messages.lua)
  echo "== $target: ${seconds}s, $connections connections, 2 threads"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "${script[@]}" "$url$path" \
    | grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|75|90|99)%|Latency  "
  echo "memory $(rss)"
  echo
done
