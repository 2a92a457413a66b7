#!/bin/sh
# Checks an installed nianbao tree the way the runtime image will hold it:
# every binary answers --help, the built-in plugins sit in the plugin
# directory and load, an extra plugin directory (what the initContainer
# fills) is picked up, every shared library any binary or plugin needs comes
# from a package in runtime-packages.txt (or from the tree itself), and the
# PDF fonts resolve to files of listed packages and render.
# usage: check-staged.sh PREFIX EXTRA_PLUGIN_DIR SOURCE_DIR
# ($RUNTIME_PACKAGES names another list; the test uses it to prove the check
# fails on an incomplete one.)
set -eu
prefix=$1
extra=$2
src=$3
list="${RUNTIME_PACKAGES:-$src/deploy/docker/runtime-packages.txt}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
packages=$(sed 's/#.*//' "$list" | tr -s ' \t' '\n\n' | sed '/^$/d')
listed() { echo "$packages" | grep -qx "$1"; }

echo "== binaries answer --help"
for b in nianbao nianbao-validation-server nianbao-collection-server; do
  test -x "$prefix/bin/$b" || fail "no bin/$b"
  "$prefix/bin/$b" --help >"$tmp/help.txt" 2>&1 || { cat "$tmp/help.txt"; fail "$b --help"; }
done

# The collection server renders in worker processes started from beside it.
test -x "$prefix/bin/nianbao-render-worker" || fail "no bin/nianbao-render-worker"

echo "== plugins load"
plugin_dir="$prefix/lib/nianbao/plugins"
for p in text html pdf; do test -f "$plugin_dir/$p.so" || fail "no $p.so in $plugin_dir"; done
test -f "$extra/markdown.so" || fail "no markdown.so in $extra"
"$prefix/bin/nianbao" formats --plugin-dir "$extra" >"$tmp/formats.txt" 2>&1 ||
  { cat "$tmp/formats.txt"; fail "nianbao formats"; }
cat "$tmp/formats.txt"
for p in text html pdf; do
  grep -q "^$p .*$plugin_dir/$p.so" "$tmp/formats.txt" || fail "$p not loaded from $plugin_dir"
done
grep -q "^markdown .*$extra/markdown.so" "$tmp/formats.txt" || fail "markdown not loaded from $extra"
if grep -q "refused" "$tmp/formats.txt"; then fail "a plugin was refused"; fi

echo "== shared libraries come from runtime-packages.txt"
# The package owning a library; ldd may print /lib/... where dpkg knows
# /usr/lib/... (merged /usr) or the other way round.
owner() {
  for f in "$1" "$(readlink -f "$1")" "/usr$1" "${1#/usr}"; do
    o=$(dpkg -S "$f" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$o" ] && { echo "$o"; return; }
  done
}
find "$prefix/bin" "$prefix/lib" "$extra" -type f \( -perm -u+x -o -name '*.so*' \) >"$tmp/elves"
: >"$tmp/needed"
while read -r f; do
  head -c 4 "$f" | grep -q "ELF" || continue
  ldd "$f" >"$tmp/ldd.txt" 2>&1 || fail "ldd $f"
  if grep -q "not found" "$tmp/ldd.txt"; then cat "$tmp/ldd.txt"; fail "$f: a library is missing"; fi
  awk '/=> \//{print $3} /^\t\/[^ ]* \(/{print $1}' "$tmp/ldd.txt" >>"$tmp/needed"
done <"$tmp/elves"
sort -u "$tmp/needed" >"$tmp/libs"
n=0
while read -r lib; do
  case "$lib" in "$prefix"/*) continue ;; esac
  pkg=$(owner "$lib")
  [ -n "$pkg" ] || fail "$lib belongs to no Debian package"
  listed "$pkg" || fail "$lib comes from $pkg, which runtime-packages.txt does not list"
  n=$((n + 1))
done <"$tmp/libs"
echo "$n libraries, all from listed packages"

echo "== fonts"
for spec in "AR PL UMing CN:lang=zh-cn" "WenQuanYi Zen Hei:lang=zh-cn"; do
  file=$(fc-match -f '%{file}' "$spec")
  pkg=$(owner "$file")
  listed "$pkg" || fail "font \"$spec\" resolves to $file of ${pkg:-no package}, not listed"
  echo "$spec -> $file ($pkg)"
done
"$prefix/bin/nianbao" render "$src/examples/hongqiao-2020.json" --format pdf -o "$tmp/r.pdf" ||
  fail "render a PDF"
head -c 5 "$tmp/r.pdf" | grep -q "%PDF-" || fail "not a PDF"
echo "PASS: staged tree $prefix"
