#!/usr/bin/env bash
# Builds nianbao with clang under AddressSanitizer + UndefinedBehaviorSanitizer
# and libFuzzer coverage (NIANBAO_FUZZ=ON implies NIANBAO_SANITIZE=ON) into
# build-asan/ (or $NIANBAO_ASAN_BUILD_DIR), then runs the CTest suite in it.
# The same build holds the fuzz targets that scripts/fuzz.sh runs, so CI
# compiles everything once for both. See docs/fuzzing.md.
#
# -O1 with line tables only: fast enough to compile on a 2-core CI machine,
# fast enough to run, and stacks still name file and line.
# Not run here (docs/fuzzing.md says why): the browser tests (html_validate,
# html_axe, html_page: node and Chromium on HTML that the normal run already
# checks; the HTML renderer itself runs under the sanitizers in its unit
# tests and the fuzzers) and the packaging checks: sdk_install_test
# (installs and builds an out-of-tree plugin), deploy_docker_stage (stages an
# install tree) and k8s_manifests (validates YAML): not memory safety.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NIANBAO_ASAN_BUILD_DIR:-build-asan}"
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DNIANBAO_FUZZ=ON -DNIANBAO_BUILD_BENCH=OFF "$@" >/dev/null
echo "== sanitizer build ($build_dir)"
cmake --build "$build_dir" --parallel "$(nproc)"
echo "== tests under ASan + UBSan"
source scripts/sanitizer_env.sh
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 900 \
  -E '^(html_validate|html_axe|html_page|sdk_install_test|deploy_docker_stage|k8s_manifests)$'
