#!/bin/sh
# The out-of-tree plugin SDK end to end, without rebuilding nianbao:
# install this build to a temporary prefix, build examples/plugins/markdown
# as a separate CMake project against it (find_package(nianbao)), drop the
# .so into a plugin directory, and check that the installed nianbao lists
# the format and renders with it; then install the plugin into the prefix's
# own plugin directory and check it is found there without any flag.
# usage: sdk_install_test.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

echo "== install nianbao to $prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
test -x "$prefix/bin/nianbao" || fail "no bin/nianbao"
test -f "$prefix/lib/nianbao/plugins/text.so" || fail "text plugin not installed"
test -f "$prefix/include/nianbao/renderer_plugin.h" || fail "ABI header not installed"
test -f "$prefix/lib/cmake/nianbao/nianbaoConfig.cmake" || fail "no CMake package config"
before=$(cksum <"$prefix/bin/nianbao")

echo "== build the markdown example against the installed SDK"
generator=""
command -v ninja >/dev/null && generator="-G Ninja"
# shellcheck disable=SC2086
cmake -S "$src/examples/plugins/markdown" -B "$tmp/markdown" $generator \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; fail "configure the example"; }
cmake --build "$tmp/markdown" --parallel 2 >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; fail "build the example"; }
test -f "$tmp/markdown/markdown.so" || fail "no markdown.so"

echo "== drop it into a plugin directory"
mkdir "$tmp/drop"
cp "$tmp/markdown/markdown.so" "$tmp/drop/"
"$prefix/bin/nianbao" formats --plugin-dir "$tmp/drop" >"$tmp/formats.txt" 2>&1 || fail "nianbao formats"
cat "$tmp/formats.txt"
grep -q "^markdown .*text/markdown; charset=utf-8 *$tmp/drop/markdown.so" "$tmp/formats.txt" || fail "markdown not listed"
grep -q "^text .*$prefix/lib/nianbao/plugins/text.so" "$tmp/formats.txt" || fail "installed text plugin not listed"
if grep -q "refused:" "$tmp/formats.txt"; then fail "a plugin was refused"; fi
# The installed binary does not wander into the build tree.
if grep -q "$build/plugins" "$tmp/formats.txt"; then fail "installed nianbao searched the build tree"; fi

"$prefix/bin/nianbao" render "$src/examples/hongqiao-2020.json" --plugin-dir "$tmp/drop" \
  --format markdown -o "$tmp/report.md" || fail "render --format markdown"
head -5 "$tmp/report.md"
grep -q "^# 红桥区2020年政府信息公开工作报告" "$tmp/report.md" || fail "no title in the Markdown"
grep -q "^## 三、收到和处理政府信息公开申请情况" "$tmp/report.md" || fail "no section heading"
grep -q "| 14957.701682万元 |" "$tmp/report.md" || fail "figure missing from the Markdown"

echo "== install it into the prefix's plugin directory"
cmake --install "$tmp/markdown" >/dev/null || fail "install the example"
test -f "$prefix/lib/nianbao/plugins/markdown.so" || fail "not installed to NIANBAO_PLUGIN_DIR"
"$prefix/bin/nianbao" formats | grep -q "^markdown " || fail "installed plugin not found"
"$prefix/bin/nianbao" render "$src/examples/example-city-2022.json" --format markdown -o - |
  grep -q "1268.45" || fail "render with the installed plugin"

after=$(cksum <"$prefix/bin/nianbao")
[ "$before" = "$after" ] || fail "nianbao changed"
echo "PASS"
