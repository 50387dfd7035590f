/** The risk-check form through Taro's H5 runtime: the level and its reasons change live as items are marked. */
import { fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'

// Outside a running Taro app there is no router: set what useRouter reads (a new record: no ?id=).
Current.router = { params: {}, path: '/pages/risk-form/index', onReady: '', onHide: '', onShow: '' } as unknown as typeof Current.router

const ME = {
  identityId: 'usr_a', role: 'mediator', binding: { role: 'mediator', stationId: 'st-a', displayName: '甲', title: '调解员' },
  station: { id: 'st-a', code: 'TA01', name: '甲站', area: '甲', active: true, districtId: 'd', points: [] }, district: null
}

let RiskForm: () => JSX.Element

beforeAll(async () => {
  Taro.setStorageSync('ledger.me', JSON.stringify({ state: { me: ME }, version: 1 }))
  // Loaded after the session is in storage, as on a phone that bound earlier.
  RiskForm = (await import('@/pages/risk-form/index')).default
})

/** Taro's H5 Input is the <taro-input-core> element, which reports typing as an 'input' event with detail.value. */
function typeIn (container: HTMLElement, field: string, value: string) {
  const el = container.querySelector(`.form-input--${field}`)
  if (!el) throw new Error(`no field ${field}`)
  fireEvent(el, new CustomEvent('input', { detail: { value }, bubbles: true }))
}

test('arrears for 12 workers turn the check red with the reason; submitting queues it on the phone', () => {
  const { container } = render(<RiskForm />)
  const live = () => container.querySelector('.risk-live')?.textContent || ''
  expect(live()).toContain('低风险')
  expect(live()).toContain('各项均合规')
  fireEvent.click(container.querySelector('.segmented__item--noncompliant[data-name="noWageArrears"]') as Element)
  expect(live()).toContain('中风险')
  expect(live()).toContain('存在欠薪 → 至少中风险')
  typeIn(container, 'arrearsWorkers', '12')
  expect(container.querySelector('.risk-live')?.textContent).toContain('高风险')
  expect(container.querySelector('.risk-live')?.textContent).toContain('欠薪涉及12人（10人及以上，群体性风险）→ 高风险')
  expect(container.textContent).toContain('存在欠薪隐患：提交后列入站点隐患台账')

  typeIn(container, 'enterpriseName', '页面测试纺织有限公司')
  fireEvent.click(container.querySelector('.risk-form__submit') as Element)
  // Taro H5 wraps each stored value as { data }; the outbox's index lists the chunks holding its records.
  const read = (key: string) => JSON.parse(JSON.parse(localStorage.getItem(key) as string).data)
  const records = (read('ledger.outbox.index').chunks as string[]).flatMap((key) => read(key)) as Array<{ type: string, state: string, payload: { enterprise: { name: string } } }>
  expect(records).toHaveLength(1)
  expect(records[0]).toMatchObject({ type: 'riskCheck', state: 'queued', payload: { enterprise: { name: '页面测试纺织有限公司' } } })
})
