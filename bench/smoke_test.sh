#!/usr/bin/env bash
# ctest's check that every benchmark script still runs: bench/run_all.sh with
# QUICK=1 (tiny counts, docs/ untouched) into a temporary directory, then
# the generated table must hold a figure from each part. It asserts that
# the scripts work, never a time.
#
# usage: bench/smoke_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
QUICK=1 NO_BUILD=1 OUT="$out" bench/run_all.sh "$build" >"$out/run.log" 2>&1 || {
  cat "$out/run.log"
  exit 1
}
fail=0
for want in "rule engine, seed" "render through plugin host, pdf_seed" "AggregateReports over 1,000" \
  "ValidateReport / echo" "RenderReport html" "RenderReport pdf" "RSS of collection server" \
  "HTML→PDF, seed, chromium" "HTML→PDF, seed, wkhtmltopdf" "HTML→PDF, seed, libreoffice" \
  "HTML→PDF, seed, nianbao"; do
  if ! grep -qF "$want" "$out/table.md"; then
    echo "missing from the table: $want" >&2
    fail=1
  fi
done
[ -s "$out/pdf_compare.png" ] || { echo "no plot" >&2; fail=1; }
for pdf in "$out"/pdf_compare/*.pdf "$out"/pdf_compare/lo/*.pdf; do
  head -c 5 "$pdf" | grep -q '%PDF-' || { echo "$pdf is not a PDF" >&2; fail=1; }
done
[ "$fail" = 0 ] && echo "bench smoke: every script ran"
exit "$fail"
