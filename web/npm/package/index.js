// Browser and bundler entry point: the module is fetched on init(). By default from
// `new URL('curl2code_bg.wasm', import.meta.url)`, which webpack 5, Vite, Parcel and Rollup's
// URL plugins turn into an emitted asset; init(source) takes another URL, the bytes, a fetch
// Response or a compiled WebAssembly.Module instead.
import initWasm from './curl2code.js';
import { convert, markLoaded } from './core.js';

/** Loads the WebAssembly module; it loads once, so calling init() again costs nothing. */
export async function init(source) {
  await initWasm(source === undefined ? undefined : { module_or_path: source });
  markLoaded();
}

export { convert };
