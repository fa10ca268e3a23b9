// Keeps the app on the device so that a second visit works offline. The build
// (tools/service_worker.py) fills in VERSION, a hash of every file, and FILES;
// a new build therefore gets a new cache, and the old one is removed.
const VERSION = 'yibao-__VERSION__';
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// Cache first: the files of one build never change. The page's address carries
// its state in the query, so pages are matched without it. Files not fetched
// ahead (the cadre's tools) are kept once they have been used.
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
