// Size and speed of the web page: gzipped bytes of what the page sends (budget 200 KB for the
// WebAssembly module, every script and the style sheet together: pkg/app.js holds the glue and
// the page's modules, minified by bundle.mjs; sw.js is fetched on the first visit too), and the
// load-to-first-conversion time in Chromium (median of RUNS cold loads, each in a fresh
// profile). Run through web/size.sh after web/build.sh.
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { join } from 'node:path';
import { serve, browser, WEB } from './harness.mjs';

const BUDGET = 200 * 1024;
const RUNS = Math.max(1, Math.min(50, Number(process.env.RUNS) || 5));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function sizes() {
  // Budgeted first; then what is sent but is neither code nor style.
  const files = ['pkg/curl2code_web_bg.wasm', 'pkg/app.js', 'pkg/style.css', 'sw.js',
    'index.html', 'manifest.webmanifest', 'icon.svg'];
  const BUDGETED = 4;
  const rows = [];
  for (const f of files) {
    const bytes = await readFile(join(WEB, f));
    rows.push({ f, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, br: brotliCompressSync(bytes).length });
  }
  for (const { f, raw, gz, br } of rows) {
    console.log(`${f.padEnd(28)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(9)} gzip ${kb(br).padStart(9)} brotli`);
  }
  const budgeted = rows.slice(0, BUDGETED).reduce((sum, r) => sum + r.gz, 0);
  const page = rows.reduce((sum, r) => sum + r.gz, 0);
  console.log(`payload (wasm + JS + CSS) gzipped: ${kb(budgeted)} (budget ${kb(BUDGET)}); ` +
    `whole page with HTML, manifest and icon: ${kb(page)}`);
  return budgeted;
}

async function timing() {
  const server = await serve();
  const times = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      // A fresh profile per load: nothing cached, so this is the first visit's cost.
      const { context, close } = await browser();
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForFunction(() => document.documentElement.dataset.state, null, { timeout: 30_000 });
        const t = await page.evaluate(() => {
          const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
          const nav = performance.getEntriesByType('navigation')[0];
          return { first: at('curl2code:first-conversion'), wasm: at('curl2code:wasm-ready'),
            dom: nav ? nav.domContentLoadedEventEnd : null };
        });
        if (t.first === null) throw new Error('the page did not reach its first conversion');
        // A click on an example converts synchronously: the cost of one live conversion.
        t.convert = await page.evaluate(() => {
          const buttons = [...document.querySelectorAll('button[data-example]')];
          const start = performance.now();
          for (let i = 0; i < 20; i += 1) buttons[i % buttons.length].click();
          return (performance.now() - start) / 20;
        });
        times.push(t);
      } finally {
        await close();
      }
    }
  } finally {
    await server.close();
  }
  const median = (key) => {
    const xs = times.map((t) => t[key]).filter((x) => x !== null).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor(xs.length / 2)] : NaN;
  };
  const firsts = times.map((t) => t.first).sort((a, b) => a - b);
  console.log(`load to first conversion (Chromium, loopback, ${RUNS} cold loads): median ${median('first').toFixed(0)} ms, ` +
    `min ${firsts[0].toFixed(0)} ms, max ${firsts[firsts.length - 1].toFixed(0)} ms ` +
    `(DOMContentLoaded ${median('dom').toFixed(0)} ms, WebAssembly ready ${median('wasm').toFixed(0)} ms); ` +
    `one conversion of an example: median ${median('convert').toFixed(1)} ms`);
}

const budgeted = await sizes();
await timing();
if (budgeted > BUDGET) {
  console.log(`over budget by ${kb(budgeted - BUDGET)}`);
  process.exit(1);
}
