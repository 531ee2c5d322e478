// Offline copy of the page (see README). Network first, cache as fallback: online visits run the
// newest build; same-origin GETs only. Comments are kept short: this file is sent as written.
const CACHE = 'curl2code-v3';
// Every converter (each language's, and the --exact ones), so one first picked offline works too.
const FILES = ['./', 'index.html', 'pkg/app.js', 'pkg/style.css', 'manifest.webmanifest', 'icon.svg']
  .concat(...['python', 'python-exact', 'javascript', 'rust', 'rust-exact'].map((l) =>
    [`pkg/${l}/curl2code_web.js`, `pkg/${l}/curl2code_web_bg.wasm`]));

self.addEventListener('install', (e) => e.waitUntil(caches.open(CACHE)
  .then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));

// claim(): control the page at once, as its next reload may be offline.
self.addEventListener('activate', (e) => e.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
  .then(() => self.clients.claim())));

self.addEventListener('fetch', (e) => {
  const r = e.request;
  if (r.method !== 'GET' || new URL(r.url).origin !== location.origin) return;
  e.respondWith(fetch(r).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      e.waitUntil(caches.open(CACHE).then((c) => c.put(r, copy)));
    }
    return res;
  }).catch(() => caches.match(r).then((hit) => hit || Response.error())));
});
