// The API both entry points export (node.js loads the module at import, index.js on init()):
// checks the options object, fills the page's Settings with it, converts, and hands back plain
// objects, so callers never hold a WebAssembly handle that needs freeing.
import { Settings, convertDetailed } from './curl2code.js';

// camelCase option → the Settings field (the CLI flag's name in snake_case) and its kind.
const FIELDS = {
  language: ['language', 'string'],
  shell: ['shell', 'string'],
  jitter: ['jitter', 'string'],
  maxRetries: ['max_retries', 'count'],
  baseDelay: ['base_delay', 'seconds'],
  maxDelay: ['max_delay', 'seconds'],
  deadline: ['deadline', 'seconds'],
  timeout: ['timeout', 'seconds'],
  connectTimeout: ['connect_timeout', 'seconds'],
  retryNonIdempotent: ['retry_non_idempotent', 'boolean'],
  noRetry: ['no_retry', 'boolean'],
  circuitBreaker: ['circuit_breaker', 'boolean'],
  idempotencyKey: ['idempotency_key', 'boolean'],
  fallbackUrls: ['fallback_urls', 'strings'],
};

let loaded = false;

/** Called by an entry point once the WebAssembly module is instantiated. */
export function markLoaded() {
  loaded = true;
}

// A typo such as `maxRetry` would otherwise be ignored silently and the default used instead;
// a negative or fractional number would be wrapped by the u32/f64 conversion at the boundary.
function check(key, value, kind) {
  const bad = (what) => new TypeError(`curl2code: option \`${key}\` must be ${what}`);
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw bad('a string');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('true or false');
      return value;
    case 'count':
      if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
        throw bad('a whole number from 0 to 4294967295');
      }
      return value;
    case 'seconds':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw bad('a number of seconds (0 or more)');
      }
      return value;
    default: // 'strings'
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw bad('an array of strings');
      }
      return [...value];
  }
}

function diagnostic(m) {
  const span = m.start === undefined
    ? null
    : { start: m.start, end: m.end, line: m.line, column: m.column };
  return {
    severity: m.error ? 'error' : 'warning',
    message: m.message,
    label: m.label ?? null,
    help: m.help ?? null,
    span,
  };
}

/**
 * Converts a curl command into a program. Throws only for a bad call (see index.d.ts); what is
 * wrong with the command itself comes back in `errors` and `warnings`.
 */
export function convert(command, options = {}) {
  if (!loaded) {
    throw new Error('curl2code: the WebAssembly module is not loaded yet: `await init()` once before convert()');
  }
  if (typeof command !== 'string') {
    throw new TypeError('curl2code: the command must be a string');
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('curl2code: options must be an object');
  }
  const settings = new Settings();
  try {
    for (const [key, value] of Object.entries(options)) {
      if (!Object.hasOwn(FIELDS, key)) {
        throw new TypeError(`curl2code: unknown option \`${key}\` (expected one of ${Object.keys(FIELDS).join(', ')})`);
      }
      if (value === undefined) continue;
      const [field, kind] = FIELDS[key];
      settings[field] = check(key, value, kind);
    }
    let details;
    try {
      details = convertDetailed(command, settings);
    } catch (e) {
      // The module refuses a language, shell or jitter the CLI would refuse, with its message.
      throw new RangeError(`curl2code: ${e.message}`);
    }
    try {
      const warnings = [];
      const errors = [];
      for (const m of details.messages) {
        (m.error ? errors : warnings).push(diagnostic(m));
        m.free();
      }
      return { ok: details.ok, code: details.code, warnings, errors, report: details.report };
    } finally {
      details.free();
    }
  } finally {
    settings.free();
  }
}
