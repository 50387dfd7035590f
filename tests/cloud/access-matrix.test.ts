/**
 * Runs every cell of ACCESS_MATRIX against the real handlers (and the host's session actions over HTTP): each caller
 * either reaches the resource (a record of station A in district D, or one worker's complaint) or is refused.
 * Its expectations come from the same table the router gates on, so it proves handlers and table agree; the denials
 * that must hold whatever the table says are written out by hand in access-denials.test.ts.
 */
import { ACCESS_MATRIX, CALLER_KINDS, HOST_ACTIONS, type ActionName, type CallerKind } from '../../cloudfunctions/ledger/src/access-matrix'
import { HANDLERS } from '../../cloudfunctions/ledger/src/router'
import type { Answer } from '../../cloudfunctions/ledger/src/respond'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, complaintForm, envelope } from '../support/fixtures'
import { startTestHost } from '../support/http-host'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

interface Fixture { ledger: Ledger, caseId: string, complaintId: string, trackingNo: string, invite: string }

const IDENTITY: Record<CallerKind, string | null> = {
  anonymous: null,
  unbound: 'dev_unbound',
  complaintOwner: 'dev_owner',
  otherWorker: 'dev_other',
  stationMediator: PEOPLE.mediatorA.identityId,
  otherStationMediator: PEOPLE.mediatorB.identityId,
  districtStaff: PEOPLE.staffD.identityId,
  otherDistrictStaff: PEOPLE.staffE.identityId
}

const PERIOD = { kind: 'year', year: 2026 }

/** For each action: valid input about the resource, and whether an answer reached that resource. */
const SPECS: Record<Exclude<ActionName, (typeof HOST_ACTIONS)[number]>, { input: (f: Fixture) => unknown, reached?: (data: unknown, f: Fixture) => boolean }> = {
  whoami: { input: () => ({}) },
  stationByCode: { input: () => ({ code: 'TA01' }) },
  bindRole: { input: (f) => ({ code: f.invite }) },
  createInvite: { input: () => ({ role: 'mediator', stationId: 'st-a', displayName: '新人' }) },
  revokeBinding: { input: () => ({ identityId: PEOPLE.mediatorA.identityId, reason: '调离' }) },
  listStations: { input: () => ({}), reached: (d) => (d as { stations: Array<{ id: string }> }).stations.some((s) => s.id === 'st-a') },
  syncRecords: { input: () => ({ records: [envelope('mediationCase', 'st-a', casePayload())] }), reached: (d) => (d as { results: Array<{ result: string }> }).results[0].result === 'stored' },
  listRecords: { input: () => ({ stationId: 'st-a' }) },
  getRecord: { input: (f) => ({ id: f.caseId }) },
  transitionCase: { input: (f) => ({ id: f.caseId, action: 'accept', baseVersion: 1 }) },
  caseDocument: { input: (f) => ({ caseId: f.caseId, kind: 'application' }), reached: (d) => Buffer.from((d as { base64: string }).base64, 'base64').subarray(0, 2).toString() === 'PK' },
  submitComplaint: { input: () => complaintForm('TA01') },
  myComplaints: { input: () => ({}), reached: (d, f) => (d as { items: Array<{ id: string }> }).items.some((i) => i.id === f.complaintId) },
  lookupComplaint: { input: (f) => ({ trackingNo: f.trackingNo, phoneLast4: '2222' }) },
  stationComplaints: { input: () => ({ stationId: 'st-a' }) },
  getComplaint: { input: (f) => ({ id: f.complaintId }) },
  handleComplaint: { input: (f) => ({ id: f.complaintId, action: 'accept', baseVersion: 1 }) },
  stationSummary: { input: () => ({ stationId: 'st-a', period: PERIOD }) },
  districtReport: { input: () => ({ period: PERIOD }), reached: (d) => (d as { districtId: string }).districtId === 'dist-d' },
  exportReport: { input: () => ({ period: PERIOD, format: 'csv' }), reached: (d) => Buffer.from((d as { base64: string }).base64, 'base64').toString('utf8').includes('测试区') },
  stationQr: { input: () => ({ stationId: 'st-a' }) }
}

async function fixture (): Promise<Fixture> {
  const store = new SqliteStore(':memory:')
  await seedOrg(store)
  const ledger = new Ledger(store)
  const kase = envelope('mediationCase', 'st-a', casePayload())
  await ledger.ok('syncRecords', { records: [kase] }, PEOPLE.mediatorA.identityId)
  const complaint = await ledger.ok<{ id: string, trackingNo: string }>('submitComplaint', complaintForm('TA01'), 'dev_owner')
  const invite = await ledger.ok<{ code: string }>('createInvite', { role: 'mediator', stationId: 'st-b', displayName: '乙新人' }, PEOPLE.staffD.identityId)
  return { ledger, caseId: kase.id, complaintId: complaint.id, trackingNo: complaint.trackingNo, invite: invite.code }
}

const cells = Object.entries(SPECS).flatMap(([action, spec]) => CALLER_KINDS.map((caller) => [action, caller, spec] as const))

describe('access matrix', () => {
  it('has a row for every action the router runs and every host action, and nothing else', () => {
    expect(Object.keys(ACCESS_MATRIX).sort()).toEqual([...Object.keys(HANDLERS), ...HOST_ACTIONS].sort())
    expect(Object.keys(SPECS).sort()).toEqual(Object.keys(HANDLERS).sort())
    for (const row of Object.values(ACCESS_MATRIX)) expect(Object.keys(row).sort()).toEqual([...CALLER_KINDS].sort())
  })

  it.each(cells)('%s by %s', async (action, caller, spec) => {
    const f = await fixture()
    const answer: Answer = await f.ledger.call(action, spec.input(f), IDENTITY[caller])
    const expected = ACCESS_MATRIX[action as ActionName][caller]
    const reached = answer.ok && (spec.reached ? spec.reached(answer.data, f) : true)
    expect({ action, caller, access: reached ? 'allow' : 'deny' }).toEqual({ action, caller, access: expected })
    if (!answer.ok) {
      // A refusal is an authorization refusal, never a crash or a disguised validation error.
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(answer.code)
      expect(answer.message).toMatch(/[\u4e00-\u9fff]/)
    }
    ;(f.ledger.store as SqliteStore).close()
  })

  it('host session actions over HTTP: signing in is open to every caller, signing out to every identity', async () => {
    const host = await startTestHost()
    try {
      expect(ACCESS_MATRIX.signIn.anonymous).toBe('allow')
      expect(ACCESS_MATRIX.anonymousSession.anonymous).toBe('allow')
      const session = await host.post({ action: 'anonymousSession', data: {} })
      expect(session.status).toBe(200)
      const invite = await host.post({ action: 'createInvite', data: { role: 'mediator', stationId: 'st-a', displayName: 'x' } }, host.tokenFor(PEOPLE.staffD.identityId))
      const signIn = await host.post({ action: 'signIn', data: { code: (invite.json.data as { code: string }).code } }, (session.json.data as { token: string }).token)
      expect(signIn.status).toBe(200)
      // Signing out needs an identity of any kind (a worker's device, a mediator, staff); without one it is 401.
      const people = { signOut: [PEOPLE.mediatorA, PEOPLE.staffD], signOutEverywhere: [PEOPLE.mediatorB, PEOPLE.staffE] }
      for (const action of ['signOut', 'signOutEverywhere'] as const) {
        expect(ACCESS_MATRIX[action].anonymous).toBe('deny')
        expect((await host.post({ action, data: {} })).status).toBe(401)
        for (const token of [
          ((await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }).token,
          ...people[action].map((p) => host.tokenFor(p.identityId))
        ]) {
          expect((await host.post({ action, data: {} }, token)).status).toBe(200)
          expect((await host.post({ action: 'whoami', data: {} }, token)).status).toBe(401)
        }
      }
    } finally {
      await host.close()
    }
  })
})
