#!/usr/bin/env bash
# Instructions of one warm in-process PDF render of the seed, counted by
# callgrind (stable under machine load, unlike times): runs the benchmark's
# seed_1x and seed_11x cases (a warm-up render plus 1 or 11 renders) inside
# RenderPdf only, and prints (I11 - I1) / 10. Usage: bench/pdf_render_callgrind.sh [build]
set -euo pipefail
build="${1:-build}"
bench="$build/bench/pdf_render_benchmark"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/$1" \
    --toggle-collect='nianbao::pdf::RenderPdf*' \
    "$bench" --benchmark_filter="RenderWarm/$1" >/dev/null 2>&1
  sed -n 's/^summary: //p' "$out/$1"
}
one=$(count seed_1x)
eleven=$(count seed_11x)
echo "warm-up + 1 render: $one instructions"
echo "warm-up + 11 renders: $eleven instructions"
echo "one warm render: $(((eleven - one) / 10)) instructions"
echo "profile of the 11-render run: callgrind_annotate --inclusive=yes $out/seed_11x (kept in ${KEEP:-/tmp}/pdf_render.callgrind)"
cp "$out/seed_11x" "${KEEP:-/tmp}/pdf_render.callgrind"
