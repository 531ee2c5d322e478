#!/usr/bin/env bash
# Builds the page and serves web/ on http://127.0.0.1:${PORT:-8000}/ (loopback only; Ctrl-C stops).
#   web/serve.sh            build, then serve
#   NO_BUILD=1 web/serve.sh serve what web/pkg/ already holds
set -euo pipefail
web="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ "${NO_BUILD:-0}" = "1" ] || "$web/build.sh"
port="${PORT:-8000}"
echo "curl2code: open http://127.0.0.1:$port/ (Ctrl-C to stop)" >&2
cd "$web"
# http.server serves .wasm as application/wasm, which instantiateStreaming needs.
exec python3 -m http.server --bind 127.0.0.1 "$port"
