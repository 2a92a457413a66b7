#!/usr/bin/env bash
# Instructions the collection server spends in one RenderReport call (its
# own side: store read, Document, request to the render worker, reply; the
# worker's render is not counted), by callgrind, which load does not move:
# the server runs under callgrind with collection switched on inside the
# handler only; it answers N1 and then, in a second run, N2 identical calls
# (h2load, one stream), and the script prints the difference / (N2 - N1).
#
# usage: bench/render_report_callgrind.sh [BUILD_DIR] [FORMAT]   (html or pdf)
#   env: N1 (5), N2 (25), SERVER_ARGS (more server flags, e.g. "--render-cache-mb 0":
#        the report does not change between calls, so by default every call
#        after the first takes its layout from the render-request cache)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
format=${2:-html}
n1=${N1:-5} n2=${N2:-25}
source bench/server_lib.sh
name=$("$build/bench/seed_store" "sqlite:$work/c.db" examples/hongqiao-2020.json bench 1)
"$build/bench/make_payloads" examples/hongqiao-2020.json "$work" "$name" >/dev/null
# Not in a $(subshell): the servers must stay in this shell's cleanup list.
count() {  # calls -> $work/count.CALLS: instructions
  local server_wrapper=(valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1"
    --toggle-collect='nianbao::collection::CollectionServiceImpl::RenderReport*')
  # RenderReport never calls the validation service.
  start_server "cg$1" "$build/services/collection/nianbao-collection-server" \
    --store "sqlite:$work/c.db" --validation-target 127.0.0.1:1 --plugin-dir "$build/plugins" \
    ${SERVER_ARGS:-}
  h2load -n "$1" -c 1 -m 1 -t 1 --data="$work/render_$format.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$(cat "$work/cg$1.port")/nianbao.v1.CollectionService/RenderReport" >/dev/null
  kill -TERM "${pid_of[cg$1]}"
  wait "${pid_of[cg$1]}" || true
  if ! grep -q "OK=$1" "$work/cg$1.log"; then
    echo "not every call succeeded:" >&2
    cat "$work/cg$1.log" >&2
    exit 1
  fi
  sed -n 's/^summary: //p' "$work/cg.$1" >"$work/count.$1"
}
count "$n1"
count "$n2"
a=$(cat "$work/count.$n1")
b=$(cat "$work/count.$n2")
echo "RenderReport $format, server side: $(((b - a) / (n2 - n1))) instructions per call"
