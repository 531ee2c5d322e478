// Offline copy of the page: keeps the page, its scripts, its style and the WebAssembly module.
// Network first, cache as fallback: an online visit always runs the newest build (the glue and
// the module must come from the same build, and both are refreshed together), and the copy is
// only used when the network fails. Same-origin GETs only; nothing is ever sent elsewhere.
const CACHE = 'curl2code-v1';
const FILES = ['./', 'index.html', 'pkg/app.js', 'pkg/style.css', 'pkg/curl2code_web_bg.wasm',
  'manifest.webmanifest', 'icon.svg'];

self.addEventListener('install', (event) => {
  // Through the HTTP cache: the page has just loaded these, so the first visit does not send the
  // 180 KB module twice; the fetch handler refreshes the copy on every later online visit.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // Control the page that registered us at once: its next reload may already be offline.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
    // The share link lives in the fragment, which is not part of the request: `./` matches.
  }).catch(() => caches.match(request, { ignoreSearch: true })
    .then((hit) => hit || Response.error())));
});
