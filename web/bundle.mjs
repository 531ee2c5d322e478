// Bundles and minifies the page's scripts and style into web/pkg/ (next to the WebAssembly), run
// by web/build.sh after wasm-bindgen. The sources stay readable, with their comments, in web/;
// what is sent is pkg/app.js (main.js, highlight.js and schedule.js in one file: one request
// instead of three), pkg/style.css and each module's wasm-bindgen glue, minified in place. Without
// this step the page's gzipped payload would pass its 200 KB budget: the comments and indentation
// of the scripts cost about 11 KB gzipped.
//   node bundle.mjs          MINIFY=0 node bundle.mjs   (readable output for debugging)
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
// wasm-bindgen's glue of each language's module (pkg/<module>/curl2code_web.js), loaded beside
// its module rather than bundled: minified in place, 5.0 → 2.8 KB gzipped.
for (const entry of await readdir(join(web, 'pkg'), { withFileTypes: true })) {
  const glue = join(web, 'pkg', entry.name, 'curl2code_web.js');
  if (!entry.isDirectory() || !existsSync(glue)) continue;
  await build({ ...common, bundle: false, entryPoints: [glue], outfile: glue, allowOverwrite: true,
    format: 'esm', target: ['chrome90', 'firefox90', 'safari15'] });
}
console.error(`bundle: pkg/app.js and pkg/style.css${minify ? ' (minified)' : ''}`);
