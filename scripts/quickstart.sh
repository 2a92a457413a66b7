#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build,
# start the validation and collection services on loopback (SQLite store),
# create the Hongqiao District agency, submit the seed report (2020), have it
# validated, publish it, render it to PDF, HTML and text, and stop the
# services. Prints the folder the files went to.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir="${NIANBAO_BUILD_DIR:-build}"
out="$(mkdir -p "${NIANBAO_OUT:-out}" && cd "${NIANBAO_OUT:-out}" && pwd)"
nianbao="$build_dir/cli/nianbao"
validation_server="$build_dir/services/validation/nianbao-validation-server"
collection_server="$build_dir/services/collection/nianbao-collection-server"
seed=examples/hongqiao-2020.json
for b in "$nianbao" "$validation_server" "$collection_server"; do
  [ -x "$b" ] || { echo "quickstart: $b was not built" >&2; exit 1; }
done

# Everything the services write lives here and goes when the script ends.
work="$(mktemp -d)"
pids=()
stop_services() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_services EXIT

# start NAME BINARY ARGS...: listens on a free 127.0.0.1 port, which it puts
# in $port. (Not in a $(...) subshell: the pid must reach the trap above.)
start() {
  local name=$1
  shift
  "$@" --listen 127.0.0.1:0 --port-file "$work/$name.port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    [ -s "$work/$name.port" ] && { port=$(cat "$work/$name.port"); return; }
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "quickstart: $name did not start:" >&2
  cat "$work/$name.log" >&2
  exit 1
}

echo "== starting the services on loopback"
start validation "$validation_server"
validation_port=$port
start collection "$collection_server" --store "sqlite:$work/collection.db" \
  --validation-target "127.0.0.1:$validation_port"
collection_port=$port
export NIANBAO_SERVER="127.0.0.1:$collection_port"
echo "validation service on 127.0.0.1:$validation_port, collection service on $NIANBAO_SERVER"

report=agencies/hongqiao/reports/2020
echo "== the Hongqiao District agency and its 2020 report"
export USER="${USER:-quickstart}"  # the actor in the version history
"$nianbao" agencies create hongqiao --display-name 天津市红桥区人民政府 --level county >/dev/null
"$nianbao" reports create --agency hongqiao "$seed" --request-id quickstart-seed >/dev/null
echo "created $report"

echo "== submit (the validation service checks it), then publish"
"$nianbao" reports submit "$report" | grep -E '"(state|version)"'
"$nianbao" reports publish "$report" | grep -E '"(state|version)"'
echo "== the history"
"$nianbao" reports versions "$report" | grep -E '"(change|actor|comment)"'

echo "== rendering"
formats=$("$nianbao" reports formats)
missing=0
for format in pdf html text; do
  if grep -q "\"name\": \"$format\"" <<<"$formats"; then
    "$nianbao" reports render "$report" --format "$format" --out-dir "$out"
  else
    echo "quickstart: no $format renderer plugin was loaded" >&2
    missing=1
  fi
done
echo "outputs in $out"
exit $missing
