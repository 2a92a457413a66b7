#!/usr/bin/env bash
# ValidateReport throughput against a bare gRPC echo service carrying a
# request of the same size, measured in the same run with h2load
# (nghttp2-client). h2load counts a gRPC error (HTTP 200 with grpc-status != 0)
# as a success, so correctness is taken from the servers' own call counts,
# which they log by status code when they stop.
#
# usage: bench/h2load_compare.sh [BUILD_DIR]   (env: N requests per round,
#        C connections, M streams per connection, ROUNDS)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
N=${N:-20000}
C=${C:-4}
M=${M:-16}
ROUNDS=${ROUNDS:-3}
report=examples/hongqiao-2020.json

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$build/bench/make_payloads" "$report" "$work"

start() {  # name binary
  "$2" --listen 127.0.0.1:0 --port-file "$work/$1.port" 2>"$work/$1.log" &
  pids+=($!)
  for _ in $(seq 300); do [ -s "$work/$1.port" ] && return; sleep 0.1; done
  echo "server $1 did not start" >&2
  cat "$work/$1.log" >&2
  exit 1
}
start validate "$build/services/validation/nianbao-validation-server"
start echo "$build/bench/nianbao-echo-server"
vport=$(cat "$work/validate.port")
eport=$(cat "$work/echo.port")

h2() {  # port path body n
  h2load -n "$4" -c "$C" -m "$M" -t 1 --data="$3" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$1$2"
}
rps() { awk '/^finished in/ { gsub(",", "", $4); print $4 }'; }

vpath=/nianbao.v1.ValidationService/ValidateReport
epath=/nianbao.bench.v1.EchoService/Echo
# Warm up both, then alternate rounds so that both see the same machine.
h2 "$vport" "$vpath" "$work/validate.bin" 2000 >/dev/null
h2 "$eport" "$epath" "$work/echo.bin" 2000 >/dev/null
vsent=2000
esent=2000
vr=()
er=()
for r in $(seq "$ROUNDS"); do
  er+=("$(h2 "$eport" "$epath" "$work/echo.bin" "$N" | rps)")
  vr+=("$(h2 "$vport" "$vpath" "$work/validate.bin" "$N" | rps)")
  vsent=$((vsent + N))
  esent=$((esent + N))
  echo "round $r: echo ${er[-1]} req/s, ValidateReport ${vr[-1]} req/s"
done
# 100 bad requests: h2load reports them as succeeded; the server must not.
h2 "$vport" "$vpath" "$work/bad.bin" 100 | grep -E '^requests:'
vsent_bad=100

for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
pids=()
vcalls=$(grep -o 'calls: .*' "$work/validate.log")
ecalls=$(grep -o 'calls: .*' "$work/echo.log")
echo "validation server: $vcalls (sent $vsent good + $vsent_bad bad)"
echo "echo server:       $ecalls (sent $esent)"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
vm=$(median "${vr[@]}")
em=$(median "${er[@]}")
size=$(($(stat -c %s "$work/validate.bin") - 5))
echo
echo "request size: $size bytes; h2load -c $C -m $M -t 1, $N requests x $ROUNDS rounds"
echo "median: echo $em req/s, ValidateReport $vm req/s, ratio $(awk -v v="$vm" -v e="$em" 'BEGIN { printf "%.0f%%", 100 * v / e }')"
