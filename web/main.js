// curl2code web page: wires the form to the WebAssembly converter.
// What code to emit is decided in Rust (curl2code::convert); this file only moves text between the
// form and the module, keeps the state in the URL fragment on request, and never builds HTML:
// every piece of text is set with textContent or built with DOM APIs (highlight.js, schedule.js).
import { paint } from './highlight.js';
import { draw } from './schedule.js';

const EXAMPLES = {
  // Chrome DevTools → Network → Copy → Copy as cURL (bash).
  chrome: String.raw`curl 'https://api.example.com/v1/search?q=running+shoes&page=2' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-US,en;q=0.9' \
  -b 'session=9f2c1e; theme=dark' \
  -H 'priority: u=1, i' \
  -H 'referer: https://shop.example.com/search' \
  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Linux"' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: same-site' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'`,
  // Chrome's "Copy as cURL (cmd)": every special character behind a ^, quotes as \^".
  cmd: String.raw`curl ^"https://api.example.com/v1/orders?status=open^&limit=20^" ^
  -H ^"accept: application/json^" ^
  -H ^"accept-language: en-US,en;q=0.9^" ^
  -H ^"content-type: application/json^" ^
  -b ^"session=9f2c1e; theme=dark^" ^
  -H ^"origin: https://shop.example.com^" ^
  -H ^"user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36^" ^
  --data-raw ^"^{^\^"sku^\^":^\^"A-100^\^",^\^"qty^\^":2,^\^"note^\^":^\^"50^% off^\^"^}^"`,
  // Stripe's docs style: the secret key as the basic-auth user, form fields with -d.
  stripe: String.raw`curl https://api.stripe.com/v1/customers \
  -u sk_test_EXAMPLE0000000000000000000: \
  -d email="jenny.rosen@example.com" \
  -d name="Jenny Rosen" \
  -d "metadata[order_id]=6735"`,
  // GitHub's REST docs style: the token comes from the environment at run time.
  github: String.raw`curl -L \
  -H "Accept: application/vnd.github+json" \
  -H "Authorization: Bearer $GITHUB_TOKEN" \
  -H "X-GitHub-Api-Version: 2022-11-28" \
  https://api.github.com/repos/octocat/hello-world/issues`,
  // curl 7.82+: --json sets the body and both JSON headers.
  json: String.raw`curl --json '{"name": "widget", "tags": ["blue", "large"], "price": 9.5}' \
  https://api.example.com/v1/items`,
};

// Form fields that map 1:1 onto Settings (and onto the CLI's flags of the same name).
const NUMBERS = ['max_retries', 'base_delay', 'max_delay', 'deadline', 'timeout', 'connect_timeout'];
const FLAGS = ['exact', 'env_secrets', 'retry_non_idempotent', 'idempotency_key', 'circuit_breaker', 'no_retry'];
const LABELS = {
  max_retries: 'max retries', base_delay: 'base delay', max_delay: 'max delay',
  deadline: 'deadline', timeout: 'attempt timeout', connect_timeout: 'connect timeout',
};
// The libraries each language's module converts to, as `--lang` names: the first is the core
// target, the others its flavours (one module serves them all).
const FLAVOURS = {
  python: [['python', 'requests'], ['python-httpx', 'httpx'], ['python-async', 'httpx, async']],
  javascript: [['javascript', 'fetch'], ['javascript-axios', 'axios'], ['typescript', 'TypeScript']],
  rust: [['rust', 'reqwest, async'], ['rust-blocking', 'reqwest, blocking']],
};
// The names the generated programs' own "Run:" comments use.
const FILENAMES = { python: 'request.py', javascript: 'request.mjs', rust: 'src/main.rs', typescript: 'request.ts' };

// Things a share link should not carry without the user noticing. Deliberately broad: a false
// alarm costs a glance, a missed key costs a rotation.
const SECRETS = [
  [/authorization\s*:/i, 'an Authorization header'],
  [/\bbearer\s+\S/i, 'a Bearer token'],
  [/\b[\w-]*token=/i, 'a token= parameter'],
  [/api[_-]?key/i, 'an API key'],
  [/(?:^|\s)(?:-u|--user)(?:=|\s*)\S*:/, 'a -u user:password'],
  [/\b[rsp]k_(?:live|test)_\w/, 'a Stripe-style key'],
  [/\b(?:password|passwd|secret|client_secret)=/i, 'a password or client secret'],
  [/(?:^|\s)(?:-b|--cookie)\s|\bcookie\s*:/i, 'cookies'],
  [/\bgh[pousr]_\w{20,}|\bxox[abpr]-|\bAKIA[0-9A-Z]{16}\b/, 'an access token'],
];

const $ = (id) => document.getElementById(id);
const el = {
  input: $('input'), shell: $('shell'), jitter: $('jitter'), fallback: $('fallback_urls'),
  diagnostics: $('diagnostics'), code: $('code'), output: $('output'), filename: $('filename'),
  copy: $('copy'), copyStatus: $('copy-status'), share: $('share'), shareStatus: $('share-status'),
  shareUrl: $('share-url'), secretNote: $('secret-note'), reset: $('reset'), flavour: $('flavour'),
  schedule: $('schedule'), caption: $('schedule-caption'), health: $('health_check'),
};

// One WebAssembly module per language (web/build.sh): a visit downloads the converter of the
// language it shows, and another one when the reader picks another language. Python's and Rust's
// default modules leave out the --exact parts of their generator; ticking "Exact bytes" loads the
// language's `-exact` module, built with them, which converts every command as --exact (the
// default output stays with the first). Each loaded module keeps one Settings, filled before each
// conversion.
const EXACT_MODULES = { python: 'python-exact', rust: 'rust-exact' };
const engines = {}; // module name -> { convert, settings }
const loading = {}; // module name -> Promise of the above

// The module that converts `state`: the language's, or its `-exact` one for --exact.
const moduleFor = (state) => (state.exact && EXACT_MODULES[state.language]) || state.language;

function load(name) {
  loading[name] ??= (async () => {
    const base = new URL(`pkg/${name}/`, document.baseURI);
    // A computed URL: the bundler leaves the module out of app.js and the browser fetches it.
    const m = await import(new URL('curl2code_web.js', base).href);
    await m.default({ module_or_path: new URL('curl2code_web_bg.wasm', base) });
    engines[name] = { convert: m.convert, settings: new m.Settings() };
    return engines[name];
  })();
  return loading[name];
}
let timer = 0;
let firstDone = false;
let shown = ''; // the program as text, for the copy button (the code element holds spans)

function language() {
  const checked = document.querySelector('input[name="language"]:checked');
  return checked ? checked.value : 'python';
}

// Fills the library picker with the flavours of `lang`, keeping `wanted` when it is one of them.
function fillFlavours(lang, wanted) {
  const list = FLAVOURS[lang] || FLAVOURS.python;
  el.flavour.replaceChildren(...list.map(([value, text]) => new Option(text, value)));
  el.flavour.value = list.some(([value]) => value === wanted) ? wanted : list[0][0];
}

// The `--lang` target the form asks for: the language's flavour, or the language itself.
const target = (state) => state.flavour || state.language;

// The form as a plain object keyed like Settings; `errors` lists fields the browser rejects.
function readForm() {
  const lang = language();
  const flavour = el.flavour.value && el.flavour.value !== lang ? el.flavour.value : undefined;
  const state = { input: el.input.value, language: lang, flavour, shell: el.shell.value,
    jitter: el.jitter.value, fallback_urls: el.fallback.value.trim(),
    health_check: el.health.value.trim(), errors: [] };
  for (const name of NUMBERS) {
    const field = $(name);
    const raw = field.value.trim();
    if (!field.validity.valid) {
      state.errors.push(`${LABELS[name]}: ${field.validationMessage || 'not a valid number'}`);
    } else if (raw !== '') {
      state[name] = Number(raw);
    }
  }
  for (const name of FLAGS) state[name] = $(name).checked;
  return state;
}

function writeForm(state) {
  if (typeof state.input === 'string') el.input.value = state.input;
  const lang = document.querySelector(`input[name="language"][value="${CSS.escape(state.language || 'python')}"]`);
  if (lang) lang.checked = true;
  fillFlavours(language(), state.flavour);
  el.shell.value = ['auto', 'bash', 'cmd', 'powershell'].includes(state.shell) ? state.shell : 'auto';
  el.jitter.value = state.jitter === 'none' ? 'none' : 'full';
  el.fallback.value = state.fallback_urls || '';
  el.health.value = state.health_check || '';
  for (const name of NUMBERS) $(name).value = state[name] ?? '';
  for (const name of FLAGS) $(name).checked = !!state[name];
}

function show(pre, text, kind) {
  pre.textContent = text;
  pre.hidden = text === '';
  pre.dataset.kind = kind;
}

function convertNow() {
  clearTimeout(timer);
  const state = readForm();
  el.filename.textContent = FILENAMES[target(state)] || FILENAMES[state.language] || '';
  updateSecretNote(state.input);
  if (state.errors.length) {
    show(el.diagnostics, state.errors.map((e) => `error: ${e}`).join('\n'), 'error');
    setCode('');
    return;
  }
  const name = moduleFor(state);
  const engine = engines[name];
  if (!engine) {
    // Converted again once that module has arrived; a failure is shown, not thrown.
    load(name).then(convertNow, (e) => {
      delete loading[name];
      show(el.diagnostics, `error: could not load the ${state.language} converter (${e}).`, 'error');
    });
    return;
  }
  const { convert, settings } = engine;
  settings.language = target(state);
  settings.shell = state.shell;
  for (const name of NUMBERS) settings[name] = state[name];
  settings.jitter = state.jitter;
  for (const name of FLAGS) settings[name] = state[name];
  settings.fallback_urls = state.fallback_urls ? state.fallback_urls.split(/[\s,]+/).filter(Boolean) : [];
  settings.health_check = state.health_check;
  let out;
  try {
    out = convert(state.input, settings);
  } catch (e) {
    // The converter promises never to panic; if it does, say so instead of failing silently.
    show(el.diagnostics, `internal error: ${e}\nPlease reload the page and report the input that caused this.`, 'error');
    setCode('');
    return;
  }
  const { ok, code, report, warnings } = out;
  // The picture reads the policy from the Output, so it is drawn before the Output is freed. On
  // an error the last good picture stays: a half-typed command should not blank it.
  if (ok) draw(el.schedule, el.caption, out);
  out.free();
  show(el.diagnostics, report, ok ? (warnings ? 'warning' : '') : 'error');
  setCode(ok ? code : '', state.language);
  if (!firstDone) {
    firstDone = true;
    // Read by web/size.sh: load-to-first-conversion time.
    performance.mark('curl2code:first-conversion');
    document.documentElement.dataset.state = 'ready';
  }
}

function setCode(code, lang) {
  shown = code;
  paint(el.code, code, lang);
  el.code.dataset.lang = lang || '';
  el.output.dataset.empty = code === '' ? 'true' : 'false';
  el.copy.disabled = code === '';
  el.copyStatus.textContent = '';
}

function schedule() {
  clearTimeout(timer);
  el.shareStatus.textContent = '';
  timer = setTimeout(convertNow, 120);
}

function updateSecretNote(input) {
  const found = SECRETS.filter(([re]) => re.test(input)).map(([, what]) => what);
  el.secretNote.hidden = found.length === 0;
  el.secretNote.textContent = found.length === 0 ? '' :
    `Careful: the input looks like it holds a secret (${found.join(', ')}). A share link carries ` +
    'the whole command: anyone who gets the link can read it. The part after # is never sent to ' +
    'a server, but it stays in your browser history.';
}

// The state as a URL fragment: only what differs from the defaults, so links stay short.
function toFragment(state) {
  const p = new URLSearchParams();
  if (state.language !== 'python') p.set('lang', state.language);
  if (state.flavour) p.set('flavour', state.flavour);
  if (state.shell !== 'auto') p.set('shell', state.shell);
  for (const name of NUMBERS) if (state[name] !== undefined) p.set(name, String(state[name]));
  if (state.jitter !== 'full') p.set('jitter', state.jitter);
  for (const name of FLAGS) if (state[name]) p.set(name, '1');
  if (state.fallback_urls) p.set('fallback_urls', state.fallback_urls);
  if (state.health_check) p.set('health_check', state.health_check);
  p.set('curl', state.input);
  return p.toString();
}

function fromFragment(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (!p.has('curl')) return null;
  const state = { input: p.get('curl'), language: p.get('lang') || 'python',
    flavour: p.get('flavour') || undefined,
    shell: p.get('shell') || 'auto', jitter: p.get('jitter') || 'full',
    fallback_urls: p.get('fallback_urls') || '', health_check: p.get('health_check') || '' };
  for (const name of NUMBERS) {
    const v = p.get(name);
    if (v !== null && v.trim() !== '' && Number.isFinite(Number(v))) state[name] = Number(v);
  }
  for (const name of FLAGS) state[name] = p.get(name) === '1';
  return state;
}

async function copyText(text, status, what) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `${what} copied`;
  } catch {
    status.textContent = 'Could not reach the clipboard: select the text and copy it by hand';
  }
}

function share() {
  const state = readForm();
  const url = `${location.origin}${location.pathname}#${toFragment(state)}`;
  // replaceState: the address bar shows the link without a history entry per click.
  history.replaceState(null, '', url);
  el.shareUrl.value = url;
  el.shareUrl.hidden = false;
  copyText(url, el.shareStatus, 'Link');
}

function restore() {
  const state = fromFragment(location.hash);
  if (!state) return false;
  writeForm(state);
  return true;
}

function wire() {
  el.input.addEventListener('input', schedule);
  for (const name of NUMBERS) $(name).addEventListener('input', schedule);
  el.fallback.addEventListener('input', schedule);
  el.health.addEventListener('input', schedule);
  for (const node of [el.shell, el.jitter, ...FLAGS.map($)]) node.addEventListener('change', convertNow);
  for (const radio of document.querySelectorAll('input[name="language"]')) {
    radio.addEventListener('change', () => {
      fillFlavours(language());
      convertNow();
    });
  }
  el.flavour.addEventListener('change', convertNow);
  for (const button of document.querySelectorAll('button[data-example]')) {
    button.addEventListener('click', () => {
      el.input.value = EXAMPLES[button.dataset.example] || '';
      // Chrome's cmd copy is detected too, but saying so shows the selector's purpose.
      el.shell.value = button.dataset.example === 'cmd' ? 'cmd' : 'auto';
      convertNow();
    });
  }
  el.reset.addEventListener('click', () => {
    writeForm({ language: language(), flavour: el.flavour.value, shell: el.shell.value });
    convertNow();
  });
  el.copy.addEventListener('click', () => copyText(shown, el.copyStatus, 'Code'));
  el.share.addEventListener('click', share);
  el.shareUrl.addEventListener('focus', () => el.shareUrl.select());
  window.addEventListener('hashchange', () => { if (restore()) convertNow(); });
}

async function main() {
  try {
    wire();
    fillFlavours(language());
    if (!restore()) el.input.value = EXAMPLES.chrome;
    await load(moduleFor(readForm()));
  } catch (e) {
    show(el.diagnostics, `error: could not load the converter (${e}).\n` +
      'Serve the page over http (web/serve.sh) in a browser with WebAssembly.', 'error');
    document.documentElement.dataset.state = 'failed';
    return;
  }
  performance.mark('curl2code:wasm-ready');
  // On a phone the options would push the code a screen down: start them folded.
  if (window.matchMedia('(max-width: 600px)').matches) $('retry').open = false;
  convertNow();
  offline();
}

// After one visit the page works without a network: sw.js keeps the page, the scripts and the
// WebAssembly. Registered after the first conversion so it never delays it. Not on file:// and
// not where the browser has no service workers; a failure only costs the offline copy.
function offline() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker.register('sw.js').catch(() => {});
}

main();
