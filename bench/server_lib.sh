# Sourced by the bench scripts that start servers: a scratch directory
# ($work), removed on exit together with every server start_server began.
# Servers listen on loopback only, on ports they pick.
work=$(mktemp -d)
pids=()
declare -A pid_of
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# start_server NAME BINARY ARGS...: runs BINARY --listen 127.0.0.1:0
# --port-file $work/NAME.port ARGS... in the background (under the command in
# the array server_wrapper, if set: e.g. valgrind), stderr to $work/NAME.log,
# and returns once the port is known; its pid is ${pid_of[NAME]}.
start_server() {
  local n=$1 bin=$2
  shift 2
  rm -f "$work/$n.port"
  ${server_wrapper[@]+"${server_wrapper[@]}"} "$bin" --listen 127.0.0.1:0 \
    --port-file "$work/$n.port" "$@" 2>"$work/$n.log" &
  pids+=($!)
  pid_of[$n]=$!
  for _ in $(seq 600); do [ -s "$work/$n.port" ] && return; sleep 0.1; done
  echo "server $n did not start" >&2
  cat "$work/$n.log" >&2
  exit 1
}
