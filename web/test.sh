#!/usr/bin/env bash
# The web page's CI step: build the WebAssembly module, install the test tools from the lockfile,
# run the browser tests in Debian's Chromium. The last line of output is `N passed, N failed`.
#   web/test.sh [name-filter]
set -euo pipefail
web="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "test: ${CHROMIUM:-/usr/bin/chromium} is missing: apt-get install -y chromium" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
cd "$web"
# npm ci only when the lockfile changed since the last install (a copy kept in node_modules/).
if ! cmp -s package-lock.json node_modules/.curl2code-installed 2>/dev/null; then
  timeout 300 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.curl2code-installed
fi
"$web/build.sh"
timeout 480 node tests/run.mjs "$@"
