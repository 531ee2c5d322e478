// Browser tests of the curl2code web page, in Debian's Chromium via playwright-core.
// Run with web/test.sh (build + npm ci + this). Prints one line per test and a final plain
// `N passed, N failed` line (what CI reads); exits 1 when anything failed.
//
//   node tests/run.mjs [name-filter]
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, browser, WEB } from './harness.mjs';

const SHOTS = join(WEB, 'tests', 'screenshots');
const TEST_TIMEOUT = 30_000;
const RUN_TIMEOUT = 240_000;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// What every generated program of a language must contain for a plain GET (the brief's helper
// contract: one client/session, a retry helper with MAX_RETRIES, the URL as given).
const LANGUAGES = {
  python: { label: 'Python', markers: [/import requests/, /MAX_RETRIES/] },
  javascript: { label: 'JavaScript', markers: [/fetch\(/, /MAX_RETRIES/] },
  rust: { label: 'Rust', markers: [/reqwest/, /MAX_RETRIES/] },
};
const SIMPLE = "curl https://api.example.com/v1/items -H 'Accept: application/json'";

// Everything a page did that a test may want to check afterwards.
let origin = '';
const requests = []; // every request of every page, in order: [url, pageTag]
const problems = []; // page errors and console errors, across all pages

async function open(context, hash = '', viewport = null) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.setDefaultTimeout(10_000);
  const tag = `page${Math.random().toString(36).slice(2, 7)}`;
  page.on('request', (r) => requests.push([r.url(), tag]));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${origin}/${hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.state, null, { timeout: 20_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  assert(state === 'ready', `the page did not initialise (state ${state}): ${await diagnostics(page)}`);
  page.tag = tag;
  return page;
}

const code = (page) => page.locator('#code').textContent();
const diagnostics = (page) => page.locator('#diagnostics').textContent();

// Waits until the debounced conversion has produced code matching every marker.
async function codeMatching(page, markers, what) {
  try {
    await page.waitForFunction((sources) => {
      const text = document.getElementById('code').textContent;
      return text !== '' && sources.every((s) => new RegExp(s).test(text));
    }, markers.map((m) => m.source), { timeout: 5_000 });
  } catch {
    const diag = (await diagnostics(page)).slice(0, 600);
    throw new Error(`${what}: no code matching ${markers.join(' ')}; diagnostics: ${diag || '(none)'}`);
  }
  return code(page);
}

// Waits until the code differs from `before` (a debounced conversion after an option change).
async function codeChangedFrom(page, before, what) {
  try {
    await page.waitForFunction((b) => {
      const text = document.getElementById('code').textContent;
      return text !== '' && text !== b;
    }, before, { timeout: 5_000 });
  } catch {
    throw new Error(`${what}: the code did not change; diagnostics: ${(await diagnostics(page)).slice(0, 400) || '(none)'}`);
  }
  return code(page);
}

async function typeCommand(page, text) {
  await page.fill('#input', '');
  // Typed key by key, so the live (debounced) conversion is what produces the output.
  await page.locator('#input').pressSequentially(text);
  // Past the 120 ms debounce: what the page shows now is the whole command's conversion, not a
  // prefix's (a prefix such as `curl https://host/` converts too).
  await page.waitForTimeout(400);
}

// ---------------------------------------------------------------------------------------------

test('page loads, initialises the WebAssembly module and has the expected furniture', async ({ context }) => {
  const page = await open(context);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert(csp && csp.includes("default-src 'self'") && csp.includes("'wasm-unsafe-eval'"), `CSP: ${csp}`);
  // A real icon (also the install icon): a missing favicon shows as a console error.
  assert(await page.getAttribute('link[rel="icon"]', 'href') === 'icon.svg', 'favicon is icon.svg');
  assert(await page.locator('input[name="language"]').count() === 3, 'three languages');
  assert(await page.locator('button[data-example]').count() >= 5, 'five examples');
  assert(await page.locator('.policy tbody tr').count() >= 7, 'the retry policy table');
  const mark = await page.evaluate(() => performance.getEntriesByName('curl2code:first-conversion').length);
  assert(mark === 1, 'first conversion is marked for web/size.sh');
  await page.close();
});

for (const [lang, { label, markers }] of Object.entries(LANGUAGES)) {
  test(`typing a command converts it to ${label}`, async ({ context }) => {
    const page = await open(context);
    await page.check(`input[name="language"][value="${lang}"]`);
    await typeCommand(page, SIMPLE);
    const text = await codeMatching(page, [...markers, /api\.example\.com\/v1\/items/, /[Aa]ccept/], label);
    assert(await page.locator('#copy').isEnabled(), 'copy button enabled when there is code');
    assert(await page.locator('#filename').textContent() !== '', 'file name shown');
    assert(!text.includes('<span'), 'code is text, not HTML');
    await page.close();
  });
}

test('switching language re-renders at once', async ({ context }) => {
  const page = await open(context);
  await typeCommand(page, SIMPLE);
  const py = await codeMatching(page, LANGUAGES.python.markers, 'python');
  await page.check('input[name="language"][value="rust"]');
  const rs = await codeChangedFrom(page, py, 'rust');
  assert(LANGUAGES.rust.markers.every((m) => m.test(rs)), 'rust markers');
  await page.close();
});

test('retry options change the code: max retries 5, jitter none, no retry', async ({ context }) => {
  const page = await open(context);
  await typeCommand(page, SIMPLE);
  const base = await codeMatching(page, [/MAX_RETRIES/], 'defaults');
  assert(/MAX_RETRIES\b[^\n]*\b3\b/.test(base), 'default MAX_RETRIES is 3');

  await page.fill('#max_retries', '5');
  const five = await codeMatching(page, [/MAX_RETRIES\b[^\n]*\b5\b/], 'max retries 5');

  await page.selectOption('#jitter', 'none');
  const exact = await codeChangedFrom(page, five, 'jitter none');
  assert(/MAX_RETRIES\b[^\n]*\b5\b/.test(exact), 'max retries kept with jitter none');
  // The brief: no jitter code when jitter is none.
  assert(/random\.uniform/.test(five) && !/random\.uniform/.test(exact), 'jitter code only with full jitter');

  await page.check('#no_retry');
  const plain = await codeChangedFrom(page, exact, 'no retry');
  assert(!/MAX_RETRIES/.test(plain), 'no retry loop constants with --no-retry');
  assert(plain.length < exact.length, 'the plain program is shorter');

  await page.click('#reset');
  const again = await codeMatching(page, [/MAX_RETRIES\b[^\n]*\b3\b/], 'reset');
  assert(again === base, 'reset restores the default program');
  await page.close();
});

test('an invalid option is reported, not converted', async ({ context }) => {
  const page = await open(context);
  await page.fill('#max_retries', '-2');
  await page.waitForFunction(() => document.getElementById('diagnostics').textContent.includes('max retries'));
  assert(await code(page) === '', 'no code for an invalid form');
  await page.fill('#max_retries', '');
  await page.waitForFunction(() => !document.getElementById('diagnostics').textContent.includes('max retries'));
  await page.close();
});

test('a bad command shows a caret error and no crash', async ({ context }) => {
  const page = await open(context);
  const before = problems.length;
  await typeCommand(page, "curl -H 'Accept: json https://api.example.com/");
  await page.waitForFunction(() => document.getElementById('diagnostics').dataset.kind === 'error');
  const text = await diagnostics(page);
  assert(/^error: /m.test(text), `an error line: ${text}`);
  assert(/^\s*\|\s*\^+/m.test(text) || /^\s*\|\s+\^/m.test(text), `a caret line under the input:\n${text}`);
  assert(/--> input:1:\d+/.test(text), `a location line:\n${text}`);
  assert(await code(page) === '', 'no code on error');
  assert(!(await page.locator('#copy').isEnabled()), 'nothing to copy');
  // Junk of every kind must come back as diagnostics, never as an exception.
  const junk = ['', '   ', 'curl', 'curl -', 'curl --', "curl '", 'curl "$', 'curl ^', 'curl `',
    'curl -X', 'curl -H', 'curl --data', 'curl http://[', 'curl -u', 'wget x', '\u0000\u0001',
    'curl $\'\\x', 'curl <<EOF', 'curl | |', 'curl -F =@', 'é'.repeat(200), 'curl '.repeat(300)];
  for (const input of junk) {
    await page.fill('#input', input);
    await page.waitForTimeout(5);
  }
  await page.waitForTimeout(300);
  const after = problems.slice(before);
  assert(after.length === 0, `page errors: ${after.join('; ')}`);
  assert(!(await diagnostics(page)).includes('internal error'), 'no internal error');
  await page.close();
});

test('the copy button puts the code on the clipboard', async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await open(context);
  await typeCommand(page, SIMPLE);
  const text = await codeMatching(page, LANGUAGES.python.markers, 'python');
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert(clip === text, 'clipboard holds exactly the code');
  await page.close();
});

test('the share link restores input and options in a fresh page', async ({ context }) => {
  const page = await open(context);
  const input = "curl -X PUT 'https://api.example.com/v1/items/7?x=1&y=a b' -d 'name=é&q=%20'";
  await page.fill('#input', input);
  await page.check('input[name="language"][value="javascript"]');
  await page.selectOption('#shell', 'bash');
  await page.fill('#max_retries', '5');
  await page.fill('#deadline', '12.5');
  await page.selectOption('#jitter', 'none');
  await page.check('#circuit_breaker');
  await page.waitForTimeout(300);
  const produced = await code(page);
  await page.click('#share');
  const url = await page.inputValue('#share-url');
  assert(url.startsWith(`${origin}/#`), `share link on this page: ${url}`);
  assert(!url.split('#')[0].includes('curl'), 'the command is only in the fragment');
  assert(await page.evaluate(() => location.hash.length > 1), 'the address bar holds the link');
  await page.close();

  const fresh = await open(context, url.slice(origin.length + 1));
  assert(await fresh.inputValue('#input') === input, 'input restored byte for byte');
  assert(await fresh.isChecked('input[name="language"][value="javascript"]'), 'language restored');
  assert(await fresh.inputValue('#shell') === 'bash', 'shell restored');
  assert(await fresh.inputValue('#max_retries') === '5', 'max retries restored');
  assert(await fresh.inputValue('#deadline') === '12.5', 'deadline restored');
  assert(await fresh.inputValue('#jitter') === 'none', 'jitter restored');
  assert(await fresh.isChecked('#circuit_breaker'), 'circuit breaker restored');
  assert(!(await fresh.isChecked('#no_retry')), 'unset flags stay unset');
  assert(await code(fresh) === produced, 'the same code is produced');
  await fresh.close();
});

test('a secret in the input shows a note next to the share link', async ({ context }) => {
  const page = await open(context);
  const cases = [
    ["curl -H 'Authorization: Bearer abc' https://x.example.com", true],
    ['curl -u sk_test_abc: https://api.stripe.com/v1/charges', true],
    ['curl -u alice:s3cret https://x.example.com', true],
    ["curl 'https://x.example.com/?api_key=123'", true],
    ["curl 'https://x.example.com/?access_token=123'", true],
    ['curl https://x.example.com/ -d key=sk_live_123', true],
    ['curl https://api.example.com/v1/items', false],
  ];
  for (const [input, secret] of cases) {
    await page.fill('#input', input);
    await page.waitForTimeout(200);
    const visible = await page.isVisible('#secret-note');
    assert(visible === secret, `${input}: note ${visible ? 'shown' : 'hidden'}`);
  }
  await page.close();
});

test('every example converts without an error', async ({ context }) => {
  const page = await open(context);
  const failures = [];
  for (const button of await page.locator('button[data-example]').all()) {
    const name = await button.getAttribute('data-example');
    for (const lang of Object.keys(LANGUAGES)) {
      await page.check(`input[name="language"][value="${lang}"]`);
      await button.click();
      const text = await code(page);
      const kind = await page.getAttribute('#diagnostics', 'data-kind');
      if (text === '' || kind === 'error') {
        failures.push(`${name}/${lang}: ${(await diagnostics(page)).split('\n')[0]}`);
      }
    }
  }
  assert(failures.length === 0, failures.join('; '));
  await page.close();
});

test('the page keeps working offline and sends no request after load', async ({ context }) => {
  const page = await open(context);
  const loaded = requests.filter(([, tag]) => tag === page.tag).length;
  await context.setOffline(true);
  try {
    for (const button of await page.locator('button[data-example]').all()) await button.click();
    await page.check('input[name="language"][value="rust"]');
    await typeCommand(page, 'curl https://api.example.com/offline');
    await page.waitForTimeout(300);
    const diag = await page.getAttribute('#diagnostics', 'data-kind');
    assert(diag !== undefined, 'still converting');
    assert(!(await diagnostics(page)).includes('could not load'), 'converter still loaded');
  } finally {
    await context.setOffline(false);
  }
  const after = requests.filter(([, tag]) => tag === page.tag).slice(loaded);
  assert(after.length === 0, `requests after load: ${after.map(([u]) => u).join(', ')}`);
  await page.close();
});

test('a phone-sized screen has no sideways scrolling; light and dark screenshots', async ({ context }) => {
  await mkdir(SHOTS, { recursive: true });
  const page = await open(context);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, 'desktop-light.png') });
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, 'desktop-dark.png') });
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert(lightBg !== darkBg, `dark mode changes the background (${lightBg})`);
  await page.close();
  // Loaded at phone size, as a phone would: the options start folded so the code is near.
  const phone = await open(context, '', { width: 390, height: 844 });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `the page is ${overflow}px wider than a phone`);
  assert(!(await phone.evaluate(() => document.getElementById('retry').open)), 'options folded on a phone');
  await phone.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true });
  await phone.close();
});

test('no request ever left for another origin; no console or page errors', async () => {
  const foreign = requests.filter(([u]) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  assert(requests.length > 0, 'requests were recorded');
  assert(foreign.length === 0, `foreign requests: ${foreign.map(([u]) => u).join(', ')}`);
  assert(problems.length === 0, problems.join('\n'));
});

// ---------------------------------------------------------------------------------------------

async function main() {
  const filter = process.argv[2] || '';
  const server = await serve();
  origin = server.origin;
  const { context, close } = await browser();
  let passed = 0;
  let failed = 0;
  try {
    for (const { name, fn } of tests) {
      if (filter && !name.includes(filter)) continue;
      let timer;
      try {
        await Promise.race([
          fn({ context }),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT} ms`)), TEST_TIMEOUT);
          }),
        ]);
        passed += 1;
        console.log(`ok      ${name}`);
      } catch (e) {
        failed += 1;
        console.log(`FAILED  ${name}\n        ${String(e.message || e).split('\n').join('\n        ')}`);
        for (const page of context.pages()) await page.close().catch(() => {});
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    await close();
    await server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const guard = setTimeout(() => {
  console.log('browser tests: overall timeout');
  console.log('0 passed, 1 failed');
  process.exit(1);
}, RUN_TIMEOUT);
main().then((code) => {
  clearTimeout(guard);
  process.exit(code);
}, (e) => {
  console.log(`browser tests could not run: ${e.stack || e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
