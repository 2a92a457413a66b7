#!/usr/bin/env bash
# RenderReport throughput over gRPC with the renders in-process
# (--render-workers 0) and in worker processes (--render-workers W), measured
# in the same run with h2load, alternating rounds so both see the same
# machine. h2load counts a gRPC error as a success, so correctness is taken
# from the servers' own call counts, logged by status code when they stop.
# Besides req/s (which a loaded machine drags down), it reports the CPU time
# the server and its workers spent per render (utime + stime from /proc),
# which depends much less on what else runs.
#
# usage: bench/render_isolation_bench.sh [BUILD_DIR]
#        env: W workers (default 2), N requests per round (HTML; PDF N/10),
#        C connections, M streams per connection, ROUNDS
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
W=${W:-2}
N=${N:-4000}
C=${C:-4}
M=${M:-8}
ROUNDS=${ROUNDS:-3}
report=examples/hongqiao-2020.json

source bench/server_lib.sh
start() {  # name workers
  start_server "$1" "$build/services/collection/nianbao-collection-server" \
    --store "sqlite:$work/$1.db" --validation-target 127.0.0.1:1 --render-workers "$2"
}
start inproc 0
ipid=${pids[-1]}
start workers "$W"
wpid=${pids[-1]}
iport=$(cat "$work/inproc.port")
wport=$(cat "$work/workers.port")
mkdir -p "$work/in" "$work/wk"
"$build/bench/render_setup" "127.0.0.1:$iport" "$report" "$work/in"
"$build/bench/render_setup" "127.0.0.1:$wport" "$report" "$work/wk"

path=/nianbao.v1.CollectionService/RenderReport
h2() {  # port body n
  h2load -n "$3" -c "$C" -m "$M" -t 1 --data="$2" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$1$path"
}
rps() { awk '/^finished in/ { gsub(",", "", $4); print $4 }'; }
# CPU ticks of a server and its worker processes.
ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)
# h2 plus the CPU ms per request the server spent: prints "REQ_PER_S CPU_MS"
run() {  # port pid body n
  local before after rate
  before=$(ticks "$2")
  rate=$(h2 "$1" "$3" "$4" | rps)
  after=$(ticks "$2")
  echo "$rate $(awk -v d=$((after - before)) -v n="$4" -v hz="$hz" 'BEGIN { printf "%.3f", 1000 * d / hz / n }')"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

sent=0
for fmt in html pdf; do
  n=$N
  [ "$fmt" = pdf ] && n=$((N / 10))
  h2 "$iport" "$work/in/$fmt.bin" $((n / 4)) >/dev/null
  h2 "$wport" "$work/wk/$fmt.bin" $((n / 4)) >/dev/null
  sent=$((sent + n / 4))
  ir=()
  wr=()
  ic=()
  wc=()
  for r in $(seq "$ROUNDS"); do
    read -r rate cpu < <(run "$iport" "$ipid" "$work/in/$fmt.bin" "$n")
    ir+=("$rate")
    ic+=("$cpu")
    read -r rate cpu < <(run "$wport" "$wpid" "$work/wk/$fmt.bin" "$n")
    wr+=("$rate")
    wc+=("$cpu")
    sent=$((sent + n))
    echo "$fmt round $r: in-process ${ir[-1]} req/s ${ic[-1]} CPU ms/render," \
      "$W workers ${wr[-1]} req/s ${wc[-1]} CPU ms/render ($(uptime | sed 's/.*load/load/'))"
  done
  im=$(median "${ir[@]}")
  wm=$(median "${wr[@]}")
  icm=$(median "${ic[@]}")
  wcm=$(median "${wc[@]}")
  echo "$fmt median: in-process $im req/s $icm CPU ms/render; $W workers $wm req/s $wcm CPU ms/render;" \
    "throughput ratio $(awk -v a="$wm" -v b="$im" 'BEGIN { printf "%.0f%%", 100 * a / b }')," \
    "CPU ratio $(awk -v a="$wcm" -v b="$icm" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
done

for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
pids=()
echo "in-process server: $(grep -o 'calls: .*' "$work/inproc.log") (sent $sent RenderReport + setup)"
echo "worker server:     $(grep -o 'calls: .*' "$work/workers.log") (sent $sent RenderReport + setup)"
