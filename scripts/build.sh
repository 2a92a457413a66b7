#!/usr/bin/env bash
# Configures and builds nianbao into build/ (or $NIANBAO_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NIANBAO_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
  "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
