/**
 * Which host sessions were signed out (the browser's tokens; WeChat has none: its identity is the OPENID).
 * Two host-only tables beside the ledger's: sessions signed out one by one (kept until their token would have
 * expired anyway), and each identity's sign-out-everywhere generation, which every token carries from its sign-in.
 */
import type Database from 'better-sqlite3'
import type { SessionClaims } from './session'

export class SessionRegistry {
  private readonly lookup: Database.Statement

  constructor (private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS signed_out_sessions (sid TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS session_generations (identity_id TEXT PRIMARY KEY, generation INTEGER NOT NULL);
    `)
    // Run on every request with a token: prepared once.
    this.lookup = db.prepare(`SELECT
      EXISTS (SELECT 1 FROM signed_out_sessions WHERE sid = ?) AS out,
      COALESCE((SELECT generation FROM session_generations WHERE identity_id = ?), 0) AS generation`)
  }

  /** Whether a token's session was signed out, on its device or everywhere. */
  isSignedOut (claims: SessionClaims): boolean {
    const row = this.lookup.get(claims.sid || '', claims.sub) as { out: number, generation: number }
    return row.out === 1 || (claims.gen ?? 0) !== row.generation
  }

  /** The generation a new session of this identity starts in. */
  generationOf (identityId: string): number {
    const row = this.db.prepare('SELECT generation FROM session_generations WHERE identity_id = ?').get(identityId) as { generation: number } | undefined
    return row ? row.generation : 0
  }

  /** Ends one session (this device); forgets sessions whose tokens have expired anyway. */
  signOut (sid: string, expiresAt: number, nowMs: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM signed_out_sessions WHERE expires_at < ?').run(nowMs)
      this.db.prepare('INSERT OR REPLACE INTO signed_out_sessions (sid, expires_at) VALUES (?, ?)').run(sid, expiresAt)
    })()
  }

  /** Ends every session of an identity, on every device, made before now. */
  signOutEverywhere (identityId: string): void {
    this.db.prepare(`INSERT INTO session_generations (identity_id, generation) VALUES (?, 1)
      ON CONFLICT(identity_id) DO UPDATE SET generation = generation + 1`).run(identityId)
  }
}
