/**
 * Counts committed writes to every table of a SQLite store, for "a refused call stores nothing" checks.
 *
 * Temporary triggers (they live in the connection, not in the database file) count every INSERT, UPDATE and DELETE
 * on every table the schema has, so a new table or column is covered without touching this file. A trigger's count
 * is part of the writer's transaction: a write that was rolled back leaves no count, one that stayed does.
 */
import type Database from 'better-sqlite3'

export interface WriteWatch {
  /** The tables watched: every table of the schema but the ones excepted. */
  readonly tables: string[]
  /** Committed writes so far, per table (tables with none are left out). */
  counts: () => Record<string, number>
  /** Committed writes so far, all tables together. */
  total: () => number
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`

/** Watches every table of `db` except `except` (e.g. rate-limit counters, whose job is to count attempts). */
export function watchWrites (db: Database.Database, except: string[] = []): WriteWatch {
  const tables = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>)
    .map((t) => t.name)
    .filter((t) => !except.includes(t))
  db.exec('CREATE TEMP TABLE IF NOT EXISTS write_watch (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)')
  for (const table of tables) {
    db.prepare('INSERT OR IGNORE INTO temp.write_watch (tbl, n) VALUES (?, 0)').run(table)
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${quoteIdent(`write_watch_${table}_${op}`)} AFTER ${op} ON main.${quoteIdent(table)}
        BEGIN UPDATE temp.write_watch SET n = n + 1 WHERE tbl = ${quoteText(table)}; END`)
    }
  }
  const read = db.prepare('SELECT tbl, n FROM temp.write_watch WHERE n > 0 ORDER BY tbl')
  const sum = db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM temp.write_watch')
  return {
    tables,
    counts: () => Object.fromEntries((read.all() as Array<{ tbl: string, n: number }>).map((r) => [r.tbl, r.n])),
    total: () => (sum.get() as { n: number }).n
  }
}
