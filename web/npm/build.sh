#!/usr/bin/env bash
# Builds the npm package into web/npm/dist/ (gitignored): the curl2code-npm WebAssembly module
# and its wasm-bindgen glue, made by web/build.sh (same pinned CLI, profile and wasm-opt as the
# page), plus the hand-written entry points, types and README in web/npm/package/.
#
#   web/npm/build.sh                     then: cd web/npm/dist && npm publish
#
# A module of its own rather than the page's: the package returns diagnostics as data (spans,
# labels, help), and exporting that from the page's module would grow the page's payload.
set -euo pipefail
npm_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
web="$(dirname "$npm_dir")"
root="$(dirname "$web")"
dist="$npm_dir/dist"

# wasm-opt comes from web/node_modules (npm's binaryen); install it as web/test.sh does, so the
# published module is optimised whether or not the page was built first.
if ! cmp -s "$web/package-lock.json" "$web/node_modules/.curl2code-installed" 2>/dev/null; then
  (cd "$web" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
  cp "$web/package-lock.json" "$web/node_modules/.curl2code-installed"
fi

CRATE=curl2code-npm OUT_DIR="$dist" OUT_NAME=curl2code "$web/build.sh"
# wasm-bindgen writes a .gitignore of `*` into its output directory, which npm pack would obey.
rm -f "$dist/.gitignore"
cp "$npm_dir"/package/{package.json,README.md,index.js,node.js,core.js,index.d.ts} "$root/LICENSE" "$dist/"

# One version for the crate and the package: the root Cargo.toml's.
version="$(awk -F'"' '/^version = / { print $2; exit }' "$root/Cargo.toml")"
node -e '
  const fs = require("node:fs");
  const [file, version] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.version = version;
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$dist/package.json" "$version"
echo "build: npm package curl2code@$version in web/npm/dist/" >&2
