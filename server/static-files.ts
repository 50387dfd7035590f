/** Serves the H5 build (dist-h5/) with correct types, long caching for hashed assets, and index.html for '/'. */
import fs from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import path from 'path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2'
}

/** Returns a handler for GET/HEAD requests under `root`; false when the path is not a file there. */
export function staticFiles (root: string) {
  const base = path.resolve(root)
  return function serve (req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url || '/', 'http://localhost')
    let rel: string
    try {
      rel = decodeURIComponent(url.pathname)
    } catch {
      return false
    }
    if (rel === '/' || rel === '') rel = '/index.html'
    const file = path.resolve(base, '.' + rel)
    if (!file.startsWith(base + path.sep)) return false
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
    } catch {
      return false
    }
    if (!stat.isFile()) return false
    const ext = path.extname(file)
    const hashed = /\.[0-9a-f]{8,}\.(js|css)$/.test(file)
    res.writeHead(200, {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff'
    })
    if (req.method === 'HEAD') res.end()
    else fs.createReadStream(file).pipe(res)
    return true
  }
}
