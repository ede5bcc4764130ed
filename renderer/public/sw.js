// The web client's offline shell: a page served by the hub must still open when the hub is down, so that drafts
// and queued changes kept in this browser can be read and added to. Network first (a running hub always serves
// the current build); the last good copy when the network fails. Only the app's own files: never the API, the
// live connection or health checks, which must fail visibly when the hub is down.
const CACHE = 'warroom-shell-v1';
const NOT_CACHED = ['/api/', '/socket.io/', '/healthz'];

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page that registered this worker names the files it loaded before the worker was in control.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-shell' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === 'string' && sameOrigin(url));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !sameOrigin(request.url)) return;
  const path = new URL(request.url).pathname;
  if (NOT_CACHED.some((prefix) => path.startsWith(prefix))) return;
  event.respondWith(networkFirst(request));
});

/** Every page address is the one app (index.html; the route is in the fragment): kept under '/'. */
async function networkFirst(request) {
  const key = request.mode === 'navigate' ? '/' : request;
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

function sameOrigin(url) {
  return new URL(url, self.location.href).origin === self.location.origin;
}
