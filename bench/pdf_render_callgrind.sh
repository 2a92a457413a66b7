#!/usr/bin/env bash
# Instructions of one warm in-process PDF render of the seed (RenderPdf
# only), counted by callgrind. Usage: bench/pdf_render_callgrind.sh [build]
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/callgrind_count.sh "${1:-build}/bench/pdf_render_benchmark" RenderWarm/seed \
  'nianbao::pdf::RenderPdf*'
