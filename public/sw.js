/*
 * Offline support for the browser build: precaches the whole H5 app (the host lists its files at /precache.json) so
 * pages open with no network, as mediators in weak-signal townships need. API calls always go to the network; the
 * app's own outbox keeps records until the server confirms them.
 */
const CACHE = 'ledger-h5-v1'

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE)
    const res = await fetch('/precache.json', { cache: 'no-store' })
    const files = res.ok ? await res.json() : []
    await cache.addAll(['/', ...files])
    await self.skipWaiting()
  })())
})

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key)
    await self.clients.claim()
  })())
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return
  const isPage = event.request.mode === 'navigate' || url.pathname === '/' || url.pathname.endsWith('.html')
  event.respondWith((async () => {
    const cache = await caches.open(CACHE)
    if (isPage) {
      // The page itself: fresh when online (a new build), the cached copy when not.
      try {
        const fresh = await fetch(event.request)
        if (fresh.ok) cache.put('/', fresh.clone())
        return fresh
      } catch {
        return (await cache.match('/')) || Response.error()
      }
    }
    // Hashed assets never change: the cache first.
    const hit = await cache.match(event.request)
    if (hit) return hit
    const res = await fetch(event.request)
    if (res.ok) cache.put(event.request, res.clone())
    return res
  })())
})
