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

const LANGUAGES = ['python', 'javascript', 'rust'];
// The modules with the --exact generators (web/build.sh), loaded when the reader asks for them:
// reported, with what a visit that starts from an --exact share link downloads.
const EXACT = ['python-exact', 'rust-exact'];

async function row(f) {
  const bytes = await readFile(join(WEB, f));
  const r = { f, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, br: brotliCompressSync(bytes).length };
  console.log(`${f.padEnd(34)} ${kb(r.raw).padStart(10)} raw ${kb(r.gz).padStart(9)} gzip ${kb(r.br).padStart(9)} brotli`);
  return r;
}

// A visit downloads the page's own scripts and style and ONE language's converter (its module and
// glue; web/build.sh): the payload is that sum, and the budget holds for the largest language.
async function sizes() {
  const shared = [];
  for (const f of ['pkg/app.js', 'pkg/style.css', 'sw.js']) shared.push(await row(f));
  const other = [];
  for (const f of ['index.html', 'manifest.webmanifest', 'icon.svg']) other.push(await row(f));
  const sum = (rows) => rows.reduce((s, r) => s + r.gz, 0);
  let worst = 0;
  for (const lang of LANGUAGES) {
    const own = [await row(`pkg/${lang}/curl2code_web_bg.wasm`), await row(`pkg/${lang}/curl2code_web.js`)];
    const payload = sum(shared) + sum(own);
    worst = Math.max(worst, payload);
    console.log(`payload for ${lang} (wasm + JS + CSS) gzipped: ${kb(payload)} (budget ${kb(BUDGET)}); ` +
      `with HTML, manifest and icon: ${kb(payload + sum(other))}`);
  }
  console.log(`payload (largest language) gzipped: ${kb(worst)} (budget ${kb(BUDGET)})`);
  for (const name of EXACT) {
    const own = [await row(`pkg/${name}/curl2code_web_bg.wasm`), await row(`pkg/${name}/curl2code_web.js`)];
    console.log(`payload of a visit that starts with --exact in ${name.replace('-exact', '')} gzipped: ` +
      `${kb(sum(shared) + sum(own))}`);
  }
  return worst;
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
