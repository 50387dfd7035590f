/**
 * Text is normalized before it is validated (NFC, invisible and control characters out, trimmed), so required text
 * made only of such characters is refused; every date stays within 2000–2100 and not in the future where it is an
 * event; a complaint's owed period ends by the filing month and starts at most three years before it.
 */
import fc from 'fast-check'
import { checkComplaintForm, normalizeText, owedPeriodIssues, validatePayload, validateRecord } from '@/domain'
import { casePayload, complaintForm, complaintPayload, envelope, ev, riskPayload, sessionPayload } from '../support/fixtures'

const TODAY = '2026-11-20'
/** Characters a person cannot see: NUL, controls, zero-width, bidi controls, BOM, word joiner, Hangul fillers, tags. */
const INVISIBLE = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\u3164', '\uffa0', '\udb40\udc20', '\ufffe']

describe('normalizeText', () => {
  it('removes invisible and control characters, keeps line breaks, trims', () => {
    expect(normalizeText(`\u200b 王\u200d小\u202e二 \ufeff`)).toBe('王小二')
    expect(normalizeText('a\u0000b')).toBe('ab')
    expect(normalizeText('第一行\r\n第二行\r第三行\u2028第四行')).toBe('第一行\n第二行\n第三行\n第四行')
    expect(normalizeText('a\tb')).toBe('a b')
    expect(normalizeText('  plain ascii  ')).toBe('plain ascii')
  })

  it('composes characters (NFC) so lookalike spellings compare equal', () => {
    expect(normalizeText('Cafe\u0301')).toBe('Café')
    expect(normalizeText('Cafe\u0301')).toBe(normalizeText('Café'))
  })

  it('drops halves of broken surrogate pairs and keeps whole ones', () => {
    expect(normalizeText('a\ud800b\udc00c')).toBe('abc')
    expect(normalizeText('工地😀')).toBe('工地😀')
  })

  it('leaves nothing of any mix of invisible characters', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...INVISIBLE, ' ', '\u3000', '\n', '\t'), { minLength: 1, maxLength: 40 }), (chars) => {
      expect(normalizeText(chars.join(''))).toBe('')
    }), { numRuns: 500 })
  })

  it('always answers NFC text, trimmed, with none of the removed characters (the plain-text shortcut included)', () => {
    // eslint-disable-next-line no-control-regex -- these characters are what the check looks for
    const removed = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u2028\u2029\t]/
    const pieces = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('工', '资', '，', '。', '“', '”', 'é', 'e\u0301', '\u3000', ' ', '\n', '\u302a', '\u2000', '\uf900', ...INVISIBLE), maxLength: 40 })
    )
    fc.assert(fc.property(pieces, (s) => {
      const r = normalizeText(s)
      expect(r).toBe(r.normalize('NFC'))
      expect(r).toBe(r.trim())
      expect(removed.test(r)).toBe(false)
    }), { numRuns: 3000 })
  })

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const once = normalizeText(s)
      expect(normalizeText(once)).toBe(once)
    }), { numRuns: 2000 })
  })
})

describe('required text made only of invisible characters is refused', () => {
  const blank = '\u200b\u202e\u0000\ufeff\u2060'

  it.each([
    ['mediationCase', 'payload.applicant.name', casePayload({ applicant: { name: blank, phone: '13812341234' } }), '请填写申请人姓名'],
    ['mediationCase', 'payload.facts', casePayload({ facts: blank }), '请填写案情与请求'],
    ['legalSession', 'payload.place', sessionPayload({ place: blank }), '请填写活动地点'],
    ['legalSession', 'payload.topics.0', sessionPayload({ topics: [blank] }), '请填写主题'],
    ['riskCheck', 'payload.enterprise.name', riskPayload({ enterprise: { ...riskPayload().enterprise, name: blank } }), '请填写企业名称'],
    ['wageComplaint', 'payload.employerName', complaintPayload({ employerName: blank }), '请填写用人单位名称']
  ])('%s %s', (type, path, payload, message) => {
    const r = validateRecord(envelope(type, 'st-1', payload), TODAY)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues).toContainEqual({ path, message })
  })

  it('on the public complaint form too', () => {
    for (const field of ['name', 'employerName', 'description'] as const) {
      const r = checkComplaintForm(complaintForm('TA01', { [field]: blank }), TODAY)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(field)
    }
  })

  it('stores the normalized text of an accepted record', () => {
    const r = validatePayload('legalSession', sessionPayload({ place: '\u200b 新桥社区\u202e活动中心 ' }), TODAY)
    expect(r.ok && r.value.place).toBe('新桥社区活动中心')
    const phone = checkComplaintForm(complaintForm('TA01', { phone: '137\u200b0000\u20602222' }), TODAY)
    expect(phone.ok && phone.value.phone).toBe('13700002222')
  })
})

describe('dates stay within what the ledger reports on', () => {
  it.each([
    ['legalSession', sessionPayload({ date: '1999-12-31' }), 'payload.date', '活动日期不能早于2000年'],
    ['legalSession', sessionPayload({ date: '0001-01-01' }), 'payload.date', '活动日期不能早于2000年'],
    ['mediationCase', casePayload({ receivedDate: '1900-06-01' }), 'payload.receivedDate', '申请日期不能早于2000年'],
    ['riskCheck', riskPayload({ checkDate: '1970-01-01' }), 'payload.checkDate', '体检日期不能早于2000年'],
    ['wageComplaint', complaintPayload({ receivedDate: '1999-01-01' }), 'payload.receivedDate', '收到日期不能早于2000年'],
    ['legalSession', sessionPayload({ date: '2026-11-21' }), 'payload.date', '活动日期不能晚于今天'],
    ['mediationCase', casePayload({ timeline: [ev('accept', '2026-11-21')] }), 'payload.timeline.0.date', '日期不能晚于今天'],
    ['mediationCase', casePayload({ timeline: [ev('accept', '1999-12-31')] }), 'payload.timeline.0.date', '日期不能早于2000年'],
    ['mediationCase', casePayload({ timeline: [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-04', { mode: '面谈' }), ev('succeed', '2026-11-05', { agreement: { amountFen: 1, payDate: '2101-01-01', payMethod: '现金' } })] }), 'payload.timeline.2.agreement.payDate', '约定支付日期不能晚于2100年']
  ])('%s: %s', (type, payload, path, message) => {
    const r = validateRecord(envelope(type, 'st-1', payload), TODAY)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues).toContainEqual({ path, message })
  })

  it('accepts the first day of 2000 and today', () => {
    expect(validateRecord(envelope('legalSession', 'st-1', sessionPayload({ date: '2000-01-01' })), TODAY).ok).toBe(true)
    expect(validateRecord(envelope('legalSession', 'st-1', sessionPayload({ date: TODAY })), TODAY).ok).toBe(true)
  })
})

describe('a complaint’s owed period', () => {
  it('may not end after the filing month nor start more than three years before it', () => {
    expect(owedPeriodIssues({ owedFrom: '2023-11', owedTo: '2026-11' }, TODAY)).toEqual([])
    expect(owedPeriodIssues({ owedFrom: '2023-10', owedTo: '2026-11' }, TODAY)).toEqual([{ path: 'owedFrom', message: '欠薪开始月份不能早于2023年11月（提交前3年以内）；更早的欠薪请直接到站点咨询' }])
    expect(owedPeriodIssues({ owedFrom: '2026-11', owedTo: '2026-12' }, TODAY)).toEqual([{ path: 'owedTo', message: '欠薪结束月份不能晚于提交投诉的月份' }])
  })

  it('is checked on the public form against today and on a stored complaint against its received date', () => {
    const future = checkComplaintForm(complaintForm('TA01', { owedFrom: '2026-12', owedTo: '2027-02' }), TODAY)
    expect(future.ok).toBe(false)
    if (!future.ok) expect(future.issues).toContainEqual({ path: 'owedTo', message: '欠薪结束月份不能晚于提交投诉的月份' })
    const ancient = checkComplaintForm(complaintForm('TA01', { owedFrom: '0001-01', owedTo: '2026-10' }), TODAY)
    expect(ancient.ok).toBe(false)
    if (!ancient.ok) expect(ancient.issues[0].message).toBe('欠薪开始月份须在2000年至2100年之间')
    const stored = validateRecord(envelope('wageComplaint', 'st-1', complaintPayload({ receivedDate: '2026-09-01', owedFrom: '2026-08', owedTo: '2026-10' })), TODAY)
    expect(stored.ok).toBe(false)
    if (!stored.ok) expect(stored.issues).toContainEqual({ path: 'payload.owedTo', message: '欠薪结束月份不能晚于提交投诉的月份' })
  })
})
