/**
 * The client's address for per-address limits. Behind proxies you run, each one appends the address it received the
 * connection from to `X-Forwarded-For`; everything to the left of what your own proxies wrote is whatever the client
 * chose to send. So with `hops` trusted proxies the address is the hops-th entry counted from the right (the socket's
 * peer being the 0th), never the leftmost.
 */

/** TRUST_PROXY → the number of proxies in front of the host that you run: unset, '' or '0' for none. */
export function trustedHops (value: string | undefined): number {
  if (value === undefined || value.trim() === '' || value.trim() === '0') return 0
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY must be the number of proxies you run in front of the host (0–10), not "${value}"`)
  return n
}

/** The address `hops` trusted proxies vouch for; the socket's peer when no proxy is trusted. */
export function clientAddress (socketAddress: string, forwardedFor: string | string[] | undefined, hops: number): string {
  if (hops <= 0) return socketAddress
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor || ''
  const entries = header.split(',').map((e) => e.trim()).filter(Boolean)
  // [peer, last appended, …, first]: a shorter chain than configured stops at its far end.
  const chain = [socketAddress, ...entries.reverse()]
  return chain[Math.min(hops, chain.length - 1)].slice(0, 64)
}
