/** The compiled district report page (report subpackage) under miniprogram-simulate, fed a real report shape. */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { mpWx } = require('../support/mp-wx')
const { waitFor } = require('../support/wait-for')

const DIST = path.resolve(__dirname, '../../dist')
const calls = []
let mp

const sums = (over) => Object.assign({
  casesReceived: 0, casesAccepted: 0, casesCollective: 0, caseWorkers: 0, caseClaimedFen: 0, casesClosed: 0, casesMediated: 0,
  caseCloseDays: 0, caseAgreedFen: 0, casePaidFen: 0, casesOverdue: 0, sessions: 0, sessionAttendees: 0, sessionMaterials: 0,
  sessionEnterprises: 0, sessionConsultations: 0, riskChecks: 0, hazardsFound: 0, hazardsClosed: 0, complaintsReceived: 0,
  complaintsAccepted: 0, complaintsClosed: 0, complaintsTransferred: 0, complaintsConverted: 0, complaintWorkers: 0,
  complaintOwedFen: 0, complaintRecoveredFen: 0, complaintsReceivedConverted: 0, complaintAllWorkers: 0, complaintAllOwedFen: 0,
  activity: 0, nilReports: 0
}, over)
const rate = (n, d, f) => ({ numerator: n, denominator: d, value: d ? n / d : null, formula: f, text: `${n} / ${d}` })
const row = (id, name, s, reported) => ({
  stationId: id, stationName: name, stationCode: id, carriedOver: 1, sums: s, enterprises: { checked: 0, low: 0, medium: 0, high: 0 },
  successRate: rate(s.casesMediated, s.casesClosed, '调解成功率 = 调解成功数 / 结案数'), closeRate: rate(s.casesClosed, 1 + s.casesAccepted, '结案率 = 结案数 / (上期未结 + 受理数)'),
  avgCloseDays: null, reported, filing: reported ? 'records' : 'missing', active: true
})

const REPORT = {
  districtId: 'd', districtName: '测试区', period: { kind: 'year', start: '2026-01-01', end: '2026-12-31', label: '2026年' }, asOf: '2026-11-20',
  generatedAt: '2026-11-20T02:00:00Z',
  rows: [row('a', '甲街道劳动关系公共服务站', sums({ casesAccepted: 12, casesClosed: 10, casesMediated: 7 }), true), row('b', '乙镇劳动关系公共服务站', sums({}), false)],
  totals: row('total', '合计', sums({ casesAccepted: 12, casesClosed: 10, casesMediated: 7 }), true),
  completeness: { reported: 1, expected: 2, withRecords: 1, nilReports: 0, nilWithdrawn: 0, missing: [{ stationId: 'b', stationName: '乙镇劳动关系公共服务站' }], definition: '报送口径：…' }
}

beforeAll(() => {
  mp = installMpShim({
    dist: DIST,
    wx: mpWx({
      calls,
      ledger: (action) => {
        if (action === 'whoami') return { ok: true, data: { identityId: 'o_staff', role: 'district', binding: { role: 'district', districtId: 'd' }, station: null, district: { id: 'd', name: '测试区' } } }
        if (action === 'districtReport') return { ok: true, data: REPORT }
        return { ok: false, code: 'UNKNOWN_ACTION', message: 'x' }
      }
    })
  })
})

test('renders every station, the totals and completeness, and a rate opens its formula', async () => {
  const page = await mp.mountPage(simulate, 'report/pages/district/index')
  await waitFor(() => page.dom.textContent.includes('合计'), 'the report table with its totals row')
  const text = page.dom.textContent
  expect(text).toContain('已报送 1 / 2 个站点')
  expect(text).toContain('甲街道站')
  expect(text).toContain('未报送')
  expect(text).toContain('70.0%')
  expect(text).toContain('未报送：乙镇')
  const rateCell = page.querySelectorAll('.rt-rate')[0]
  expect(calls.find((c) => c[0] === 'showModal')).toBeUndefined()
  rateCell.dispatchEvent('tap')
  const modal = await waitFor(() => calls.find((c) => c[0] === 'showModal'), 'the formula dialog after tapping a rate')
  expect(modal[1].content).toContain('调解成功率 = 调解成功数 / 结案数')
  expect(modal[1].content).toContain('7 / 10')
})
