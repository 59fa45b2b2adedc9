#!/usr/bin/env bash
# The red team's rate-limit bypass, repeated: a random X-Api-Key on every request for 60 s (wrk, 2 threads, 8
# connections) against the Release build with its default limits (keys off, 120 requests a minute). With the
# header ignored, the one address gets its 120 at once plus one every 0.5 s, and everything else is 429.
# Reports the count of each status and the process's memory before and after. Only ever targets 127.0.0.1.
#   tools/random-key-check.sh [seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
port=5124
url="http://127.0.0.1:$port"
pid=

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
dotnet build src/CoachService.Api -c Release -nologo -v quiet >/dev/null
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }

dotnet src/CoachService.Api/bin/Release/net10.0/CoachService.Api.dll --urls "$url" >/tmp/coach-random-keys.log 2>&1 &
pid=$!
until curl -sf "$url/health/ready" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "the service did not start; see /tmp/coach-random-keys.log" >&2; exit 1; }
  sleep 0.05
done
echo "ready; memory $(rss)"
start=$(date +%s.%N)
wrk -t2 -c8 -d"${seconds}s" -s tools/random-keys.lua "$url/v1/analyze" | grep -E "Requests/sec|requests in|status"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
echo "elapsed $(printf '%.1f' "$elapsed") s; expected 200s: 120 + $(printf '%.0f' "$(echo "$elapsed * 2" | bc)") (one every 0.5 s)"
echo "memory after $(rss)"
kill $pid; wait $pid 2>/dev/null || true; pid=
