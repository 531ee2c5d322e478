#!/usr/bin/env bash
# Builds the web page's WebAssembly module into web/pkg/ (gitignored), next to index.html.
#
#   web/build.sh            build (installs the pinned wasm-bindgen CLI into .tools/ when needed)
#   WASM_OPT=0 web/build.sh skip wasm-opt even when web/node_modules has it
#   WASM_OPT_LEVEL=-Oz web/build.sh  other wasm-opt flags (default -O2 without inlining, see below)
#   KEEP_NAMES=1 web/build.sh keep function names (readable stack traces in devtools, ~40 KB gzip)
#   CRATE=curl2code-npm OUT_DIR=… OUT_NAME=curl2code web/build.sh  another bindings crate, same
#                           toolchain and optimisation (web/npm/build.sh does this for the npm package)
#
# wasm-bindgen's CLI must be the exact version of the crate in Cargo.lock, or the glue and the
# module disagree; it is installed into the repository's .tools/ (gitignored), never globally.
# wasm-opt is optional and only ever taken from npm's `binaryen` (web/node_modules): Debian's
# binaryen 108 silently breaks current wasm-bindgen output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
cd "$root"
crate="${CRATE:-curl2code-web}"
out="${OUT_DIR:-$web/pkg}"
name="${OUT_NAME:-${crate//-/_}}"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "build: adding the wasm32-unknown-unknown target" >&2
  rustup target add wasm32-unknown-unknown
fi

# The version cargo resolved for the crate: the CLI must match it exactly.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$version" ]; then
  echo "build: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
bindgen="$root/.tools/bin/wasm-bindgen"
if [ "$("$bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $version" ]; then
  echo "build: installing wasm-bindgen-cli $version into .tools/ (about 2 minutes, once)" >&2
  # No --locked: the CLI's own lockfile pins a webpki-roots the registry here does not serve.
  timeout 1200 cargo install wasm-bindgen-cli --version "$version" --no-default-features \
    --root "$root/.tools" --quiet
fi

# [profile.wasm] in the root Cargo.toml: release + opt-level "z"; the CLI keeps its own profile.
# One module per target language for the page (a visit downloads the converter of the language it
# shows; pkg/<lang>/), one module with every language for the npm package. Python's and Rust's
# page modules leave out the --exact parts of their generator (curl2code's `exact` feature; small
# since --exact is a switch of the default generator); ticking "Exact bytes" loads pkg/<lang>-exact/,
# built with them (feature `exact-only`: every conversion there is --exact). JavaScript's module
# carries its --exact parts, so it has one module.
if [ "$crate" = curl2code-web ]; then
  builds=(python:python python-exact:python,exact-only javascript:javascript,exact rust:rust
    rust-exact:rust,exact-only)
else
  builds=(all)
fi
rm -rf "$out"
for build in "${builds[@]}"; do
  if [ "$build" = all ]; then
    timeout 1800 cargo build --profile wasm --target wasm32-unknown-unknown -p "$crate"
    dest="$out"
  else
    timeout 1800 cargo build --profile wasm --target wasm32-unknown-unknown -p "$crate" \
      --no-default-features --features "${build#*:}"
    dest="$out/${build%%:*}"
  fi
  wasm="$root/target/wasm32-unknown-unknown/wasm/${crate//-/_}.wasm"

  strip=(--remove-name-section --remove-producers-section)
  [ "${KEEP_NAMES:-0}" = "1" ] && strip=()
  "$bindgen" --target web --no-typescript "${strip[@]}" --out-name "$name" --out-dir "$dest" "$wasm"

  opt="$web/node_modules/.bin/wasm-opt"
  if [ "${WASM_OPT:-1}" != "0" ] && [ -x "$opt" ]; then
    bg="$dest/${name}_bg.wasm"
    # Gzip is what is sent, and gzip dislikes wasm-opt's inlining: it copies function bodies that
    # compress worse than the calls they replace. Measured on this module (wasm gzipped, KB): none
    # 183.0, -O1 182.0, -O2 190.8, -Oz 190.7, -O2 without its inlining pass 180.9. Again on Rust's
    # default module (2026-12-04, before the insertion sort): none 174.0, -O1 173.8, -O2 without
    # inlining 172.9 (with --converge 172.8, not worth the time), -O3 without inlining 173.5, -Os
    # without inlining 173.7, -Oz without inlining 173.8.
    # The --enable-* list is what current rustc emits by default; wasm-opt rejects the module without.
    read -r -a flags <<< "${WASM_OPT_LEVEL:--O2 --skip-pass=inlining-optimizing}"
    timeout 600 "$opt" "${flags[@]}" --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types \
      $([ "${KEEP_NAMES:-0}" = "1" ] && echo --debuginfo) "$bg" -o "$bg.opt"
    mv "$bg.opt" "$bg"
    echo "build: wasm-opt ${flags[*]} applied ($("$opt" --version))" >&2
  fi
  echo "build: $(wc -c < "$dest/${name}_bg.wasm") bytes of wasm in ${dest#"$root"/}/" >&2
done

if [ "$crate" = curl2code-web ]; then
  if ! cmp -s "$web/package-lock.json" "$web/node_modules/.curl2code-installed" 2>/dev/null; then
    (cd "$web" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
    cp "$web/package-lock.json" "$web/node_modules/.curl2code-installed"
  fi
  node "$web/bundle.mjs"
fi
