#!/usr/bin/env bash
# Prints the gzipped payload of a visit (the page's script, style and service worker, and one
# language's WebAssembly module and glue; budget 200 KB for the largest language) and the
# load-to-first-conversion time in Chromium; exits 1 over budget.
#   web/size.sh             measure what web/pkg/ holds (run web/build.sh first)
#   RUNS=10 web/size.sh     more page loads for the timing median (default 5)
set -euo pipefail
web="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$web"
[ -f pkg/python/curl2code_web_bg.wasm ] || { echo "size: run web/build.sh first" >&2; exit 1; }
if ! cmp -s package-lock.json node_modules/.curl2code-installed 2>/dev/null; then
  timeout 300 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.curl2code-installed
fi
timeout 300 node tests/size.mjs
