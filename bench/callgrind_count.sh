#!/usr/bin/env bash
# Instructions per call of a hot path, counted by callgrind (stable under
# machine load, unlike times). Runs a Google Benchmark binary's fixed-count
# cases NAME/iterations:1 and NAME/iterations:11 (each warms up before its
# loop) with collection switched on only inside FUNCTION, and prints
# (I11 - I1) / 10: one steady-state call, set-up cancelled out.
#
# usage: bench/callgrind_count.sh BINARY NAME FUNCTION
#   e.g. bench/callgrind_count.sh build/bench/rule_engine_bench BM_ValidateSeed \
#          'nianbao::validation::Validate*'
#   env: KEEP (directory for the 11-call profile, default /tmp)
set -euo pipefail
bench=$1 name=$2 function=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/$1" --toggle-collect="$function" \
    "$bench" --benchmark_filter="^$name/iterations:$1\$" >/dev/null 2>&1
  sed -n 's/^summary: //p' "$out/$1"
}
one=$(count 1)
eleven=$(count 11)
[ -n "$one" ] && [ -n "$eleven" ] || { echo "no $name/iterations:1 and :11 in $bench" >&2; exit 1; }
profile="${KEEP:-/tmp}/$(basename "$bench").${name//\//_}.callgrind"
cp "$out/11" "$profile"
echo "warm-up + 1 call: $one instructions"
echo "warm-up + 11 calls: $eleven instructions"
echo "one steady-state call: $(((eleven - one) / 10)) instructions"
echo "profile of the 11-call run: callgrind_annotate --inclusive=yes $profile"
