// Types of the curl2code package: the same declarations serve the Node entry (node.js) and the
// browser/bundler entry (index.js), which differ only in when the WebAssembly module loads.

/** The language of the generated program; `py`, `js` and `rs` are aliases. */
export type Language = 'python' | 'javascript' | 'rust' | 'py' | 'js' | 'rs';

/** The shell the command was written for. `auto` (the default) detects it. */
export type Shell = 'auto' | 'bash' | 'cmd' | 'powershell';

/**
 * Everything is optional; an unset value keeps the default, or what the command's own curl flags
 * (`--retry`, `--retry-delay`, `--retry-max-time`, `-m`, `--connect-timeout`) say. Each option is
 * the CLI flag of the same name.
 */
export interface ConvertOptions {
  /** Default `python`. */
  language?: Language;
  /** Default `auto`. */
  shell?: Shell;
  /** Retries after the first attempt (default 3). A whole number. */
  maxRetries?: number;
  /** First backoff delay in seconds; doubles each retry (default 1). */
  baseDelay?: number;
  /** Cap on one backoff delay in seconds (default 30). */
  maxDelay?: number;
  /** `full`: a random delay between 0 and the backoff (default); `none`: exactly the backoff. */
  jitter?: 'full' | 'none';
  /** Seconds for all attempts and waits together (default 60). */
  deadline?: number;
  /** Timeout of one attempt in seconds (default 30). */
  timeout?: number;
  /** Connect timeout of one attempt in seconds (default 10). */
  connectTimeout?: number;
  /** Retry POST, PATCH and custom methods on statuses and timeouts too. */
  retryNonIdempotent?: boolean;
  /** Plain code: one attempt, no retry loop. */
  noRetry?: boolean;
  /** After 5 consecutive failed calls, fail fast for 30 s, then let one probe through. */
  circuitBreaker?: boolean;
  /** Send one Idempotency-Key UUID per call on every attempt (makes POST retryable). */
  idempotencyKey?: boolean;
  /** Other base URLs to try, in order, after a gateway status or a connection error. */
  fallbackUrls?: readonly string[];
}

/**
 * Where a diagnostic points in the command. Offsets count UTF-16 code units, like JavaScript
 * string indices: `command.slice(span.start, span.end)` is the culprit.
 */
export interface Span {
  /** First code unit. */
  start: number;
  /** One past the last code unit. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, in UTF-16 code units (as editors count). */
  column: number;
}

/** One error or warning, with the fields the CLI prints around its caret. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** One line saying what is wrong. */
  message: string;
  /** The short text under the caret, if any. */
  label: string | null;
  /** How to fix it, if known. */
  help: string | null;
  /** `null` when the diagnostic is about the whole input (e.g. it is empty). */
  span: Span | null;
}

export interface Warning extends Diagnostic {
  severity: 'warning';
}

export interface ConversionError extends Diagnostic {
  severity: 'error';
}

/** The command was converted; warnings say where the program may differ from curl. */
export interface ConvertSuccess {
  ok: true;
  /** The complete program. */
  code: string;
  warnings: Warning[];
  errors: [];
  /** All diagnostics as the CLI prints them (rustc-style, with carets); empty without any. */
  report: string;
}

/** The command could not be converted: the error (today always one), and the warnings found before it. */
export interface ConvertFailure {
  ok: false;
  code: '';
  warnings: Warning[];
  errors: [ConversionError, ...ConversionError[]];
  report: string;
}

export type ConvertResult = ConvertSuccess | ConvertFailure;

/**
 * Converts a curl command (one or more, as pasted from bash, cmd or PowerShell) into a program.
 *
 * Never throws because of the command: what is wrong with it comes back in `errors`. Throws a
 * `TypeError` for a non-string command, an unknown option or a value of the wrong type, a
 * `RangeError` for a value the CLI would refuse (e.g. `language: 'cobol'`), and an `Error` when
 * called in a browser before {@link init} has finished.
 */
export function convert(command: string, options?: ConvertOptions): ConvertResult;

/**
 * What {@link init} can load the module from: a URL, the bytes of `curl2code_bg.wasm`, a fetch
 * `Response` (or a promise of one) or a compiled module.
 */
export type InitSource =
  | string
  | URL
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | Response
  | PromiseLike<Response>;

/**
 * Loads the WebAssembly module. Required once before {@link convert} in browsers and bundles
 * (by default it fetches `curl2code_bg.wasm` next to the package's JavaScript); in Node the
 * module is loaded at import and this resolves at once. Loading happens once however often it is
 * called.
 */
export function init(source?: InitSource): Promise<void>;
