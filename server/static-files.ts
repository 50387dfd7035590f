/** Serves the H5 build (dist-h5/) with correct types, long caching for hashed assets, and index.html for '/'. */
import fs from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import path from 'path'
import { htmlSecurityHeaders } from './security-headers'

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
  const pages = new Map<string, { mtimeMs: number, size: number, body: Buffer, headers: Record<string, string> }>()
  const htmlPage = (file: string, stat: fs.Stats) => {
    const known = pages.get(file)
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known
    const body = fs.readFileSync(file)
    const page = { mtimeMs: stat.mtimeMs, size: stat.size, body, headers: htmlSecurityHeaders(body.toString('utf8')) }
    pages.set(file, page)
    return page
  }
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
    const headers = {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff'
    }
    if (ext === '.html') {
      // Small, and its policy depends on its inline scripts: read whole, policy kept until the file changes.
      const page = htmlPage(file, stat)
      res.writeHead(200, { ...headers, 'Content-Length': page.body.length, ...page.headers })
      res.end(req.method === 'HEAD' ? undefined : page.body)
      return true
    }
    res.writeHead(200, headers)
    if (req.method === 'HEAD') res.end()
    else fs.createReadStream(file).pipe(res)
    return true
  }
}
