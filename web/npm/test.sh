#!/usr/bin/env bash
# The npm package's CI step: build it, `npm pack` it, install the tarball into an empty temporary
# project and use it from Node as a user would (tests/consumer.mjs, which also type-checks
# index.d.ts with TypeScript). The last line of output is `N passed, N failed`.
#   web/npm/test.sh               build, pack, install, test
#   NO_BUILD=1 web/npm/test.sh    test what web/npm/dist/ already holds
set -euo pipefail
npm_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$(dirname "$npm_dir")")"
export CURL2CODE_NPM_T0="$(date +%s%3N)"
fail() {
  echo "npm: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[ "${NO_BUILD:-0}" = "1" ] || "$npm_dir/build.sh" || fail "build failed"
[ -f "$npm_dir/dist/curl2code_bg.wasm" ] || fail "web/npm/dist/ is empty: run web/npm/build.sh"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/curl2code-npm-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
tarball="$(cd "$npm_dir/dist" && npm pack --silent --pack-destination "$tmp")" || fail "npm pack failed"
echo "npm pack: $tarball, $(wc -c < "$tmp/$tarball") bytes" >&2

# An empty ES-module project that installs only the tarball (and TypeScript, pinned, for the
# declaration check): nothing from this repository is on its module path.
mkdir "$tmp/project"
cd "$tmp/project"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
timeout 300 npm install --no-audit --no-fund --loglevel=error "$tmp/$tarball" typescript@5.9.3 \
  || fail "npm install of the tarball failed"
cp "$npm_dir/tests/consumer.mjs" "$npm_dir/tests/consumer.ts" .
CURL2CODE_VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$root/Cargo.toml")" \
  timeout 300 node consumer.mjs
