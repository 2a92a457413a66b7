#!/usr/bin/env bash
# Runs every fuzz target of the sanitizer build (scripts/sanitize.sh builds
# it) for a bounded time each: NIANBAO_FUZZ_SECONDS (default 15) per target.
# Seeds come from examples/ (fuzz/make_seeds.cc turns each example into the
# inputs each target reads); the corpus a run grows is kept in
# $build_dir/fuzz-corpus/<target> for the next run on the same machine.
# A crash leaves its reproducer in $build_dir/fuzz-artifacts/; copy it to
# tests/fuzz_regressions/<target>/ with the fix, where CTest replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NIANBAO_ASAN_BUILD_DIR:-build-asan}"
seconds="${NIANBAO_FUZZ_SECONDS:-15}"
source scripts/sanitizer_env.sh

seeds="$build_dir/fuzz-seeds"
rm -rf "$seeds"
"$build_dir/fuzz/nianbao_fuzz_seeds" "$seeds" examples/*.json

# target -> seed folders (besides its own regression reproducers)
declare -A seed_dirs=(
  [report_validate_fuzzer]="$seeds/report"
  [render_fuzzer]="$seeds/report"
  [plugin_request_fuzzer]="$seeds/request"
  [plugin_output_fuzzer]=""
  [importer_fuzzer]="$seeds/import"
)
failed=()
for target in report_validate_fuzzer render_fuzzer plugin_request_fuzzer plugin_output_fuzzer \
  importer_fuzzer; do
  corpus="$build_dir/fuzz-corpus/$target"
  artifacts="$build_dir/fuzz-artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  echo "== fuzzing $target for ${seconds}s"
  # -rss_limit_mb: the PDF plugin's fonts are large; -timeout catches hangs.
  if ! "$build_dir/fuzz/$target" "$corpus" ${seed_dirs[$target]} \
    "tests/fuzz_regressions/$target" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=4096 -max_len=65536 -artifact_prefix="$artifacts" -print_final_stats=1 \
    2>"$build_dir/fuzz-artifacts/$target.log"; then
    tail -n 60 "$build_dir/fuzz-artifacts/$target.log"
    failed+=("$target")
  else
    grep -E "^(stat::number_of_executed_units|stat::new_units_added)" \
      "$build_dir/fuzz-artifacts/$target.log" || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]} (reproducers in $build_dir/fuzz-artifacts/)"
  exit 1
fi
echo "fuzzing: no findings"
