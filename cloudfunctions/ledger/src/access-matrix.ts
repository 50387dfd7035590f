/**
 * Who may do what: every action × every kind of caller, allow or deny, relative to one resource — a record of station
 * A in district D, or a complaint filed by one worker. "allow" means the caller reaches that resource; a caller who
 * gets an answer about something else (their own district, their own complaints) is denied it. The router gates on the
 * caller's role from this table; handlers enforce the scope. A table-driven test runs every cell against the real
 * handlers (and the host's own actions over HTTP) and fails when an action has no row.
 */

/** The callers the matrix distinguishes, relative to a record of station A in district D. */
export const CALLER_KINDS = [
  'anonymous',            // no identity at all
  'unbound',              // an identity with no binding that filed nothing
  'complaintOwner',       // the worker who filed the complaint
  'otherWorker',          // another worker
  'stationMediator',      // a mediator of station A
  'otherStationMediator', // a mediator of station B (same district)
  'districtStaff',        // district staff of D
  'otherDistrictStaff'    // district staff of another district
] as const
export type CallerKind = (typeof CALLER_KINDS)[number]

export type Access = 'allow' | 'deny'

const row = (allowed: CallerKind[]): Record<CallerKind, Access> =>
  Object.fromEntries(CALLER_KINDS.map((k) => [k, allowed.includes(k) ? 'allow' : 'deny'])) as Record<CallerKind, Access>

const EVERYONE: CallerKind[] = [...CALLER_KINDS]
const ANY_IDENTITY: CallerKind[] = CALLER_KINDS.filter((k) => k !== 'anonymous')
const SAME_DISTRICT: CallerKind[] = ['stationMediator', 'otherStationMediator', 'districtStaff']
const STATION_READERS: CallerKind[] = ['stationMediator', 'districtStaff']
const STATION_WRITERS: CallerKind[] = ['stationMediator']
const DISTRICT: CallerKind[] = ['districtStaff']

export const ACCESS_MATRIX = {
  whoami: row(EVERYONE),
  stationByCode: row(EVERYONE),
  bindRole: row(ANY_IDENTITY),
  createInvite: row(DISTRICT),
  revokeBinding: row(DISTRICT),
  listStations: row(SAME_DISTRICT),
  syncRecords: row(STATION_WRITERS),
  listRecords: row(STATION_READERS),
  getRecord: row(STATION_READERS),
  transitionCase: row(STATION_WRITERS),
  caseDocument: row(STATION_WRITERS),
  submitComplaint: row(ANY_IDENTITY),
  myComplaints: row(['complaintOwner']),
  lookupComplaint: row(EVERYONE),
  stationComplaints: row(STATION_READERS),
  getComplaint: row(STATION_READERS),
  handleComplaint: row(STATION_WRITERS),
  stationSummary: row(STATION_READERS),
  districtReport: row(DISTRICT),
  exportReport: row(DISTRICT),
  stationQr: row(STATION_READERS),
  // Host-only actions (browser sessions); in WeChat the OPENID plays their part.
  signIn: row(EVERYONE),
  anonymousSession: row(EVERYONE),
  signOut: row(ANY_IDENTITY),
  signOutEverywhere: row(ANY_IDENTITY)
} satisfies Record<string, Record<CallerKind, Access>>

export type ActionName = keyof typeof ACCESS_MATRIX
export const HOST_ACTIONS = ['signIn', 'anonymousSession', 'signOut', 'signOutEverywhere'] as const
export type HostAction = (typeof HOST_ACTIONS)[number]
/** Actions the shared router runs (the host adds its own session actions). */
export type LedgerAction = Exclude<ActionName, HostAction>
