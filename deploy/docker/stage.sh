#!/bin/sh
# The image's build and install steps, run by deploy/docker/Dockerfile and,
# on an existing build tree, by the deploy_docker_stage test: configure (only
# when BUILD is not configured yet), build, install into PREFIX, build the
# example Markdown plugin against the installed SDK into PLUGINS_OUT (the
# initContainer image's content), then check the result with
# check-staged.sh.
# usage: stage.sh SOURCE_DIR BUILD_DIR PREFIX PLUGINS_OUT
set -eu
src=$(cd "$1" && pwd)
build=$2
prefix=$3
plugins_out=$4
jobs=${NIANBAO_JOBS:-$(nproc)}

if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "== configure $build"
  # The image needs neither the tests nor the benchmarks.
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNIANBAO_BUILD_TESTS=OFF -DNIANBAO_BUILD_BENCH=OFF
fi
echo "== build"
cmake --build "$build" --parallel "$jobs"
echo "== install into $prefix"
cmake --install "$build" --prefix "$prefix" --strip >"$build/stage-install.log"

echo "== example plugin (markdown) against the installed SDK"
mkdir -p "$plugins_out"
plugin_build="$(dirname "$plugins_out")/markdown-build"
cmake -S "$src/examples/plugins/markdown" -B "$plugin_build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$(dirname "$plugins_out")/markdown-configure.log"
cmake --build "$plugin_build" --parallel "$jobs"
cp "$plugin_build/markdown.so" "$plugins_out/"

"$src/deploy/docker/check-staged.sh" "$prefix" "$plugins_out" "$src"
