// Runs inside an empty temporary project that installed the packed tarball (see ../test.sh):
// imports `curl2code` exactly as a user would, checks the Node and browser entry points, the
// README's examples and the TypeScript declarations. Prints one line per test and a final plain
// `N passed, N failed` line (what CI reads); exits 1 when anything failed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { convert, init } from 'curl2code';

const PKG = new URL('./node_modules/curl2code/', import.meta.url);
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// Runs a module in a fresh Node process (a fresh module graph: nothing loaded yet).
function node(file, source) {
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `${file} exited ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

test('the tarball holds the entry points, types, module, README and LICENSE, nothing else', () => {
  assert.deepEqual(readdirSync(PKG).sort(), [
    'LICENSE', 'README.md', 'core.js', 'curl2code.js', 'curl2code_bg.wasm', 'index.d.ts',
    'index.js', 'node.js', 'package.json',
  ]);
  const pkg = JSON.parse(readFileSync(new URL('package.json', PKG), 'utf8'));
  assert.equal(pkg.name, 'curl2code');
  assert.equal(pkg.version, process.env.CURL2CODE_VERSION, 'the crate and the package share a version');
});

test('Node resolves `curl2code` to the entry that loads at import', () => {
  assert.match(import.meta.resolve('curl2code'), /\/node_modules\/curl2code\/node\.js$/);
});

test('converts to Python, JavaScript and Rust', () => {
  const command = 'curl -H "Accept: application/json" https://api.example.com/users';
  const expected = { python: 'import requests', javascript: 'await fetch(', rust: 'reqwest' };
  for (const [language, marker] of Object.entries(expected)) {
    const r = convert(command, { language });
    assert.equal(r.ok, true, r.report);
    assert.ok(r.code.includes('https://api.example.com/users'), language);
    assert.ok(r.code.includes(marker), `${language}: ${marker}`);
    assert.deepEqual([r.warnings, r.errors, r.report], [[], [], '']);
  }
  assert.ok(convert(command).code.includes('import requests'), 'Python is the default');
});

test('warnings carry spans in UTF-16 units, line and column', () => {
  const command = "curl -H 'X-Name: Zoë 😀' \\\n  --dns-servers 127.0.0.1 https://a/";
  const r = convert(command, { language: 'js' });
  assert.equal(r.ok, true);
  assert.equal(r.warnings.length, 1);
  const [w] = r.warnings;
  assert.equal(w.severity, 'warning');
  assert.equal(command.slice(w.span.start, w.span.end), '--dns-servers');
  assert.deepEqual([w.span.line, w.span.column, w.label, w.help], [2, 3, 'not converted', null]);
  assert.match(r.report, /^warning: `--dns-servers` is not converted/);
});

test('an unconvertible command is an error result, not an exception', () => {
  const command = 'curl --lcation https://api.example.com/';
  const r = convert(command, { language: 'rust' });
  assert.equal(r.ok, false);
  assert.equal(r.code, '');
  assert.equal(r.errors.length, 1);
  const [e] = r.errors;
  assert.deepEqual(
    { ...e, span: command.slice(e.span.start, e.span.end) },
    {
      severity: 'error', message: 'unknown option `--lcation`', label: 'curl has no such option',
      help: 'did you mean `--location`?', span: '--lcation',
    },
  );
  assert.ok(r.report.includes('^^^^^^^^^ curl has no such option'), r.report);
  const empty = convert('   ');
  assert.equal(empty.ok, false);
  assert.equal(empty.errors[0].span, null);
});

test('options reach the generated code', () => {
  const r = convert('curl https://api.example.com/x', {
    language: 'javascript', maxRetries: 7, jitter: 'none', fallbackUrls: ['https://backup.example.com'],
  });
  assert.ok(r.code.includes('const MAX_RETRIES = 7;'), r.code);
  assert.ok(r.code.includes('"https://backup.example.com"'), r.code);
  const plain = convert('curl https://api.example.com/x', { noRetry: true, maxRetries: undefined });
  // One attempt: the helper keeps its shape with retries off.
  assert.ok(/MAX_RETRIES = 0\b/.test(plain.code) && !/MAX_RETRIES = 7\b/.test(plain.code), plain.code);
});

test('a bad call throws, and the next call still works', () => {
  assert.throws(() => convert(42), TypeError);
  assert.throws(() => convert('curl x', null), TypeError);
  assert.throws(() => convert('curl x', { maxRetry: 3 }), /unknown option `maxRetry`/);
  assert.throws(() => convert('curl x', { maxRetries: -1 }), TypeError);
  assert.throws(() => convert('curl x', { timeout: Infinity }), TypeError);
  assert.throws(() => convert('curl x', { fallbackUrls: 'https://b' }), TypeError);
  assert.throws(() => convert('curl x', { language: 'cobol' }), (e) =>
    e instanceof RangeError && e.message.includes('unknown language `cobol`'));
  assert.equal(convert('curl https://a.example.com/').ok, true);
});

test('the browser/bundler entry converts after init() and explains before it', () => {
  const out = node('browser-entry.mjs', `
    import { readFileSync } from 'node:fs';
    import { init, convert } from './node_modules/curl2code/index.js';
    let before;
    try { convert('curl https://a/'); } catch (e) { before = e.message; }
    await init(readFileSync('./node_modules/curl2code/curl2code_bg.wasm'));
    await init(); // a second call is a no-op, not a second fetch
    console.log(JSON.stringify({ before, ok: convert('curl https://a/', { language: 'rust' }).ok }));
  `);
  const { before, ok } = JSON.parse(out);
  assert.match(before, /await init\(\)/);
  assert.equal(ok, true);
});

test('the README examples run, and print what their comments say', () => {
  const readme = readFileSync(new URL('README.md', PKG), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 3);
  blocks.forEach((source, i) => {
    const out = node(`readme-${i + 1}.mjs`, source);
    // A comment alone on its line right after a console.log is the output it promises.
    for (const [, expected] of source.matchAll(/^\/\/ (.*)$/gm)) {
      assert.ok(out.includes(expected), `README example ${i + 1} should print: ${expected}\n${out}`);
    }
  });
});

for (const resolution of ['nodenext', 'bundler']) {
  test(`index.d.ts type-checks a consumer (moduleResolution ${resolution})`, () => {
    const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
    writeFileSync(`tsconfig.${resolution}.json`, JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [],
        module, moduleResolution: resolution, exactOptionalPropertyTypes: true,
      },
      files: ['consumer.ts'],
    }));
    const r = spawnSync(process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`],
      { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}

await init();
let passed = 0;
let failed = 0;
for (const { name, fn } of tests) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${String(e.stack || e).replaceAll('\n', '\n  ')}`);
  }
}
const t0 = Number(process.env.CURL2CODE_NPM_T0);
if (t0) console.log(`npm package check took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
