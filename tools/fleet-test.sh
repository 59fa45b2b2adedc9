#!/usr/bin/env bash
# Fleet check, all on loopback: publishes the API once (Release, as the Dockerfile does), starts Redis, two replicas
# sharing it (ConnectionStrings__Redis, one Coach__Fleet__Salt) and nginx in front (deploy/nginx/fleet.conf), then
# checks and prints PASS/FAIL for:
#   a) the per-client rate limit is one budget across the replicas (429 after the configured total);
#   b) stopping one replica under load loses no request (nginx retries it on the other);
#   c) a replica that is not ready gets no traffic (it starts listening only once ready; nginx skips a stopped one);
#   d) stopping Redis under load fails no request (each replica falls back to its own limits and cache).
# and the throughput through nginx with one replica and with two (wrk, cached and distinct messages).
# Ends with "fleet: N passed, N failed"; exits 1 when any check failed. Cleans up every process it started.
# Needs redis-server, nginx, wrk and curl (apt-get install -y redis-server nginx wrk curl).
#   tools/fleet-test.sh [seconds per throughput run, default 10]
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds="${1:-10}"
nginx_both=5310 nginx_one=5309 ports=(5311 5312) redis_port=6390
work=$(mktemp -d /tmp/coach-fleet.XXXXXX)
declare -A replica_pid=()
redis_pid= nginx_pid=
passed=0 failed=0

cleanup() {
  for i in "${!replica_pid[@]}"; do kill "${replica_pid[$i]}" 2>/dev/null; done
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null
  wait 2>/dev/null
  if [ "${FLEET_KEEP:-0}" = 1 ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check() { # check NAME OK(0|1) DETAIL
  if [ "$2" = 1 ]; then echo "PASS $1: $3"; passed=$((passed + 1)); else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}

summary() { echo "fleet: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; }

for tool in redis-server nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed: apt-get install -y redis-server nginx wrk curl" >&2; failed=1; summary; exit 1; }
done
for port in $nginx_both $nginx_one "${ports[@]}" $redis_port; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; failed=1; summary; exit 1; fi
done

echo "== publishing the API (Release) into $work/app"
dotnet publish src/CoachService.Api -c Release -o "$work/app" -nologo -v quiet >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; failed=1; summary; exit 1; }

start_redis() {
  redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!
  local tries=0
  until [ "$(redis-cli -p $redis_port ping 2>/dev/null)" = PONG ]; do
    tries=$((tries + 1)); [ $tries -gt 200 ] && { echo "redis-server did not answer in 10 s; see $work/redis.log" >&2; failed=$((failed + 1)); summary; exit 1; }
    sleep 0.05
  done
}

# start_replica N PERMITS_PER_MINUTE: starts replica N (0 or 1) in the background.
start_replica() {
  local n=$1 permits=$2
  (cd "$work/app" && exec env ConnectionStrings__Redis="127.0.0.1:$redis_port" Coach__Fleet__Salt="fleet-test-salt-$$-0123456789" \
    Coach__Clients__PermitsPerMinute="$permits" Coach__Clients__QueueLimit=10000 ASPNETCORE_URLS="http://127.0.0.1:${ports[$n]}" \
    dotnet CoachService.Api.dll >>"$work/replica-$n.log" 2>&1) &
  replica_pid[$n]=$!
}

wait_ready() { # wait_ready N: until the replica's /health/ready answers 200 (60 s at most)
  local n=$1 tries=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[$n]}/health/ready")" = 200 ]; do
    kill -0 "${replica_pid[$n]}" 2>/dev/null || { echo "replica $n exited; see its log:" >&2; tail -20 "$work/replica-$n.log" >&2; return 1; }
    tries=$((tries + 1)); [ $tries -gt 1200 ] && return 1
    sleep 0.05
  done
}

stop_replica() { kill -TERM "${replica_pid[$1]}" 2>/dev/null; wait "${replica_pid[$1]}" 2>/dev/null; unset "replica_pid[$1]"; }

gone() { # gone PID: until the process has exited (30 s at most); the parent waits, so no child is left behind
  local tries=0
  while kill -0 "$1" 2>/dev/null; do tries=$((tries + 1)); [ $tries -gt 600 ] && return 1; sleep 0.05; done
  wait "$1" 2>/dev/null || true
}

rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$(pgrep -P "${replica_pid[$1]}" 2>/dev/null || echo "${replica_pid[$1]}")/status" 2>/dev/null; }

post() { # post PORT: one analyze through nginx; prints "status upstream"
  curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$1/v1/analyze" -H 'Content-Type: application/json' \
    -d '{"text":"You never help with the dishes!"}' | awk 'NR==1 {s=$2} tolower($1)=="x-coach-upstream:" {u=$2} END {gsub("\r","",u); print s, u}'
}

# wrk_run NAME PORT SCRIPT SECONDS: prints one line; leaves requests/s in $rps, requests sent in $requests and errors
# (non-2xx + socket) in $errors. A run that sent nothing is not a pass: the checks require $requests > 0.
wrk_run() {
  local out
  out=$(wrk -t2 -c8 -d"$4s" --latency -s "$3" "http://127.0.0.1:$2/v1/analyze")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1 + 0}' <<<"$out")
  errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
  printf '%-52s %8.0f req/s  p50 %-9s p99 %-9s errors %s\n' "$1" "$rps" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" "$errors"
}

mkdir -p "$work/tmp"
start_redis
echo "== a) one rate limit across the replicas (Coach__Clients__PermitsPerMinute=20 on each)"
start_replica 0 20; start_replica 1 20
t0=$(date +%s.%N)
wait_ready 0 && wait_ready 1 || { failed=$((failed + 1)); summary; exit 1; }
echo "both replicas ready $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s after start (started together on 2 cores)"
nginx -c "$root/deploy/nginx/fleet.conf" -p "$work" -e "$work/error.log" -g 'daemon off;' &
nginx_pid=$!
tries=0
until curl -s -o /dev/null "http://127.0.0.1:$nginx_both/health/live"; do
  tries=$((tries + 1)); [ $tries -gt 200 ] && { echo "nginx did not answer in 10 s; see $work/error.log" >&2; failed=$((failed + 1)); summary; exit 1; }
  sleep 0.05
done

ok=0 limited=0 upstreams=""
loop_start=$(date +%s.%N)
for i in $(seq 1 30); do
  read -r status upstream < <(curl -s -o /dev/null -D - "http://127.0.0.1:$nginx_both/v1/articles" \
    | awk 'NR==1 {s=$2} tolower($1)=="x-coach-upstream:" {u=$2} END {gsub("\r","",u); print s, u}')
  case $status in 200) ok=$((ok + 1)); upstreams="$upstreams $upstream";; 429) limited=$((limited + 1));; esac
done
served=$(tr ' ' '\n' <<<"$upstreams" | sort -u | grep -c .)
# The budget is 20 at once, then one more every 3 s (60 s / 20): on a busy machine the 30 requests can take longer
# than 3 s, and each 3 s that passed may rightly answer one more. Two budgets (one a replica) would answer all 30.
elapsed=$(awk -v a="$loop_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
allowed=$(awk -v e="$elapsed" 'BEGIN {print 20 + int(e / 3)}')
check "shared rate limit" "$([ $ok -ge 20 ] && [ $ok -le "$allowed" ] && [ $((ok + limited)) -eq 30 ] && [ "$served" -eq 2 ] && echo 1 || echo 0)" \
  "30 requests from one client through nginx in ${elapsed} s: $ok answered (by $served replicas), $limited refused with 429 (budget 20 at once, one more every 3 s: at most $allowed)"
stop_replica 0; stop_replica 1

echo "== throughput through nginx (${seconds}s a run, wrk 2 threads, 8 connections; limits off for the load generator)"
start_replica 0 1000000; start_replica 1 1000000
wait_ready 0 && wait_ready 1 || { failed=$((failed + 1)); summary; exit 1; }
sleep 5  # nginx's fail_timeout for the replicas it saw go away
wrk -t2 -c8 -d3s -s tools/load-messages.lua "http://127.0.0.1:$nginx_both/v1/analyze" >/dev/null  # warm-up
wrk -t2 -c8 -d3s -s tools/load-messages.lua "http://127.0.0.1:$nginx_one/v1/analyze" >/dev/null
wrk_run "POST /v1/analyze cached, one replica" $nginx_one tools/load-messages.lua "$seconds"
wrk_run "POST /v1/analyze cached, two replicas" $nginx_both tools/load-messages.lua "$seconds"
wrk_run "POST /v1/analyze distinct messages, one replica" $nginx_one tools/distinct-messages.lua "$seconds"
wrk_run "POST /v1/analyze distinct messages, two replicas" $nginx_both tools/distinct-messages.lua "$seconds"
echo "memory: replica 0 $(rss 0), replica 1 $(rss 1)"

echo "== b) stopping one replica under load (SIGTERM after 3 s of an 8 s run)"
stopping=${replica_pid[1]}
( sleep 3; kill -TERM "$stopping" 2>/dev/null ) &
stopper=$!
wrk_run "POST /v1/analyze while replica 1 stops" $nginx_both tools/load-messages.lua 8
wait $stopper; gone "$stopping"; unset "replica_pid[1]"
check "replica stopped under load" "$([ "${requests:-0}" -gt 0 ] && [ "$errors" -eq 0 ] && echo 1 || echo 0)" "$errors failed requests of ${requests:-0}"

echo "== c) a replica that is not ready gets no traffic"
start_replica 1 1000000
not_ready=0 during=0 during_failed=0 to_starting=0 deadline=$((SECONDS + 60))
while [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[1]}/health/ready")" != 200 ] && [ $SECONDS -lt $deadline ]; do
  not_ready=$((not_ready + 1))
  read -r status upstream < <(post $nginx_both)
  during=$((during + 1))
  [ "$status" = 200 ] || during_failed=$((during_failed + 1))
  [ "$upstream" = "127.0.0.1:${ports[1]}" ] && to_starting=$((to_starting + 1))
  sleep 0.02
done
sleep 5.5  # nginx tries a failed replica again after fail_timeout (5 s)
after=0
for i in $(seq 1 20); do read -r status upstream < <(post $nginx_both); [ "$upstream" = "127.0.0.1:${ports[1]}" ] && after=$((after + 1)); done
check "not ready, no traffic" "$([ $not_ready -gt 0 ] && [ $during_failed -eq 0 ] && [ $to_starting -eq 0 ] && [ $after -gt 0 ] && echo 1 || echo 0)" \
  "while replica 1 started ($not_ready polls of its /health/ready without 200: it listens only once ready), $during requests through nginx: $during_failed failed, $to_starting reached it; once ready it served $after of the next 20"

echo "== d) stopping Redis under load (after 3 s of an 8 s run)"
( sleep 3; kill -TERM "$redis_pid" ) &
stopper=$!
wrk_run "POST /v1/analyze while Redis stops" $nginx_both tools/distinct-messages.lua 8
wait $stopper; wait "$redis_pid" 2>/dev/null; redis_pid=
lost=$(cat "$work"/replica-*.log | grep -c "Lost Redis")
leaked=$(cat "$work"/replica-*.log | grep -c -i -e "dishes" -e "Typical. Late")
check "Redis stopped under load" "$([ "${requests:-0}" -gt 0 ] && [ "$errors" -eq 0 ] && [ "$lost" -gt 0 ] && [ "$leaked" -eq 0 ] && echo 1 || echo 0)" \
  "$errors failed requests of ${requests:-0}; 'Lost Redis' logged $lost times; message text in the replicas' logs: $leaked lines"

summary
