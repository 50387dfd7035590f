/**
 * Turns what a storage adapter read for a report into the answer both adapters give: per-station sums, cases carried
 * over, and enterprises counted by the level of their latest check — per station, and distinct across the district
 * (an enterprise checked by two stations counts once in the totals).
 */
import { FIGURE_KEYS, emptyEnterpriseStats, emptySums, type EnterpriseStats, type FigureSums, type PointFacts, type RiskLevel, type StationFacts } from '@/domain'
import type { FactsAnswer } from './port'

/** The latest check of one enterprise at one station; `k` orders checks (date, then id). */
export interface LatestCheck {
  stationId: string
  key: string
  k: string
  level: RiskLevel
}

/** Enterprises by the level of their latest check: per station, and across the district. */
export interface EnterpriseCounts {
  stations: Array<{ stationId: string, level: RiskLevel, count: number }>
  district: Array<{ level: RiskLevel, count: number }>
}

/** Counts latest checks per station and, taking each enterprise's latest across stations, for the district. */
export function countLatestChecks (latest: LatestCheck[]): EnterpriseCounts {
  const district = new Map<string, LatestCheck>()
  for (const c of latest) {
    const seen = district.get(c.key)
    if (!seen || c.k > seen.k) district.set(c.key, c)
  }
  return {
    stations: latest.map((c) => ({ stationId: c.stationId, level: c.level, count: 1 })),
    district: [...district.values()].map((c) => ({ level: c.level, count: 1 }))
  }
}

export function assembleFacts (read: {
  sums: Array<{ stationId: string, sums: Partial<Record<keyof FigureSums, unknown>> }>
  carried: Array<{ stationId: string, accepted: number, closed: number }>
  enterprises: EnterpriseCounts
}): FactsAnswer {
  const facts = new Map<string, StationFacts>()
  const factsOf = (stationId: string) => {
    let f = facts.get(stationId)
    if (!f) facts.set(stationId, f = { stationId, sums: emptySums(), carriedOver: 0, enterprises: emptyEnterpriseStats() })
    return f
  }
  for (const row of read.sums) {
    const f = factsOf(row.stationId)
    for (const k of FIGURE_KEYS) f.sums[k] = Number(row.sums[k]) || 0
  }
  for (const row of read.carried) factsOf(row.stationId).carriedOver = Math.max(0, (Number(row.accepted) || 0) - (Number(row.closed) || 0))
  for (const c of read.enterprises.stations) {
    const stats = factsOf(c.stationId).enterprises
    stats.checked += c.count
    stats[c.level] += c.count
  }
  const enterprises = emptyEnterpriseStats()
  for (const c of read.enterprises.district) {
    enterprises.checked += c.count
    enterprises[c.level] += c.count
  }
  return { stations: [...facts.values()], enterprises }
}

function countLevel (stats: EnterpriseStats, level: RiskLevel): void {
  stats.checked++
  stats[level]++
}

/** What an adapter read for a point breakdown: sums and carried-over counts of points, latest checks with their point. */
export interface PointRead {
  sums: Array<{ stationId: string, pointId: string, sums: Partial<Record<keyof FigureSums, unknown>> }>
  carried: Array<{ stationId: string, pointId: string, accepted: number, closed: number }>
  latest: Array<LatestCheck & { pointId: string | null }>
}

/**
 * Points and 站本级 of every station in `stations` (their reportFacts answer): each point's own sums, and 站本级 as the
 * station less its points; enterprises are counted per point (and per 站本级) by the latest check made there.
 */
export function assemblePointFacts (stations: FactsAnswer, read: PointRead): PointFacts[] {
  const out = new Map<string, PointFacts>()
  const entry = (stationId: string, pointId: string | null) => {
    const key = `${stationId}\u0000${pointId ?? ''}`
    let f = out.get(key)
    if (!f) out.set(key, f = { stationId, pointId, sums: emptySums(), carriedOver: 0, enterprises: emptyEnterpriseStats() })
    return f
  }
  for (const s of stations.stations) {
    const own = entry(s.stationId, null)
    own.sums = { ...s.sums }
    own.carriedOver = s.carriedOver
  }
  for (const row of read.sums) {
    const f = entry(row.stationId, row.pointId)
    const own = entry(row.stationId, null)
    for (const k of FIGURE_KEYS) {
      const v = Number(row.sums[k]) || 0
      f.sums[k] += v
      own.sums[k] -= v
    }
  }
  for (const row of read.carried) {
    const carried = Math.max(0, (Number(row.accepted) || 0) - (Number(row.closed) || 0))
    entry(row.stationId, row.pointId).carriedOver += carried
    entry(row.stationId, null).carriedOver -= carried
  }
  const latest = new Map<string, LatestCheck & { pointId: string | null }>()
  for (const c of read.latest) {
    const key = `${c.stationId}\u0000${c.pointId ?? ''}\u0000${c.key}`
    const seen = latest.get(key)
    if (!seen || c.k > seen.k) latest.set(key, c)
  }
  for (const c of latest.values()) countLevel(entry(c.stationId, c.pointId).enterprises, c.level)
  return [...out.values()]
}
