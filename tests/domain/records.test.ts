import { recordStatus, sameContent, validateRecord, validatePayload } from '@/domain/records'
import { casePayload, complaintPayload, envelope, ev, riskPayload, sessionPayload } from '../support/fixtures'

const TODAY = '2026-11-23'

describe('validateRecord', () => {
  it('accepts a valid record of each type', () => {
    for (const [type, payload] of [
      ['mediationCase', casePayload()], ['legalSession', sessionPayload()], ['riskCheck', riskPayload()], ['wageComplaint', complaintPayload()]
    ] as const) {
      const r = validateRecord(envelope(type, 'st-1', payload), TODAY)
      expect(r.ok).toBe(true)
    }
  })

  it('reports field paths with Chinese messages', () => {
    const r = validateRecord(envelope('mediationCase', 'st-1', casePayload({
      applicant: { name: '', phone: '12345', idNumber: '11010519491231002Y' },
      claimedFen: -1
    })), TODAY)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]))
    expect(byPath['payload.applicant.name']).toBe('请填写申请人姓名')
    expect(byPath['payload.applicant.phone']).toBe('申请人手机号应为11位手机号码')
    expect(byPath['payload.applicant.idNumber']).toContain('身份证号码不正确')
    expect(byPath['payload.claimedFen']).toBe('请求金额不能为负数')
  })

  it('refuses fractional fen, unknown fields and wrong types', () => {
    const frac = validateRecord(envelope('legalSession', 'st-1', sessionPayload({ attendees: 2.5 })), TODAY)
    expect(frac.ok).toBe(false)
    const extra = validateRecord(envelope('legalSession', 'st-1', { ...sessionPayload(), createdBy: 'someone-else' }), TODAY)
    expect(extra.ok).toBe(false)
    if (!extra.ok) expect(extra.issues[0].message).toContain('不认识的字段')
    const wrongType = validateRecord({ ...envelope('legalSession', 'st-1', sessionPayload()), type: 'payroll' }, TODAY)
    expect(wrongType.ok).toBe(false)
    expect(validateRecord(null, TODAY).ok).toBe(false)
    expect(validateRecord('text', TODAY).ok).toBe(false)
  })

  it('refuses dates in the future and illegal timelines', () => {
    const future = validateRecord(envelope('legalSession', 'st-1', sessionPayload({ date: '2026-11-24' })), TODAY)
    expect(future.ok).toBe(false)
    if (!future.ok) expect(future.issues[0]).toEqual({ path: 'payload.date', message: '活动日期不能晚于今天' })

    const skip = validateRecord(envelope('mediationCase', 'st-1', casePayload({ timeline: [ev('succeed', '2026-11-03', { agreement: { amountFen: 1, payDate: '2026-11-30', payMethod: '现金' } })] })), TODAY)
    expect(skip.ok).toBe(false)
    if (!skip.ok) expect(skip.issues[0].message).toContain('当前状态下不能执行“调解成功”')

    const backwards = validateRecord(envelope('mediationCase', 'st-1', casePayload({ timeline: [ev('accept', '2026-11-01')] })), TODAY)
    expect(backwards.ok).toBe(false)
  })

  it('requires agreement terms for 调解成功 and a reason for 不予受理', () => {
    const r = validatePayload('mediationCase', casePayload({ timeline: [ev('reject', '2026-11-03')] }), TODAY)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0].message).toBe('请填写不予受理的理由')
  })

  it('derives status from the payload', () => {
    expect(recordStatus({ type: 'mediationCase', payload: casePayload({ timeline: [ev('accept', '2026-11-03')] }) })).toBe('accepted')
    expect(recordStatus({ type: 'riskCheck', payload: riskPayload({}, { noWageArrears: { result: 'noncompliant', workers: 2 } }) })).toBe('hazardOpen')
  })
})

describe('sameContent', () => {
  const base = { type: 'mediationCase' as const, stationId: 's', pointId: null as string | null }
  it('ignores key order and members left undefined', () => {
    const a = casePayload()
    const reordered = JSON.parse(JSON.stringify({ ...a, facts: a.facts, applicant: { phone: a.applicant.phone, name: a.applicant.name, idNumber: a.applicant.idNumber } }))
    expect(sameContent({ ...base, payload: a }, { ...base, payload: reordered })).toBe(true)
    expect(sameContent({ ...base, payload: { ...a, representatives: undefined } }, { ...base, payload: a })).toBe(a.representatives === undefined)
    expect(sameContent({ ...base, payload: { ...a, representatives: undefined } }, { ...base, payload: { ...a, representatives: [] } })).toBe(false)
  })
  it('tells any change of payload, station, point or type', () => {
    const a = casePayload({ timeline: [ev('accept', '2026-11-03')] })
    const same = (b: typeof a, over: Partial<typeof base> = {}) => sameContent({ ...base, payload: a }, { ...base, ...over, payload: b })
    expect(same({ ...a, claimedFen: a.claimedFen + 1 })).toBe(false)
    expect(same({ ...a, applicant: { ...a.applicant, name: a.applicant.name + '一' } })).toBe(false)
    expect(same({ ...a, timeline: [...a.timeline, ev('recordSession', '2026-11-04', { mode: '面谈' })] })).toBe(false)
    expect(same({ ...a, timeline: [{ ...a.timeline[0], note: '补充' }] })).toBe(false)
    expect(same({ ...a, timeline: [] })).toBe(false)
    expect(same(a, { stationId: 't' })).toBe(false)
    expect(same(a, { pointId: 'p' })).toBe(false)
    expect(sameContent({ ...base, payload: a }, { type: 'legalSession', stationId: 's', pointId: null, payload: a } as never)).toBe(false)
    expect(same(JSON.parse(JSON.stringify(a)))).toBe(true)
  })
})

describe('Chinese messages', () => {
  it('keep the schema\'s own message for missing fields and wrong choices', () => {
    const r = validatePayload('legalSession', { ...sessionPayload(), place: undefined, format: '开会' }, TODAY)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]))
    expect(byPath.place).toBe('请填写活动地点')
    expect(byPath.format).toBe('请选择活动形式')
  })

  it('translate zod\'s generic messages', () => {
    const r = validateRecord({ id: 5, type: 'legalSession', stationId: 'st', payload: {} }, TODAY)
    expect(r.ok).toBe(false)
    if (!r.ok) for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/)
  })
})
