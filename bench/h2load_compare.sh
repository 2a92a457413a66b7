#!/usr/bin/env bash
# gRPC throughput with h2load (nghttp2-client) against real servers on
# loopback, all started by this script on free ports:
#   validate  ValidateReport (nianbao-validation-server) against a bare gRPC
#             echo service (bench/nianbao-echo-server) carrying a request of
#             the same size, alternating rounds in the same run;
#   render    RenderReport html and pdf (nianbao-collection-server on a
#             SQLite store filled by bench/seed_store, direct store inserts);
#   memory    each server's resident set (/proc/PID/status VmRSS) after SOAK
#             requests and again after SOAK more: echo, ValidateReport, and
#             for the collection server SOAK_HTML RenderReport html +
#             SOAK_PDF RenderReport pdf + GetReport for the rest of SOAK.
# h2load counts a gRPC error (HTTP 200 with grpc-status != 0) as a success,
# so correctness is taken from the servers' own call counts, which they log
# by status code when they stop; the script fails when any call of a good
# request was not OK.
#
# usage: bench/h2load_compare.sh [BUILD_DIR]
#   env: PARTS ("validate render memory"), N requests per round (20000),
#        N_PDF (2000), C connections (4), M streams per connection (16),
#        ROUNDS (3), SOAK (100000), SOAK_HTML (20000), SOAK_PDF (2000),
#        REPORT (the seed),
#        RESULTS (a file to which "key value" result lines are appended)
# The server processes get both cores; h2load runs one thread (-t 1).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
PARTS=${PARTS:-validate render memory}
N=${N:-20000}
N_PDF=${N_PDF:-2000}
C=${C:-4}
M=${M:-16}
ROUNDS=${ROUNDS:-3}
SOAK=${SOAK:-100000}
SOAK_HTML=${SOAK_HTML:-20000}
SOAK_PDF=${SOAK_PDF:-2000}
REPORT=${REPORT:-examples/hongqiao-2020.json}
RESULTS=${RESULTS:-/dev/null}

source bench/server_lib.sh
result() {  # key value: printed and appended to $RESULTS
  echo "RESULT $1 $2"
  echo "$1 $2" >>"$RESULTS"
}

name=$("$build/bench/seed_store" "sqlite:$work/collection.db" "$REPORT" bench 1)
"$build/bench/make_payloads" "$REPORT" "$work" "$name"
# GetReportRequest{name}: field 1, length-delimited, in a gRPC frame.
python3 - "$name" "$work/get.bin" <<'PY'
import struct, sys
name = sys.argv[1].encode()
msg = b"\x0a" + bytes([len(name)]) + name
open(sys.argv[2], "wb").write(b"\x00" + struct.pack(">I", len(msg)) + msg)
PY

start_server validate "$build/services/validation/nianbao-validation-server"
start_server echo "$build/bench/nianbao-echo-server"
vport=$(cat "$work/validate.port")
eport=$(cat "$work/echo.port")
start_server collection "$build/services/collection/nianbao-collection-server" \
  --store "sqlite:$work/collection.db" --validation-target "127.0.0.1:$vport" \
  --plugin-dir "$build/plugins"
cport=$(cat "$work/collection.port")

declare -A sent
# Runs h2load; its report goes to $work/h2.out (not through a pipe: the
# count of requests sent must be kept in this shell, not a subshell's).
h2() {  # server port path body n
  sent[$1]=$((${sent[$1]:-0} + $5))
  h2load -n "$5" -c "$C" -m "$M" -t 1 --data="$4" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$2$3" >"$work/h2.out"
}
rps() { awk '/^finished in/ { gsub(",", "", $4); print $4 }' "$work/h2.out"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

vpath=/nianbao.v1.ValidationService/ValidateReport
epath=/nianbao.bench.v1.EchoService/Echo
rpath=/nianbao.v1.CollectionService/RenderReport
size=$(($(stat -c %s "$work/validate.bin") - 5))
echo "request size: $size bytes; h2load -c $C -m $M -t 1; machine: $(nproc) cores, $(uptime)"

if [[ " $PARTS " == *" validate "* ]]; then
  # Warm up both, then alternate rounds so that both see the same machine.
  h2 validate "$vport" "$vpath" "$work/validate.bin" 2000
  h2 echo "$eport" "$epath" "$work/echo.bin" 2000
  vr=()
  er=()
  for r in $(seq "$ROUNDS"); do
    h2 echo "$eport" "$epath" "$work/echo.bin" "$N"
    er+=("$(rps)")
    h2 validate "$vport" "$vpath" "$work/validate.bin" "$N"
    vr+=("$(rps)")
    echo "round $r: echo ${er[-1]} req/s, ValidateReport ${vr[-1]} req/s"
  done
  vm=$(median "${vr[@]}")
  em=$(median "${er[@]}")
  result echo_rps "$em"
  result validate_rps "$vm"
  result validate_vs_echo_pct "$(awk -v v="$vm" -v e="$em" 'BEGIN { printf "%.0f", 100 * v / e }')"
fi

if [[ " $PARTS " == *" render "* ]]; then
  for fmt in html pdf; do
    n=$N
    [ "$fmt" = pdf ] && n=$N_PDF
    h2 collection "$cport" "$rpath" "$work/render_$fmt.bin" $((n / 10))
    rr=()
    for r in $(seq "$ROUNDS"); do
      h2 collection "$cport" "$rpath" "$work/render_$fmt.bin" "$n"
      rr+=("$(rps)")
      echo "round $r: RenderReport $fmt ${rr[-1]} req/s"
    done
    result "render_${fmt}_rps" "$(median "${rr[@]}")"
  done
fi

if [[ " $PARTS " == *" memory "* ]]; then
  soak() {  # server port path body n
    local n=$5 chunk=20000 done_=0
    while [ "$done_" -lt "$n" ]; do
      local k=$((n - done_ < chunk ? n - done_ : chunk))
      h2 "$1" "$2" "$3" "$4" "$k"
      done_=$((done_ + k))
    done
  }
  result soak_requests "$SOAK"
  for s in echo validate collection; do result "rss_start_kb_$s" "$(rss_kb "${pid_of[$s]}")"; done
  for phase in 1 2; do
    soak echo "$eport" "$epath" "$work/echo.bin" "$SOAK"
    soak validate "$vport" "$vpath" "$work/validate.bin" "$SOAK"
    soak collection "$cport" "$rpath" "$work/render_html.bin" "$SOAK_HTML"
    soak collection "$cport" "$rpath" "$work/render_pdf.bin" "$SOAK_PDF"
    soak collection "$cport" /nianbao.v1.CollectionService/GetReport "$work/get.bin" \
      $((SOAK - SOAK_HTML - SOAK_PDF))
    for s in echo validate collection; do
      result "rss_after_${phase}_kb_$s" "$(rss_kb "${pid_of[$s]}")"
    done
  done
fi

# 100 bad requests: h2load reports them as succeeded; the server must not.
h2 validate "$vport" "$vpath" "$work/bad.bin" 100
grep -E '^requests:' "$work/h2.out"
for s in collection validate echo; do
  kill -TERM "${pid_of[$s]}"
  wait "${pid_of[$s]}" || true
done
pids=()
fail=0
for s in validate echo collection; do
  calls=$(grep -o 'calls: .*' "$work/$s.log" || true)
  echo "$s server: $calls (h2load sent ${sent[$s]:-0})"
  ok=$(grep -o 'OK=[0-9]*' <<<"$calls" | cut -d= -f2)
  # ValidateReport from the collection server's own calls are none here:
  # RenderReport does not validate. The 100 bad ones are the only errors.
  if [ "${ok:-0}" -ne "${sent[$s]:-0}" ] && ! { [ "$s" = validate ] &&
    [ "$ok" -eq $((${sent[$s]} - 100)) ]; }; then
    echo "$s: not every good request succeeded" >&2
    fail=1
  fi
done
exit $fail
