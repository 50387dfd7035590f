/**
 * The report table through Taro's H5 runtime: sorting by a column, stations that have not reported and nil reports,
 * a rate's formula on tap, rates with one decimal rounded half up, and the change under each count with a comparison.
 */
import { fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { REPORT_COLUMNS, buildRow, emptyEnterpriseStats, emptySums, type FigureSums } from '@/domain'
import { ReportTable } from '@/report/components/report-table'

const row = (id: string, sums: Partial<FigureSums>) =>
  buildRow({ id, name: `${id}劳动关系公共服务站`, code: id }, { sums: { ...emptySums(), ...sums }, carriedOver: 0, enterprises: emptyEnterpriseStats() })
const cases = REPORT_COLUMNS.filter((c) => c.section === 'cases')

test('sorts by a column, marks stations that have not reported, and shows a rate\'s formula', () => {
  const rows = [
    row('甲街道', { casesAccepted: 3, casesClosed: 2, casesMediated: 1, activity: 5 }),
    row('乙镇', { casesAccepted: 9, casesClosed: 6, casesMediated: 6, activity: 12 }),
    row('丙镇', {}),
    row('丁镇', { nilReports: 1 })
  ]
  const totals = row('合计', { casesAccepted: 12, casesClosed: 8, casesMediated: 7, activity: 17 })
  const onStation = jest.fn()
  const modal = jest.spyOn(Taro, 'showModal').mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
  const { container } = render(<ReportTable rows={rows} totals={totals} columns={cases} onStation={onStation} />)
  const names = () => [...container.querySelectorAll('.rt-station')].map((n) => n.textContent)
  expect(names()).toEqual(['甲街道站', '乙镇站', '丙镇站未报送', '丁镇站零报告'])
  expect(container.querySelectorAll('.rt-row--silent')).toHaveLength(1)
  fireEvent.click(container.querySelector('.rt-head--casesAccepted') as Element)
  expect(names().slice(0, 2)).toEqual(['乙镇站', '甲街道站'])
  fireEvent.click(container.querySelector('.rt-head--casesAccepted') as Element)
  expect(names()[3]).toBe('乙镇站')
  fireEvent.click(container.querySelector('.rt-row--total .rt-cell[data-col="successRate"]') as Element)
  expect(modal.mock.calls[0][0]).toMatchObject({ content: '调解成功率 = 调解成功数 / 结案数；即 7 / 8 = 87.50%' })
  fireEvent.click(container.querySelectorAll('.rt-station')[0])
  expect(onStation).toHaveBeenCalledWith(expect.objectContaining({ stationId: '丙镇' }))
})

test('prints 41 / 80 as 51.3% and each count\'s change against its base row', () => {
  const now = row('四一街道', { casesAccepted: 121, casesClosed: 80, casesMediated: 41, activity: 3 })
  const base = row('四一街道', { casesAccepted: 80, casesClosed: 0, activity: 1 })
  const { container } = render(<ReportTable rows={[now]} totals={now} columns={cases} onStation={jest.fn()} comparison={{ label: '同比', baseOf: () => base }} />)
  const cell = (col: string) => container.querySelector(`.rt-row:not(.rt-row--head):not(.rt-row--total) .rt-cell[data-col="${col}"]`)
  expect(cell('successRate')?.querySelector('.rt-value')?.textContent).toBe('51.3%')
  expect(cell('successRate')?.querySelector('.rt-change')).toBeNull()
  expect(cell('casesAccepted')?.querySelector('.rt-change')?.textContent).toBe('同比 +51.3%')
  expect(cell('casesClosed')?.querySelector('.rt-change')?.textContent).toBe('同比 —')
})
