#!/bin/sh
# CTest's run of the image steps (deploy_docker_stage): stage.sh on the
# existing build tree into a temporary prefix, as the Dockerfile does into
# /opt/nianbao. The build step is a no-op once the tree is built.
# usage: stage_test.sh SOURCE_DIR BUILD_DIR
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NIANBAO_JOBS=${NIANBAO_JOBS:-2} "$1/deploy/docker/stage.sh" "$1" "$2" "$tmp/opt/nianbao" "$tmp/stage/plugins"

# The library check must fail when the list misses a package the binaries
# link (here libpq5).
echo "== the check refuses an incomplete package list"
sed 's/\<libpq5\>//' "$1/deploy/docker/runtime-packages.txt" >"$tmp/incomplete.txt"
if RUNTIME_PACKAGES="$tmp/incomplete.txt" "$1/deploy/docker/check-staged.sh" "$tmp/opt/nianbao" \
  "$tmp/stage/plugins" "$1" >"$tmp/incomplete.log" 2>&1; then
  echo "FAIL: check-staged.sh accepted a list without libpq5" >&2
  exit 1
fi
grep -q "comes from libpq5, which runtime-packages.txt does not list" "$tmp/incomplete.log" || {
  cat "$tmp/incomplete.log"
  echo "FAIL: check-staged.sh failed for another reason" >&2
  exit 1
}
echo "PASS"
