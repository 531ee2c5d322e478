#!/usr/bin/env bash
# Coverage-guided fuzzing of the whole pipeline with cargo-fuzz (libFuzzer) on the stable toolchain.
# Seeds the corpus with every fixture, runs for SECONDS (default 300), prints executions and crashes.
# Crashes land in fuzz/artifacts/convert/; each one found becomes a regression fixture.
# Usage: bash fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-300}"
tools="$(cd .. && pwd)/.tools"
if ! "$tools/bin/cargo-fuzz" --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2 --root "$tools" --quiet
fi
mkdir -p corpus/convert
for f in ../tests/fixtures/*.sh; do
  # Seeds without the test header, so the fuzzer starts from real pastes.
  grep -v -E '^# (shell|expect|wire|env): ' "$f" > "corpus/convert/$(basename "$f")" || true
done
# cargo-fuzz passes a few -Z flags; RUSTC_BOOTSTRAP lets the stable compiler accept them.
# No sanitizer (-s none): the stable toolchain ships no ASan runtime; overflow checks and
# debug assertions stay on, so panics, overflows and OOMs are still caught.
export RUSTC_BOOTSTRAP=1
"$tools/bin/cargo-fuzz" run -s none convert corpus/convert -- \
  -max_total_time="$secs" -max_len=4096 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 |
  tee /tmp/curl2code-fuzz.log | grep -E '^(#[0-9]+ +(DONE|NEW|pulse)|stat::|==|SUMMARY|artifact)' | tail -20
echo "executions: $(grep -E '^stat::number_of_executed_units' /tmp/curl2code-fuzz.log | awk '{print $2}')"
echo "crashes: $(ls artifacts/convert 2>/dev/null | wc -l)"
