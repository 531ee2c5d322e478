// Bundles and minifies the page's scripts and style into web/pkg/ (next to the WebAssembly), run
// by web/build.sh after wasm-bindgen. The sources stay readable, with their comments, in web/;
// what is sent is pkg/app.js (main.js, highlight.js, schedule.js and the wasm-bindgen glue in
// one file: one request instead of four) and pkg/style.css. Without this step the page's
// gzipped payload would pass its 200 KB budget: the WebAssembly alone is about 184 KB, and the
// comments and indentation of the scripts cost about 9 KB gzipped.
//   node bundle.mjs          MINIFY=0 node bundle.mjs   (readable output for debugging)
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const minify = process.env.MINIFY !== '0';
const common = { bundle: true, minify, legalComments: 'none', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: [join(web, 'main.js')],
  outfile: join(web, 'pkg', 'app.js'),
  format: 'esm',
  // What the page needs anyway (WebAssembly, ES modules, top-level CSS variables): browsers of
  // 2021 on. Newer syntax is left as written, older is not produced.
  target: ['chrome90', 'firefox90', 'safari15'],
});
await build({
  ...common,
  entryPoints: [join(web, 'style.css')],
  outfile: join(web, 'pkg', 'style.css'),
  target: ['chrome90', 'firefox90', 'safari15'],
});
console.error(`bundle: pkg/app.js and pkg/style.css${minify ? ' (minified)' : ''}`);
