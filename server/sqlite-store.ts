/**
 * The embedded storage adapter: one SQLite file (better-sqlite3, WAL, synchronous=FULL so a resolved commit survives
 * a crash). Report figures live in `daily_figures`, one row per station and Beijing day, updated inside the
 * transaction that writes the record, so a year's report sums ~8,000 small rows instead of scanning records.
 */
import Database from 'better-sqlite3'
import fs from 'fs'
import path from 'path'
import {
  FIGURE_KEYS, addDays, contributions, daysInMonth, emptySums, enterpriseKey, recordSearchText,
  type Binding, type Contribution, type District, type FigureSums, type Period, type PointFacts, type RiskLevel, type Station, type StoredRecord
} from '@/domain'
import { assembleFacts, assemblePointFacts, countLatestChecks } from '../cloudfunctions/ledger/src/store/facts'
import type { AuditEntry, Change, CommitResult, Counter, FactsAnswer, FactsQuery, Invite, LedgerStore, RecordPage, RecordQuery } from '../cloudfunctions/ledger/src/store/port'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS districts (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stations (
  id TEXT PRIMARY KEY, district_id TEXT NOT NULL, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  area TEXT NOT NULL, active INTEGER NOT NULL, points TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS stations_district ON stations (district_id, sort);
CREATE TABLE IF NOT EXISTS bindings (
  identity_id TEXT PRIMARY KEY, role TEXT NOT NULL, district_id TEXT NOT NULL, station_id TEXT,
  display_name TEXT NOT NULL, title TEXT NOT NULL, bound_at TEXT NOT NULL, access_key_hash TEXT UNIQUE
);
CREATE TABLE IF NOT EXISTS invites (
  code TEXT PRIMARY KEY, role TEXT NOT NULL, district_id TEXT NOT NULL, station_id TEXT, display_name TEXT NOT NULL,
  title TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_by TEXT, used_at TEXT
);
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, district_id TEXT NOT NULL, station_id TEXT NOT NULL, version INTEGER NOT NULL,
  status TEXT NOT NULL, event_date TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,
  search_text TEXT NOT NULL, tracking_no TEXT, enterprise_key TEXT, risk_level TEXT, doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_station ON records (station_id, type, event_date, id);
-- Partial indexes: only complaints have owners to list by and tracking numbers to look up.
CREATE INDEX IF NOT EXISTS records_owner ON records (created_by, event_date) WHERE type = 'wageComplaint';
CREATE UNIQUE INDEX IF NOT EXISTS records_tracking ON records (tracking_no) WHERE tracking_no IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_checks ON records (station_id, enterprise_key, event_date, id, risk_level) WHERE type = 'riskCheck';
CREATE INDEX IF NOT EXISTS records_checks_by_day ON records (district_id, event_date, station_id, enterprise_key, id, risk_level) WHERE type = 'riskCheck';
-- The latest check of each enterprise in each month (kept with the records, in the same transaction): a year's
-- enterprise counts read ~10,000 of these instead of every check.
CREATE TABLE IF NOT EXISTS enterprise_months (
  district_id TEXT NOT NULL, month TEXT NOT NULL, station_id TEXT NOT NULL, enterprise_key TEXT NOT NULL,
  last_key TEXT NOT NULL, last_level TEXT NOT NULL,
  PRIMARY KEY (district_id, month, station_id, enterprise_key)
) WITHOUT ROWID;
-- The latest check of each enterprise at each station: a report running up to today reads only these.
CREATE TABLE IF NOT EXISTS enterprise_latest (
  district_id TEXT NOT NULL, station_id TEXT NOT NULL, enterprise_key TEXT NOT NULL, last_key TEXT NOT NULL, last_level TEXT NOT NULL,
  PRIMARY KEY (district_id, station_id, enterprise_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS daily_figures (
  district_id TEXT NOT NULL, day TEXT NOT NULL, station_id TEXT NOT NULL,
  ${FIGURE_KEYS.map((k) => `${k} INTEGER NOT NULL DEFAULT 0`).join(', ')},
  PRIMARY KEY (district_id, day, station_id)
) WITHOUT ROWID;
-- The same sums for records made at a point (村/社区点), per point: a station's drill-down reads these; 站本级 is the
-- station's row less its points. Only records carrying a point add here, so the year report's table stays as small.
CREATE TABLE IF NOT EXISTS point_figures (
  district_id TEXT NOT NULL, station_id TEXT NOT NULL, point_id TEXT NOT NULL, day TEXT NOT NULL,
  ${FIGURE_KEYS.map((k) => `${k} INTEGER NOT NULL DEFAULT 0`).join(', ')},
  PRIMARY KEY (district_id, station_id, point_id, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, station_id TEXT NOT NULL, district_id TEXT NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, at TEXT NOT NULL, detail TEXT
);
CREATE INDEX IF NOT EXISTS audit_record ON audit (record_id, seq);
CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, window TEXT NOT NULL, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, window TEXT NOT NULL, count INTEGER NOT NULL, locked_until INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

/** The record columns a write sets (besides `id`, and `created_by`, which only an insert sets), bound by position. */
const RECORD_COLUMNS = [
  'type', 'district_id', 'station_id', 'version', 'status', 'event_date', 'updated_at',
  'search_text', 'tracking_no', 'enterprise_key', 'risk_level', 'doc'
]
const INSERT_RECORD = `INSERT INTO records (${RECORD_COLUMNS.join(', ')}, created_by, id)
  VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')}, ?, ?) ON CONFLICT(id) DO NOTHING`
const UPDATE_RECORD = `UPDATE records SET ${RECORD_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`
/** Adds one station-day's figures (every figure, zeros included: one statement for every set). */
const ADD_FIGURES = `INSERT INTO daily_figures (district_id, day, station_id, ${FIGURE_KEYS.join(', ')})
  VALUES (?, ?, ?, ${FIGURE_KEYS.map(() => '?').join(', ')})
  ON CONFLICT(district_id, day, station_id) DO UPDATE SET ${FIGURE_KEYS.map((k) => `${k} = ${k} + excluded.${k}`).join(', ')}`
const ADD_POINT_FIGURES = `INSERT INTO point_figures (district_id, station_id, point_id, day, ${FIGURE_KEYS.join(', ')})
  VALUES (?, ?, ?, ?, ${FIGURE_KEYS.map(() => '?').join(', ')})
  ON CONFLICT(district_id, station_id, point_id, day) DO UPDATE SET ${FIGURE_KEYS.map((k) => `${k} = ${k} + excluded.${k}`).join(', ')}`
/** Which figures the stored sums hold: when FIGURE_KEYS change, the sums are counted again from the records. */
const FIGURES_SIGNATURE = `${FIGURE_KEYS.join(',')}|points`

class VersionConflict extends Error {
  constructor (readonly id: string) { super('version conflict') }
}

interface StationRow { id: string, district_id: string, code: string, name: string, area: string, active: number, points: string }
interface BindingRow { identity_id: string, role: Binding['role'], district_id: string, station_id: string | null, display_name: string, title: string, bound_at: string }

function toStation (r: StationRow): Station {
  return { id: r.id, districtId: r.district_id, code: r.code, name: r.name, area: r.area, active: !!r.active, points: JSON.parse(r.points) }
}

function toBinding (r: BindingRow): Binding {
  return { identityId: r.identity_id, role: r.role, districtId: r.district_id, stationId: r.station_id, displayName: r.display_name, title: r.title, boundAt: r.bound_at }
}

/** LIKE pattern for a search word, with %, _ and \ escaped. */
function likePattern (word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export class SqliteStore implements LedgerStore {
  readonly db: Database.Database

  constructor (file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    this.db = new Database(file)
    // 16 KB pages for a new file (an existing file keeps its own): a batch's commit writes fewer, larger WAL frames
    // than with 4 KB pages; syncing is ~6% faster for it (interleaved A/B on our VM) and reports are unaffected.
    this.db.pragma('page_size = 16384')
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('cache_size = -65536')
    this.db.exec(SCHEMA)
    this.migrateFigures()
  }

  /**
   * A file made before the current set of figures gets the new columns and every record counted again (once; the
   * signature in `meta` records it). New figures such as completeness activity have no other way into old days.
   */
  private migrateFigures (): void {
    if (this.getMeta('figures') === FIGURES_SIGNATURE) return
    this.db.transaction(() => {
      for (const table of ['daily_figures', 'point_figures']) {
        const have = new Set((this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name))
        for (const k of FIGURE_KEYS) if (!have.has(k)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${k} INTEGER NOT NULL DEFAULT 0`)
      }
      this.db.exec('DELETE FROM daily_figures; DELETE FROM point_figures;')
      const figures = new FigureBuffer()
      for (const row of this.db.prepare('SELECT doc FROM records').iterate() as Iterable<{ doc: string }>) {
        const r = JSON.parse(row.doc) as StoredRecord
        figures.count(r.districtId, r.stationId, r.pointId, contributions(r), 1)
      }
      this.writeFigures(figures)
      this.setMeta('figures', FIGURES_SIGNATURE)
    }).immediate()
  }

  close (): void {
    this.db.close()
  }

  private readonly statements = new Map<string, Database.Statement>()

  /** Prepared once, reused: preparing costs more than running these small statements. */
  private stmt (sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, s = this.db.prepare(sql))
    return s
  }

  // --- organisation (seeding and admin) ---

  async putDistrict (d: District): Promise<void> {
    this.stmt('INSERT INTO districts (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name').run(d.id, d.name)
  }

  async putStation (s: Station, sort = 0): Promise<void> {
    this.stmt(`INSERT INTO stations (id, district_id, code, name, area, active, points, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET district_id = excluded.district_id, code = excluded.code, name = excluded.name,
      area = excluded.area, active = excluded.active, points = excluded.points, sort = excluded.sort`)
      .run(s.id, s.districtId, s.code, s.name, s.area, s.active ? 1 : 0, JSON.stringify(s.points), sort)
  }

  async putBinding (b: Binding, accessKeyHash: string | null): Promise<void> {
    this.writeBinding(b, accessKeyHash)
  }

  private writeBinding (b: Binding, accessKeyHash: string | null): void {
    this.stmt(`INSERT INTO bindings (identity_id, role, district_id, station_id, display_name, title, bound_at, access_key_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(identity_id) DO UPDATE SET role = excluded.role, district_id = excluded.district_id,
      station_id = excluded.station_id, display_name = excluded.display_name, title = excluded.title, bound_at = excluded.bound_at,
      access_key_hash = COALESCE(excluded.access_key_hash, bindings.access_key_hash)`)
      .run(b.identityId, b.role, b.districtId, b.stationId, b.displayName, b.title, b.boundAt, accessKeyHash)
  }

  getMeta (key: string): string | null {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row ? row.value : null
  }

  setMeta (key: string, value: string): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  /** Removes a meta value and overwrites where it lay in the file (secure_delete, then a WAL checkpoint). */
  forgetMeta (key: string): void {
    this.db.pragma('secure_delete = ON')
    this.stmt('DELETE FROM meta WHERE key = ?').run(key)
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.pragma('secure_delete = OFF')
  }

  async getDistrict (id: string): Promise<District | null> {
    return (this.stmt('SELECT id, name FROM districts WHERE id = ?').get(id) as District | undefined) || null
  }

  async listStations (districtId: string): Promise<Station[]> {
    return (this.stmt('SELECT * FROM stations WHERE district_id = ? ORDER BY sort, id').all(districtId) as StationRow[]).map(toStation)
  }

  async getStation (id: string): Promise<Station | null> {
    const r = this.stmt('SELECT * FROM stations WHERE id = ?').get(id) as StationRow | undefined
    return r ? toStation(r) : null
  }

  async getStationByCode (code: string): Promise<Station | null> {
    const r = this.stmt('SELECT * FROM stations WHERE code = ?').get(code) as StationRow | undefined
    return r ? toStation(r) : null
  }

  // --- identity ---

  async getBinding (identityId: string): Promise<Binding | null> {
    const r = this.stmt('SELECT * FROM bindings WHERE identity_id = ?').get(identityId) as BindingRow | undefined
    return r ? toBinding(r) : null
  }

  async findBindingByAccessKey (keyHash: string): Promise<Binding | null> {
    const r = this.stmt('SELECT * FROM bindings WHERE access_key_hash = ?').get(keyHash) as BindingRow | undefined
    return r ? toBinding(r) : null
  }

  async createInvite (i: Invite): Promise<void> {
    this.stmt(`INSERT INTO invites (code, role, district_id, station_id, display_name, title, created_by, created_at, expires_at, used_by, used_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(i.code, i.role, i.districtId, i.stationId, i.displayName, i.title, i.createdBy, i.createdAt, i.expiresAt, i.usedBy, i.usedAt)
  }

  async redeemInvite (code: string, identityId: string, now: string, accessKeyHash: string | null) {
    return this.db.transaction(() => {
      const inv = this.stmt('SELECT * FROM invites WHERE code = ?').get(code) as Record<string, string | null> | undefined
      if (!inv) return { ok: false as const, reason: 'missing' as const }
      if (inv.used_by) return { ok: false as const, reason: 'used' as const }
      if ((inv.expires_at as string) < now) return { ok: false as const, reason: 'expired' as const }
      this.stmt('UPDATE invites SET used_by = ?, used_at = ? WHERE code = ?').run(identityId, now, code)
      const binding: Binding = {
        identityId, role: inv.role as Binding['role'], districtId: inv.district_id as string, stationId: inv.station_id,
        displayName: inv.display_name as string, title: inv.title as string, boundAt: now
      }
      this.writeBinding(binding, accessKeyHash)
      return { ok: true as const, binding }
    }).immediate()
  }

  async revokeBinding (identityId: string, audit: AuditEntry): Promise<Binding | null> {
    return this.db.transaction(() => {
      const r = this.stmt('SELECT * FROM bindings WHERE identity_id = ?').get(identityId) as BindingRow | undefined
      if (!r) return null
      this.stmt('DELETE FROM bindings WHERE identity_id = ?').run(identityId)
      this.insertAudit(audit)
      return toBinding(r)
    }).immediate()
  }

  // --- records ---

  async getRecords (ids: string[]): Promise<StoredRecord[]> {
    return this.getRecordsSync(ids)
  }

  async commit (changes: Change[]): Promise<CommitResult[]> {
    const results: CommitResult[] = []
    // Figure deltas of the changes that went through, written once per station-day when the batch ends: a batch
    // of 50 records mostly touches the same few days, and one upsert per day is far cheaper than one per record.
    const figures = new FigureBuffer()
    const applyChange = (change: Change, into: FigureBuffer) => {
      for (const w of change.writes) this.writeRecord(w.record, w.expectedVersion, into)
      for (const a of change.audit) this.insertAudit(a)
    }
    // A change with several writes is a savepoint that rolls back alone on conflict. A single write needs none:
    // it detects its conflict before it changes anything.
    const applyInSavepoint = this.db.transaction((change: Change, into: FigureBuffer) => applyChange(change, into))
    // One outer transaction (one fsync) for the batch.
    this.db.transaction(() => {
      for (const change of changes) {
        try {
          if (change.writes.length > 1) {
            const own = new FigureBuffer()
            applyInSavepoint(change, own)
            figures.merge(own)
          } else {
            // A single write finds its conflict before it counts any figures: it can count straight into the batch.
            applyChange(change, figures)
          }
          results.push({ ok: true })
        } catch (e) {
          // A unique field (a tracking number) already taken refuses this change alone, like a version conflict.
          const conflictId = e instanceof VersionConflict ? e.id : isUniqueViolation(e) ? change.writes[0].record.id : null
          if (conflictId === null) throw e
          const [current] = this.getRecordsSync([conflictId])
          results.push({ ok: false, conflictId, current: current || null })
        }
      }
      this.writeFigures(figures)
    }).immediate()
    return results
  }

  private getRecordsSync (ids: string[]): StoredRecord[] {
    const out: StoredRecord[] = []
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
      const rows = this.stmt(`SELECT doc FROM records WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Array<{ doc: string }>
      for (const r of rows) out.push(JSON.parse(r.doc))
    }
    return out
  }

  private writeRecord (record: StoredRecord, expectedVersion: number, figures: FigureBuffer): void {
    const enterprise = record.type === 'riskCheck' ? enterpriseKey(record.payload) : null
    const riskLevel = record.type === 'riskCheck' ? record.risk?.level || null : null
    // In RECORD_COLUMNS order: binding by position is cheaper than by name, on the hottest write.
    const values = [
      record.type, record.districtId, record.stationId, record.version, record.status, record.eventDate, record.updatedAt,
      recordSearchText(record), record.type === 'wageComplaint' ? record.payload.trackingNo || null : null,
      enterprise, riskLevel, JSON.stringify(record)
    ]
    if (expectedVersion === 0) {
      // A new record: the primary key decides; an id already taken is a conflict for the caller to classify.
      const inserted = this.stmt(INSERT_RECORD).run(...values, record.createdBy, record.id)
      if (inserted.changes !== 1) throw new VersionConflict(record.id)
      figures.count(record.districtId, record.stationId, record.pointId, contributions(record), 1)
      if (record.type === 'riskCheck') this.noteNewCheck(record.districtId, record.stationId, enterprise as string, record.eventDate, `${record.eventDate}${record.id}`, riskLevel as string)
      return
    }
    const cur = this.stmt('SELECT version, doc FROM records WHERE id = ?').get(record.id) as { version: number, doc: string } | undefined
    if (!cur || cur.version !== expectedVersion) throw new VersionConflict(record.id)
    const previous: StoredRecord = JSON.parse(cur.doc)
    // Written before any figure is counted: if a unique field refuses it, the batch's figures are untouched.
    this.stmt(UPDATE_RECORD).run(...values, record.id)
    // Old contributions out, new in (equal ones cancel to zero, and a row of zeros is never written).
    figures.count(previous.districtId, previous.stationId, previous.pointId, contributions(previous), -1)
    figures.count(record.districtId, record.stationId, record.pointId, contributions(record), 1)
    if (previous.type === 'riskCheck') this.refreshEnterpriseMonth(previous.districtId, previous.stationId, enterpriseKey(previous.payload), previous.eventDate)
    if (record.type === 'riskCheck') this.refreshEnterpriseMonth(record.districtId, record.stationId, enterprise as string, record.eventDate)
  }

  /** A new check can only become an enterprise's latest (overall and in its month): no need to read other checks. */
  private noteNewCheck (districtId: string, stationId: string, key: string, date: string, k: string, level: string): void {
    this.stmt(`INSERT INTO enterprise_latest (district_id, station_id, enterprise_key, last_key, last_level) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(district_id, station_id, enterprise_key) DO UPDATE SET last_key = excluded.last_key, last_level = excluded.last_level
      WHERE excluded.last_key > enterprise_latest.last_key`).run(districtId, stationId, key, k, level)
    this.stmt(`INSERT INTO enterprise_months (district_id, month, station_id, enterprise_key, last_key, last_level) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(district_id, month, station_id, enterprise_key) DO UPDATE SET last_key = excluded.last_key, last_level = excluded.last_level
      WHERE excluded.last_key > enterprise_months.last_key`).run(districtId, date.slice(0, 7), stationId, key, k, level)
  }

  /** Rewrites one enterprise's month row and latest row from its checks (after an edit: the latest may move back). */
  private refreshEnterpriseMonth (districtId: string, stationId: string, key: string, date: string): void {
    const latestEver = this.stmt(`SELECT event_date || id AS k, risk_level FROM records WHERE type = 'riskCheck' AND station_id = ? AND enterprise_key = ?
      ORDER BY event_date DESC, id DESC LIMIT 1`).get(stationId, key) as { k: string, risk_level: string } | undefined
    if (!latestEver) this.stmt('DELETE FROM enterprise_latest WHERE district_id = ? AND station_id = ? AND enterprise_key = ?').run(districtId, stationId, key)
    else {
      this.stmt(`INSERT INTO enterprise_latest (district_id, station_id, enterprise_key, last_key, last_level) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(district_id, station_id, enterprise_key) DO UPDATE SET last_key = excluded.last_key, last_level = excluded.last_level`)
        .run(districtId, stationId, key, latestEver.k, latestEver.risk_level)
    }
    const month = date.slice(0, 7)
    const latest = this.stmt(`SELECT event_date || id AS k, risk_level FROM records WHERE type = 'riskCheck' AND station_id = ? AND enterprise_key = ?
      AND event_date >= ? AND event_date <= ? ORDER BY event_date DESC, id DESC LIMIT 1`).get(stationId, key, `${month}-01`, `${month}-31`) as { k: string, risk_level: string } | undefined
    if (!latest) {
      this.stmt('DELETE FROM enterprise_months WHERE district_id = ? AND month = ? AND station_id = ? AND enterprise_key = ?').run(districtId, month, stationId, key)
      return
    }
    this.stmt(`INSERT INTO enterprise_months (district_id, month, station_id, enterprise_key, last_key, last_level) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(district_id, month, station_id, enterprise_key) DO UPDATE SET last_key = excluded.last_key, last_level = excluded.last_level`)
      .run(districtId, month, stationId, key, latest.k, latest.risk_level)
  }

  /** Adds buffered sums to their day rows, station and point (nothing for a row of zeros). */
  private writeFigures (figures: FigureBuffer): void {
    for (const { districtId, stationId, pointId, day, sums } of figures.rows()) {
      const values = FIGURE_KEYS.map((k) => sums[k])
      if (values.every((v) => v === 0)) continue
      if (pointId === null) this.stmt(ADD_FIGURES).run(districtId, day, stationId, ...values)
      else this.stmt(ADD_POINT_FIGURES).run(districtId, stationId, pointId, day, ...values)
    }
  }

  private insertAudit (a: AuditEntry): void {
    this.stmt('INSERT INTO audit (record_id, station_id, district_id, actor, action, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.recordId, a.stationId, a.districtId, a.actor, a.action, a.at, a.detail ?? null)
  }

  async listRecords (q: RecordQuery): Promise<RecordPage> {
    const where: string[] = []
    const args: Array<string | number> = []
    if (q.stationId) { where.push('station_id = ?'); args.push(q.stationId) }
    if (q.districtId) { where.push('district_id = ?'); args.push(q.districtId) }
    if (q.type) { where.push('type = ?'); args.push(q.type) }
    if (q.status) { where.push('status = ?'); args.push(q.status) }
    if (q.createdBy) { where.push('created_by = ?'); args.push(q.createdBy) }
    if (q.search) { where.push("search_text LIKE ? ESCAPE '\\'"); args.push(likePattern(q.search)) }
    const desc = q.order !== 'oldest'
    if (q.cursor) {
      const [date, id] = q.cursor.split('|')
      where.push(desc ? '(event_date < ? OR (event_date = ? AND id < ?))' : '(event_date > ? OR (event_date = ? AND id > ?))')
      args.push(date || '', date || '', id || '')
    }
    const dir = desc ? 'DESC' : 'ASC'
    const rows = this.stmt(`SELECT doc, event_date, id FROM records ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY event_date ${dir}, id ${dir} LIMIT ?`).all(...args, q.limit + 1) as Array<{ doc: string, event_date: string, id: string }>
    const more = rows.length > q.limit
    const page = rows.slice(0, q.limit)
    const last = page[page.length - 1]
    return { items: page.map((r) => JSON.parse(r.doc)), next: more && last ? `${last.event_date}|${last.id}` : null }
  }

  async findComplaintByTracking (trackingNo: string): Promise<StoredRecord | null> {
    const r = this.stmt('SELECT doc FROM records WHERE tracking_no = ?').get(trackingNo) as { doc: string } | undefined
    return r ? JSON.parse(r.doc) : null
  }

  async appendAudit (entries: AuditEntry[]): Promise<void> {
    this.db.transaction(() => entries.forEach((a) => this.insertAudit(a)))()
  }

  async listAudit (recordId: string): Promise<AuditEntry[]> {
    const rows = this.stmt('SELECT record_id, station_id, district_id, actor, action, at, detail FROM audit WHERE record_id = ? ORDER BY seq')
      .all(recordId) as Array<Record<string, string | null>>
    return rows.map((r) => ({
      recordId: r.record_id as string, stationId: r.station_id as string, districtId: r.district_id as string,
      actor: r.actor as string, action: r.action as string, at: r.at as string, ...(r.detail ? { detail: r.detail } : {})
    }))
  }

  async hitRateLimit (key: string, window: string, limit: number) {
    const row = this.stmt(`INSERT INTO rate_limits (key, window, count) VALUES (?, ?, 1)
      ON CONFLICT(key) DO UPDATE SET count = CASE WHEN rate_limits.window = excluded.window THEN rate_limits.count + 1 ELSE 1 END,
      window = excluded.window RETURNING count`).get(key, window) as { count: number }
    return { allowed: row.count <= limit, count: row.count }
  }

  async updateCounter (key: string, change: (current: Counter | null) => Counter): Promise<Counter> {
    return this.db.transaction(() => {
      const row = this.stmt('SELECT window, count, locked_until FROM counters WHERE key = ?').get(key) as { window: string, count: number, locked_until: number } | undefined
      const next = change(row ? { window: row.window, count: row.count, lockedUntil: row.locked_until } : null)
      this.stmt(`INSERT INTO counters (key, window, count, locked_until) VALUES (?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET window = excluded.window, count = excluded.count, locked_until = excluded.locked_until`)
        .run(key, next.window, next.count, next.lockedUntil)
      return next
    }).immediate()
  }

  // --- reports ---

  async comparedFacts (q: FactsQuery, base: { period: Period, through: string }): Promise<{ current: FactsAnswer, base: FactsAnswer }> {
    return { current: await this.reportFacts(q), base: await this.reportFacts({ ...q, period: base.period, through: base.through }) }
  }

  async reportFacts (q: FactsQuery): Promise<FactsAnswer> {
    const stationFilter = q.stationId ? 'AND station_id = ?' : ''
    const extra = q.stationId ? [q.stationId] : []
    const sums = this.stmt(`SELECT station_id, ${FIGURE_KEYS.map((k) => `SUM(${k}) AS ${k}`).join(', ')}
      FROM daily_figures WHERE district_id = ? AND day >= ? AND day <= ? ${stationFilter} GROUP BY station_id`)
      .all(q.districtId, q.period.start, q.through, ...extra) as Array<Record<string, number | string>>
    const carried = this.stmt(`SELECT station_id, SUM(casesAccepted) AS accepted, SUM(casesClosed) AS closed
      FROM daily_figures WHERE district_id = ? AND day < ? ${stationFilter} GROUP BY station_id`)
      .all(q.districtId, q.period.start, ...extra) as Array<{ station_id: string, accepted: number, closed: number }>
    const latest = this.latestChecks(q, stationFilter, extra)
    return assembleFacts({
      sums: sums.map((row) => ({ stationId: row.station_id as string, sums: row })),
      carried: carried.map((row) => ({ stationId: row.station_id, accepted: row.accepted, closed: row.closed })),
      enterprises: countLatestChecks(latest)
    })
  }

  async pointFacts (q: FactsQuery): Promise<PointFacts[]> {
    const stationFilter = q.stationId ? 'AND station_id = ?' : ''
    const extra = q.stationId ? [q.stationId] : []
    const sums = this.stmt(`SELECT station_id, point_id, ${FIGURE_KEYS.map((k) => `SUM(${k}) AS ${k}`).join(', ')}
      FROM point_figures WHERE district_id = ? AND day >= ? AND day <= ? ${stationFilter} GROUP BY station_id, point_id`)
      .all(q.districtId, q.period.start, q.through, ...extra) as Array<Record<string, number | string>>
    const carried = this.stmt(`SELECT station_id, point_id, SUM(casesAccepted) AS accepted, SUM(casesClosed) AS closed
      FROM point_figures WHERE district_id = ? AND day < ? ${stationFilter} GROUP BY station_id, point_id`)
      .all(q.districtId, q.period.start, ...extra) as Array<{ station_id: string, point_id: string, accepted: number, closed: number }>
    // A station's checks in a period are few; the point lives in the record's document.
    const checks = this.stmt(`SELECT station_id, json_extract(doc, '$.pointId') AS point_id, enterprise_key, event_date || id AS k, risk_level
      FROM records WHERE type = 'riskCheck' AND district_id = ? AND event_date >= ? AND event_date <= ? ${stationFilter}`)
      .all(q.districtId, q.period.start, q.through, ...extra) as Array<{ station_id: string, point_id: string | null, enterprise_key: string, k: string, risk_level: RiskLevel }>
    return assemblePointFacts(await this.reportFacts(q), {
      sums: sums.map((row) => ({ stationId: row.station_id as string, pointId: row.point_id as string, sums: row })),
      carried: carried.map((row) => ({ stationId: row.station_id, pointId: row.point_id, accepted: row.accepted, closed: row.closed })),
      latest: checks.map((c) => ({ stationId: c.station_id, pointId: c.point_id ?? null, key: c.enterprise_key, k: c.k, level: c.risk_level }))
    })
  }

  /**
   * The latest check of each (station, enterprise) in [period.start, through]: whole months from enterprise_months,
   * the partial months at either end from the checks themselves; SQLite keeps the row holding MAX(k) per group.
   */
  private latestChecks (q: FactsQuery, stationFilter: string, extra: string[]) {
    // No check after `through` anywhere in the district (the usual case: a period running up to today): the latest
    // check of each enterprise overall is its latest in the period, if it falls on or after the start.
    const newest = this.stmt('SELECT MAX(last_key) AS k FROM enterprise_latest WHERE district_id = ?').get(q.districtId) as { k: string | null }
    if (!newest.k || newest.k.slice(0, 10) <= q.through) {
      const rows = this.stmt(`SELECT station_id, enterprise_key, last_key, last_level FROM enterprise_latest
        WHERE district_id = ? AND last_key >= ? ${stationFilter}`).all(q.districtId, q.period.start, ...extra) as Array<{ station_id: string, enterprise_key: string, last_key: string, last_level: RiskLevel }>
      return rows.map((r) => ({ stationId: r.station_id, key: r.enterprise_key, k: r.last_key, level: r.last_level }))
    }
    const firstFull = q.period.start.endsWith('-01') ? q.period.start : nextMonthStart(q.period.start)
    const lastFullEnd = isMonthEnd(q.through) ? q.through : addDays(`${q.through.slice(0, 7)}-01`, -1)
    const parts: string[] = []
    const args: string[] = []
    const raw = (from: string, to: string) => {
      if (from > to) return
      parts.push(`SELECT station_id, enterprise_key, event_date || id AS k, risk_level AS level FROM records
        WHERE type = 'riskCheck' AND district_id = ? AND event_date >= ? AND event_date <= ? ${stationFilter}`)
      args.push(q.districtId, from, to, ...extra)
    }
    if (firstFull > lastFullEnd) raw(q.period.start, q.through)
    else {
      raw(q.period.start, addDays(firstFull, -1))
      parts.push(`SELECT station_id, enterprise_key, last_key AS k, last_level AS level FROM enterprise_months
        WHERE district_id = ? AND month >= ? AND month <= ? ${stationFilter}`)
      args.push(q.districtId, firstFull.slice(0, 7), lastFullEnd.slice(0, 7), ...extra)
      raw(addDays(lastFullEnd, 1), q.through)
    }
    if (!parts.length) return []
    const rows = this.stmt(`SELECT station_id, enterprise_key, level, MAX(k) AS k FROM (${parts.join(' UNION ALL ')})
      GROUP BY station_id, enterprise_key`).all(...args) as Array<{ station_id: string, enterprise_key: string, level: RiskLevel, k: string }>
    return rows.map((r) => ({ stationId: r.station_id, key: r.enterprise_key, k: r.k, level: r.level }))
  }
}

/** Figure deltas summed per station and day (pointId null) and per point and day, in memory, until the transaction writes them. */
class FigureBuffer {
  private readonly byRow = new Map<string, { districtId: string, stationId: string, pointId: string | null, day: string, sums: FigureSums }>()

  /** Adds (sign 1) or takes away (sign -1) one record's contributions: to its station, and to its point if it has one. */
  count (districtId: string, stationId: string, pointId: string | null, list: Contribution[], sign: 1 | -1): void {
    for (const c of list) {
      this.row(districtId, stationId, null, c.date).sums[c.key] += sign * c.value
      if (pointId) this.row(districtId, stationId, pointId, c.date).sums[c.key] += sign * c.value
    }
  }

  merge (other: FigureBuffer): void {
    for (const r of other.byRow.values()) {
      const sums = this.row(r.districtId, r.stationId, r.pointId, r.day).sums
      for (const k of FIGURE_KEYS) sums[k] += r.sums[k]
    }
  }

  rows () {
    return this.byRow.values()
  }

  private row (districtId: string, stationId: string, pointId: string | null, day: string) {
    const key = `${districtId}\u0000${stationId}\u0000${pointId ?? ''}\u0000${day}`
    let row = this.byRow.get(key)
    if (!row) this.byRow.set(key, row = { districtId, stationId, pointId, day, sums: emptySums() })
    return row
  }
}

/** SQLite refusing a row because a UNIQUE index already holds its value. */
function isUniqueViolation (e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** The first day of the month after `date`'s month. */
function nextMonthStart (date: string): string {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/** Whether `date` is the last day of its month. */
function isMonthEnd (date: string): boolean {
  return Number(date.slice(8, 10)) === daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))
}

