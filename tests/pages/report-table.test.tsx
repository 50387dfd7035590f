/** The report table through Taro's H5 runtime: sorting by a column, silent stations, a rate's formula on tap. */
import { fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { REPORT_COLUMNS, buildRow, emptyEnterpriseStats, emptySums } from '@/domain'
import { ReportTable } from '@/report/components/report-table'

const row = (id: string, accepted: number, closed: number, mediated: number) =>
  buildRow({ id, name: `${id}劳动关系公共服务站`, code: id }, { sums: { ...emptySums(), casesAccepted: accepted, casesClosed: closed, casesMediated: mediated }, carriedOver: 0, enterprises: emptyEnterpriseStats() })

test('sorts by a column, marks silent stations, and shows a rate\'s formula', () => {
  const rows = [row('甲街道', 3, 2, 1), row('乙镇', 9, 6, 6), row('丙镇', 0, 0, 0)]
  const totals = row('合计', 12, 8, 7)
  const onStation = jest.fn()
  const modal = jest.spyOn(Taro, 'showModal').mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
  const { container } = render(<ReportTable rows={rows} totals={totals} columns={REPORT_COLUMNS.filter((c) => c.section === 'cases')} onStation={onStation} />)
  const names = () => [...container.querySelectorAll('.rt-station')].map((n) => n.textContent)
  expect(names()).toEqual(['甲街道站', '乙镇站', '丙镇站未报送'])
  fireEvent.click(container.querySelector('.rt-head--casesAccepted') as Element)
  expect(names()).toEqual(['乙镇站', '甲街道站', '丙镇站未报送'])
  fireEvent.click(container.querySelector('.rt-head--casesAccepted') as Element)
  expect(names()[0]).toBe('丙镇站未报送')
  fireEvent.click(container.querySelector('.rt-row--total .rt-cell[data-col="successRate"]') as Element)
  expect(modal.mock.calls[0][0]).toMatchObject({ content: '调解成功率 = 调解成功数 / 结案数；即 7 / 8 = 87.5%' })
  fireEvent.click(container.querySelectorAll('.rt-station')[0])
  expect(onStation).toHaveBeenCalledWith(expect.objectContaining({ stationId: '丙镇' }))
})
