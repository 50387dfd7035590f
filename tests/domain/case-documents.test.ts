/** Which papers each state of a case allows, and the small writing helpers the papers share. */
import {
  availableCaseDocuments, buildCaseDocument, caseDocumentGaps, chineseDate, chineseOrdinal, maskRecord, type CaseEvent, type StoredRecordOf
} from '@/domain'
import { casePayload, ev } from '../support/fixtures'

const TODAY = '2026-11-20'
const accept = ev('accept', '2026-11-10')
const session = ev('recordSession', '2026-11-11', { mode: '面谈' })
const agreement = { amountFen: 100, payDate: '2026-11-30', payMethod: '现金' as const }

describe('availableCaseDocuments', () => {
  it.each<[string, CaseEvent[], string[]]>([
    ['待受理', [], ['application']],
    ['不予受理', [ev('reject', '2026-11-10', { reason: '不属于劳动争议' })], ['application', 'rejection']],
    ['已受理, within 15 days', [accept], ['application', 'acceptance']],
    ['调解中, within 15 days', [accept, session], ['application', 'acceptance']],
    ['调解成功', [accept, session, ev('succeed', '2026-11-12', { agreement })], ['application', 'acceptance', 'agreement']],
    ['履行中', [accept, session, ev('succeed', '2026-11-12', { agreement }), ev('recordPayment', '2026-11-13', { paidFen: 50 })], ['application', 'acceptance', 'agreement']],
    ['调解不成', [accept, session, ev('fail', '2026-11-12')], ['application', 'acceptance', 'termination']],
    ['调解不成, then 结案', [accept, session, ev('fail', '2026-11-12'), ev('close', '2026-11-13')], ['application', 'acceptance', 'termination']],
    ['转仲裁', [accept, ev('toArbitration', '2026-11-12')], ['application', 'acceptance', 'termination']],
    ['撤回', [accept, ev('withdraw', '2026-11-12')], ['application', 'acceptance']],
    ['转监察', [accept, ev('toInspection', '2026-11-12')], ['application', 'acceptance']]
  ])('%s', (_, timeline, kinds) => {
    expect(availableCaseDocuments(casePayload({ receivedDate: '2026-11-09', timeline }), TODAY)).toEqual(kinds)
  })

  it('adds the 终止书 when 15 days from receipt pass with no outcome, not before, and not for a case never accepted', () => {
    const open = casePayload({ receivedDate: '2026-11-01', timeline: [accept] })
    expect(availableCaseDocuments(open, '2026-11-16')).toEqual(['application', 'acceptance'])
    expect(availableCaseDocuments(open, '2026-11-17')).toEqual(['application', 'acceptance', 'termination'])
    expect(availableCaseDocuments(casePayload({ receivedDate: '2026-11-01', timeline: [] }), '2026-11-17')).toEqual(['application'])
  })
})

describe('the terms of an agreement', () => {
  const clausesOf = (a: NonNullable<CaseEvent['agreement']>) => buildCaseDocument(
    casePayload({ receivedDate: '2026-11-09', timeline: [accept, session, ev('succeed', '2026-11-12', { agreement: a })] }),
    'agreement', { stationName: '甲站', today: TODAY }
  ).blocks.flatMap((b) => (b.type === 'clause' ? [`${b.number}${b.text}`] : []))

  it('without money: only the typed terms, each ending with a full stop', () => {
    expect(clausesOf({ ...agreement, amountFen: 0, terms: '（1）被申请人自下月起按规定安排休息日\n二、双方确认劳动关系继续履行；' }).slice(0, 2))
      .toEqual(['一、被申请人自下月起按规定安排休息日。', '二、双方确认劳动关系继续履行；'])
  })

  it('with neither money nor terms: a blank clause to write in, never an empty promise of 零元', () => {
    const clauses = clausesOf({ ...agreement, amountFen: 0 })
    expect(clauses[0]).toBe('一、____________')
    expect(clauses.join('')).not.toContain('零元')
  })
})

describe('writing helpers', () => {
  it('numbers clauses the Chinese way', () => {
    expect([1, 2, 9, 10, 11, 12, 19, 20, 21, 35, 99].map(chineseOrdinal)).toEqual(['一', '二', '九', '十', '十一', '十二', '十九', '二十', '二十一', '三十五', '九十九'])
  })

  it('writes dates as official papers do', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日')
    expect(chineseDate('2026-11-20')).toBe('2026年11月20日')
  })

  it('lists the particulars a paper would leave blank', () => {
    expect(caseDocumentGaps(casePayload({ applicant: { name: '甲', phone: '13800000000' }, employer: { name: '乙公司' } })))
      .toEqual(['申请人身份证号', '申请人住址', '单位统一社会信用代码', '单位地址', '法定代表人'])
    expect(caseDocumentGaps(casePayload({
      applicant: { name: '甲', phone: '13800000000', idNumber: '11010519491231002X', address: '某路1号' },
      employer: { name: '乙公司', creditCode: '91330100716105852F', address: '某路2号', legalRep: '丙' }
    }))).toEqual([])
  })
})

describe('a worker\'s address in lists', () => {
  it('is masked like phone and ID numbers', () => {
    const payload = casePayload({ applicant: { name: '甲', phone: '13812341234', address: '浙江省杭州市西湖区文三路100号' } })
    const masked = maskRecord({ id: 'x', type: 'mediationCase', payload } as StoredRecordOf<'mediationCase'>)
    expect(masked.payload.applicant.address).toBe('浙江省杭州市****')
    expect(masked.payload.applicant.phone).toBe('138****1234')
  })
})
