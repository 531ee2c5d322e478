// Node entry point (the "node" export condition): reads and instantiates the WebAssembly module
// synchronously at import, so convert() works at once and there is no top-level await.
import { readFileSync } from 'node:fs';
import { initSync } from './curl2code.js';
import { convert, markLoaded } from './core.js';

initSync({ module: readFileSync(new URL('./curl2code_bg.wasm', import.meta.url)) });
markLoaded();

/** Already done at import in Node; kept so the same code runs in Node and in a browser. */
export function init() {
  return Promise.resolve();
}

export { convert };
