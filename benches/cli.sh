#!/usr/bin/env bash
# Whole-process figures for the CLI (wall time and peak memory for one conversion) and the web
# payload size. Prints numbers; asserts nothing (these machines are shared and noisy).
# Usage: bash benches/cli.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"
cargo build --release --quiet
bin=target/release/curl2code
cmd='curl -X POST https://api.example.com/v1/items -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d "{\"name\":\"widget\"}" --retry 3'
for lang in python javascript rust; do
  "$bin" --lang "$lang" "$cmd" >/dev/null
  python3 - "$bin" "$lang" "$cmd" "$runs" <<'PY'
import subprocess, sys, time
bin, lang, cmd, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([bin, "--lang", lang, cmd], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
times.sort()
mean = sum(times) / len(times)
print(f"cli {lang:<10} wall: mean {mean*1e3:.2f} ms, median {times[len(times)//2]*1e3:.2f} ms, p95 {times[int(len(times)*0.95)]*1e3:.2f} ms over {runs} runs")
PY
done
peak_kb=$(/usr/bin/time -f '%M' "$bin" --lang python "$cmd" 2>&1 >/dev/null | tail -1)
echo "cli peak memory (max RSS): $((peak_kb / 1024)).$(( (peak_kb % 1024) * 10 / 1024 )) MiB"
big=$(python3 -c "print('curl https://api.example.com/bulk -d \'' + 'x' * 1000000 + '\'')")
peak_kb=$(printf '%s' "$big" | /usr/bin/time -f '%M' "$bin" --lang python - 2>&1 >/dev/null | tail -1)
echo "cli peak memory for a 1 MB input: $((peak_kb / 1024)) MiB"
if ls web/pkg/*.wasm >/dev/null 2>&1; then
  wasm=$(cat web/pkg/*.wasm | gzip -9 | wc -c)
  glue=$(cat web/pkg/*.js | gzip -9 | wc -c)
  echo "web payload gzipped: wasm $((wasm / 1024)) KiB + js glue $((glue / 1024)) KiB = $(((wasm + glue) / 1024)) KiB (budget 200 KB)"
else
  echo "web payload: not built (run web/build.sh first)"
fi
