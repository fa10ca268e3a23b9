// Keeps the app on the device so that a second visit works offline. The build
// (tools/service_worker.py) fills in VERSION, a hash of every file, FILES (the
// first view, kept on install) and TOOLS (the cadre's tools and what they load,
// kept when the page asks, once the device is idle); a new build therefore
// gets a new cache, and the old one is removed.
const VERSION = 'yibao-__VERSION__';
const FILES = __FILES__;
const TOOLS = __TOOLS__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// The page asks for the tools once it is idle on a connection that does not
// save data (app.js); only those not kept yet are fetched.
self.addEventListener('message', (event) => {
  if (event.data !== 'yibao:keep-tools') return;
  event.waitUntil(caches.open(VERSION).then(async (cache) => {
    const kept = new Set((await cache.keys()).map((request) => request.url));
    const missing = TOOLS.filter((file) => !kept.has(new URL(file, self.location.href).href));
    await cache.addAll(missing);
  }));
});

// Cache first: the files of one build never change. The page's address carries
// its state in the query, so pages are matched without it. The tools' files
// are also kept once they have been used (before the page asked for them).
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const navigate = request.mode === 'navigate';
  event.respondWith(caches.match(request, { ignoreSearch: navigate }).then((cached) => cached || fetch(request)
    .then((response) => {
      if (response.ok && !navigate) {
        const copy = response.clone();
        caches.open(VERSION).then((cache) => cache.put(request, copy));
      }
      return response;
    })));
});
