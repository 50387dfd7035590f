/**
 * Headers for the H5 app's HTML pages: a Content-Security-Policy that lets the page run only the app's own scripts
 * (plus the inline viewport script Taro writes into index.html, allowed by its hash), talk only to this host, and
 * never be framed; and a Referrer-Policy that keeps tracking numbers and station codes in URLs from leaking to
 * other sites.
 *
 * Styles need 'unsafe-inline': Taro's H5 components insert <style> elements at run time. That allows CSS, not script.
 */
import { createHash } from 'crypto'

/** sha256 source expressions for each inline <script> (one without src) in an HTML page. */
export function inlineScriptHashes (html: string): string[] {
  const hashes: string[] = []
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2]) continue
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`)
  }
  return hashes
}

export function contentSecurityPolicy (html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    // QR codes and chart images are data: URLs; exports are downloaded from data: links.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** Every header an HTML response carries besides its type and caching. */
export function htmlSecurityHeaders (html: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(html),
    'Referrer-Policy': 'no-referrer',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY'
  }
}
