#!/usr/bin/env bash
# Reruns every benchmark of issue #10 and regenerates the generated part of
# docs/performance.md (the table between the "run_all" markers) and
# docs/images/pdf_compare.png. Each step records the machine load
# (uptime's 1-minute average) before and after it, printed beside its
# figures: on a shared machine that is what the numbers mean.
#
# usage: bench/run_all.sh [BUILD_DIR]
#   env: QUICK=1 for a tiny smoke run (small counts; does not touch docs/
#        unless DOCS=1), NO_BUILD=1 to skip ninja, OUT (BUILD_DIR/bench-out),
#        and every h2load_compare.sh knob (N, C, M, ROUNDS, SOAK, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${OUT:-$build/bench-out}
mkdir -p "$out"
load() { awk '{ print $1 }' /proc/loadavg; }
# Debian's python3 has python3-matplotlib (scripts/install-deps.sh); a python3
# earlier on PATH (pyenv, venv) may not.
PY=${PYTHON:-$([ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
DOCS=${DOCS:-$([ "${QUICK:-0}" = 1 ] && echo 0 || echo 1)}
# Google Benchmark's min_time is CPU time: on a machine shared by many jobs
# a benchmark gets a small share of a core, so keep it short.
if [ "${QUICK:-0}" = 1 ]; then
  reps=1 min_time=0.01 agg_filter='BM_AggregateReports/1000/|BM_SumReports/1000$'
  export N=400 N_PDF=40 ROUNDS=1 SOAK=500 SOAK_HTML=200 SOAK_PDF=40
  pdf_args=(--rounds 1 --n 2 --n-slow 1 --examples seed)
else
  reps=${REPS:-3} min_time=${MIN_TIME:-0.2} agg_filter='.'
  pdf_args=()
fi

[ "${NO_BUILD:-0}" = 1 ] || ninja -C "$build" -j2 rule_engine_bench render_bench aggregate_bench pdf_render_benchmark \
  nianbao-validation-server nianbao-echo-server nianbao-collection-server make_payloads \
  seed_store nianbao nianbao_plugin_text nianbao_plugin_html nianbao_pdf_plugin

{
  echo "date $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "uptime $(uptime)"
  lscpu | head -20
} >"$out/machine.txt"

gbench() {  # name binary args...
  local name=$1
  shift
  local before after
  before=$(load)
  "$@" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
    --benchmark_format=json --benchmark_out="$out/$name.json" \
    --benchmark_out_format=json >/dev/null
  after=$(load)
  echo "$name $before $after" >>"$out/loads.txt"
  echo "$name: done (load $before -> $after)"
}
: >"$out/loads.txt"
gbench rule_engine "$build/bench/rule_engine_bench" \
  --benchmark_filter='BM_Validate|BM_Parse|BM_Context|BM_Rule/PROSE.APPLICATIONS' 
gbench render "$build/bench/render_bench"
gbench pdf_render "$build/bench/pdf_render_benchmark" --benchmark_filter=RenderWarm
# One repetition: each AggregateReports size runs a fixed 2 iterations.
reps_saved=$reps
reps=1
gbench aggregate "$build/bench/aggregate_bench" --benchmark_filter="$agg_filter"
reps=$reps_saved

before=$(load)
: >"$out/h2load.txt"
RESULTS="$out/h2load.txt" bench/h2load_compare.sh "$build" | tee "$out/h2load.log"
echo "h2load $before $(load)" >>"$out/loads.txt"

before=$(load)
"$PY" bench/pdf_compare.py --build "$build" --out "$out/pdf_compare" "${pdf_args[@]}" |
  tee "$out/pdf_compare.log"
echo "pdf_compare $before $(load)" >>"$out/loads.txt"

"$PY" bench/make_table.py "$out" >"$out/table.md"
if [ "$DOCS" = 1 ]; then
  "$PY" bench/plot_pdf_compare.py "$out/pdf_compare/pdf_compare.json" \
    docs/images/pdf_compare.png "$(head -1 "$out/machine.txt"), load $(load)"
  "$PY" bench/make_table.py "$out" --update docs/performance.md
  echo "updated docs/performance.md and docs/images/pdf_compare.png"
else
  "$PY" bench/plot_pdf_compare.py "$out/pdf_compare/pdf_compare.json" "$out/pdf_compare.png"
fi
cat "$out/table.md"
