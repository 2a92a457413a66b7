#!/usr/bin/env bash
# Builds nianbao and runs every check: buf lint on the schema and the whole
# CTest suite. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "== buf lint"
tools/node_modules/.bin/buf lint
echo "== build"
scripts/build.sh
echo "== tests"
ctest --test-dir "${NIANBAO_BUILD_DIR:-build}" --output-on-failure --parallel "$(nproc)" \
  --timeout 600
