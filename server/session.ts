/**
 * Signed, expiring session tokens for the host (the browser's stand-in for WeChat's OPENID):
 * `v1.<base64url payload>.<base64url HMAC-SHA256>`. The payload names the identity; nothing else is trusted.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto'

export interface SessionClaims {
  /** The identity id the handlers see as the caller. */
  sub: string
  /** 'staff' for mediators and district staff, 'device' for a worker's anonymous phone. */
  kind: 'staff' | 'device'
  /** Expiry, ms since epoch. */
  exp: number
  /** The sign-in this token belongs to: kept by refreshes, ended by signing out on that device. */
  sid?: string
  /** The identity's sign-out-everywhere generation when the session began: a later "sign out everywhere" ends it. */
  gen?: number
}

/**
 * Token lives. A token is refreshed (signIn without a code) once half its life has passed, and every refresh checks
 * that the session was not signed out and, for staff, that the binding still exists; so a short life costs people
 * nothing while they use the app, and a token copied off a device stops working within these days at most.
 */
export const STAFF_SESSION_DAYS = 7
export const DEVICE_SESSION_DAYS = 90

const b64 = (buf: Buffer) => buf.toString('base64url')

export class SessionSigner {
  constructor (private readonly secret: string) {
    if (secret.length < 32) throw new Error('session secret must be at least 32 characters')
  }

  sign (claims: SessionClaims): string {
    const body = b64(Buffer.from(JSON.stringify(claims)))
    return `v1.${body}.${this.mac(body)}`
  }

  /** The claims of a well-formed, correctly signed, unexpired token; null otherwise. */
  verify (token: string, nowMs: number): SessionClaims | null {
    const parts = token.split('.')
    if (parts.length !== 3 || parts[0] !== 'v1' || parts[1].length > 2000) return null
    const expected = Buffer.from(this.mac(parts[1]))
    const given = Buffer.from(parts[2])
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as SessionClaims
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= nowMs) return null
      if (claims.kind !== 'staff' && claims.kind !== 'device') return null
      if (claims.sid !== undefined && typeof claims.sid !== 'string') return null
      if (claims.gen !== undefined && !Number.isInteger(claims.gen)) return null
      return claims
    } catch {
      return null
    }
  }

  /** A keyed hash for storing personal access keys (never stored in clear). */
  hashKey (key: string): string {
    return createHmac('sha256', this.secret).update(`access-key:${normalizeAccessKey(key)}`).digest('hex')
  }

  private mac (body: string): string {
    return b64(createHmac('sha256', this.secret).update(body).digest())
  }
}

export function newSecret (): string {
  return randomBytes(32).toString('hex')
}

export function newSessionId (): string {
  return randomBytes(12).toString('base64url')
}

export function newIdentityId (kind: 'staff' | 'device'): string {
  return `${kind === 'staff' ? 'usr' : 'dev'}_${randomBytes(12).toString('base64url')}`
}

/** Access keys are typed by people: case and dashes do not matter. */
export function normalizeAccessKey (key: string): string {
  return key.toUpperCase().replace(/[\s-]/g, '')
}
