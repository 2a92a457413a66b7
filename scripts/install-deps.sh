#!/usr/bin/env bash
# Installs what nianbao needs on Debian 12 and is not there yet: the build
# toolchain and libraries, fonts, the test tools, and the Node tooling in
# tools/. Installs nothing that is already present; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # the sanitizer and fuzzing build (scripts/sanitize.sh, scripts/fuzz.sh):
  # clang, its ASan/UBSan/libFuzzer runtimes, llvm-symbolizer for the stacks
  clang libclang-rt-14-dev llvm
  # libraries the product uses
  libhpdf-dev libdeflate-dev libharfbuzz-dev libicu-dev libfontconfig-dev libsqlite3-dev libpq-dev
  # SHA-256 and constant-time compare for bearer tokens
  libssl-dev
  # a real PostgreSQL server for the store and integration tests
  postgresql
  # importer: HTML5 parser, PDF text with positions
  libgumbo-dev libpoppler-cpp-dev libpoppler-private-dev
  # fonts for PDF: Song/Ming body, Hei headings
  fonts-arphic-uming fonts-wqy-zenhei
  # test tools
  poppler-utils qpdf python3 python3-grpcio python3-protobuf openssl
  # the HTML page's browser tests (axe-core, layout) drive Debian's Chromium
  chromium
  # the importer's tests print nianbao's HTML with other tools: wkhtmltopdf,
  # LibreOffice (Writer without GUI; HTML to PDF and HTML to HTML)
  wkhtmltopdf libreoffice-writer-nogui
  # benchmarks (bench/): h2load
  nghttp2-client
  # deploy/: fc-match for the image check
  fontconfig
  # bench/pdf_compare.py: the plot (the HTML -> PDF alternatives are above)
  python3-matplotlib
)
# deploy/k8s: `kubectl kustomize` from Debian's kubernetes-client, unless the
# machine has a kubectl of its own (the two packages clash over the file).
command -v kubectl >/dev/null 2>&1 || packages+=(kubernetes-client)
# Node.js from Debian only where the machine has none of its own.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "nianbao: installing ${#missing[@]} Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # Wait for another apt run (unattended upgrades) rather than fail.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
fi

# Node tooling (buf, and the browser-test tools) pinned by tools/package-lock.json.
if [ ! -x tools/node_modules/.bin/buf ] || [ ! -x tools/node_modules/.bin/html-validate ] ||
  [ ! -d tools/node_modules/@axe-core/playwright ] || [ ! -d tools/node_modules/kubernetes-models ]; then
  echo "nianbao: installing Node tooling into tools/node_modules"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
