#!/usr/bin/env bash
# Instructions the collection server spends in one RenderReport call (its
# own side: store read, Document, request to the render worker, reply; the
# worker's render is not counted), by callgrind, which load does not move:
# the server runs under callgrind with collection switched on inside the
# handler only; it answers N1 and then, in a second run, N2 identical calls
# (h2load, one stream), and the script prints the difference / (N2 - N1).
#
# usage: bench/render_report_callgrind.sh [BUILD_DIR] [FORMAT]   (html or pdf)
#   env: N1 (5), N2 (25)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
format=${2:-html}
n1=${N1:-5} n2=${N2:-25}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
wait_port() {
  for _ in $(seq 600); do [ -s "$1" ] && return; sleep 0.1; done
  echo "no port in $1" >&2
  exit 1
}
name=$("$build/bench/seed_store" "sqlite:$work/c.db" examples/hongqiao-2020.json bench 1)
"$build/bench/make_payloads" examples/hongqiao-2020.json "$work" "$name" >/dev/null
"$build/services/validation/nianbao-validation-server" --listen 127.0.0.1:0 \
  --port-file "$work/v.port" 2>/dev/null &
pids+=($!)
wait_port "$work/v.port"
count() {  # calls -> instructions
  rm -f "$work/c.port"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" \
    --toggle-collect='nianbao::collection::CollectionServiceImpl::RenderReport*' \
    "$build/services/collection/nianbao-collection-server" --listen 127.0.0.1:0 \
    --port-file "$work/c.port" --store "sqlite:$work/c.db" \
    --validation-target "127.0.0.1:$(cat "$work/v.port")" --plugin-dir "$build/plugins" \
    2>"$work/c.log" &
  local pid=$!
  wait_port "$work/c.port"
  h2load -n "$1" -c 1 -m 1 -t 1 --data="$work/render_$format.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$(cat "$work/c.port")/nianbao.v1.CollectionService/RenderReport" >/dev/null
  kill -TERM "$pid"
  wait "$pid" || true
  grep -q "OK=$1" "$work/c.log" || { echo "not every call succeeded:" >&2; cat "$work/c.log" >&2; exit 1; }
  sed -n 's/^summary: //p' "$work/cg.$1"
}
a=$(count "$n1")
b=$(count "$n2")
echo "RenderReport $format, server side: $(((b - a) / (n2 - n1))) instructions per call"
