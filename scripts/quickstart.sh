#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build,
# and run nianbao on the seed report (Hongqiao District, 2020). Prints where
# the outputs went.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir="${NIANBAO_BUILD_DIR:-build}"
out="${NIANBAO_OUT:-out}"
mkdir -p "$out"
nianbao="$build_dir/cli/nianbao"
seed=examples/hongqiao-2020.json

echo "== the seed report, in each encoding"
"$nianbao" convert "$seed" -o "$out/hongqiao-2020.txtpb"
"$nianbao" convert "$seed" --to binary -o "$out/hongqiao-2020.pb"
"$nianbao" convert "$out/hongqiao-2020.pb" -o "$out/hongqiao-2020.json"
cmp -s "$seed" "$out/hongqiao-2020.json" && echo "round trip json -> binary -> json: identical"

echo "== renderer plugins, and the seed rendered"
"$nianbao" formats
"$nianbao" render "$seed" --format text -o "$out/hongqiao-2020.txt"
echo "outputs in $(cd "$out" && pwd):"
ls -l "$out"
