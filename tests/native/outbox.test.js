/**
 * The compiled weapp outbox under miniprogram-simulate, with storage that counts like WeChat's (UTF-8 bytes, 1 MB a
 * key, 10 MB in all) and wx.cloud.callFunction answered by a fake ledger:
 * - an outbox left by the earlier single-key layout moves into keys of ≤ 256 KB and survives a reload of the app;
 * - a failure that is not the network (function not deployed) is shown with its diagnostic line and not retried,
 *   while a network failure is;
 * - a batch the function refuses as too large is split in halves until it passes, each record stored once.
 * Needs `npm run build:weapp`.
 */
const path = require('path')
const fs = require('fs')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { mpWx } = require('../support/mp-wx')

const DIST = path.resolve(__dirname, '../../dist')
const KB = 1024
const RECORDS = 120

const ME = {
  identityId: 'o_mediator', role: 'mediator',
  binding: { identityId: 'o_mediator', role: 'mediator', districtId: 'd', stationId: 'st-a', displayName: '甲调解员', title: '调解员', boundAt: '2026-01-01T00:00:00Z' },
  station: { id: 'st-a', code: 'TA01', name: '甲街道劳动关系公共服务站', area: '甲街道', active: true, districtId: 'd', points: [] },
  district: { id: 'd', name: '测试区' }
}

/** WeChat's storage: strings counted in UTF-8 bytes (key included), writes that throw past 1 MB a key or 10 MB. */
const storage = new Map()
const bytes = (k, v) => Buffer.byteLength(k) + Buffer.byteLength(v)
const used = () => [...storage].reduce((sum, [k, v]) => sum + bytes(k, String(v)), 0)
const storageWx = {
  setStorageSync: (k, v) => {
    const value = String(v)
    if (bytes(k, value) > 1024 * KB) throw new Error('setStorageSync:fail entry size limit reached')
    if (used() - (storage.has(k) ? bytes(k, storage.get(k)) : 0) + bytes(k, value) > 10240 * KB) throw new Error('setStorageSync:fail exceed storage max size 10MB')
    storage.set(k, value)
  },
  getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
  removeStorageSync: (k) => { storage.delete(k) },
  getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: Math.ceil(used() / KB), limitSize: 10240 })
}

/** What the fake ledger does with syncRecords; whoami always answers the mediator when the call gets through. */
let channel = 'notDeployed'
const stored = new Map()
const batchSizes = []
const calls = []
const NOT_DEPLOYED = 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found. (callId: 1694400404469-0.2191) (trace: 10:46:44 start->10:46:44 system error (Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.), abort)'
const fail = (errCode, errMsg) => { throw Object.assign(new Error(errMsg), { errCode, errMsg }) }

function ledger (action, data) {
  if (channel === 'notDeployed') fail(-501000, NOT_DEPLOYED)
  if (channel === 'offline') fail(-1, 'cloud.callFunction:fail request:fail')
  if (action === 'whoami') return { ok: true, data: ME }
  if (action !== 'syncRecords') return { ok: false, code: 'NOT_FOUND', message: '没有数据' }
  batchSizes.push(data.records.length)
  // The function refuses events over its limit with its own answer (here 100 KB instead of 1 MB, to keep the test small).
  if (Buffer.byteLength(JSON.stringify({ action, data })) > 100 * KB) return { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容超过1MB，请分批提交' }
  return {
    ok: true,
    data: {
      results: data.records.map((r) => {
        const dup = stored.has(r.id)
        stored.set(r.id, (stored.get(r.id) || 0) + (dup ? 0 : 1))
        return { id: r.id, result: dup ? 'duplicate' : 'stored', version: 1 }
      })
    }
  }
}

/** Timers the app sets for 1 s or more: the outbox's backoff retries (the runtime's own timers are shorter). */
const longTimers = []
const realSetTimeout = global.setTimeout

/** An outbox as the earlier version stored it: one key, zustand persist JSON, ~2.8 KB records of Chinese text. */
function legacyOutbox () {
  const records = {}
  for (let i = 0; i < RECORDS; i++) {
    const id = `01a210dc-4200-7000-8000-${String(i).padStart(12, '0')}`
    records[id] = {
      id, type: 'legalSession', stationId: 'st-a', pointId: null, baseVersion: 0, state: 'queued', rev: 1,
      createdAt: '2026-11-19T02:00:00.000Z', updatedAt: `2026-11-19T02:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
      payload: {
        date: '2026-11-05', place: '新桥社区文化活动中心', format: '进社区', topics: ['劳动合同法'], speakers: '张律师',
        attendees: i + 1, enterprisesCovered: 6, materials: 120, consultations: 9,
        note: `第${i}次活动备注：${'劳动合同与工资支付法律知识讲解'.repeat(60)}`
      }
    }
  }
  return JSON.stringify({ state: { records, sync: { running: false, done: 0, total: 0, lastSyncAt: null, lastError: null, failures: 0, nextRetryAt: null } }, version: 1 })
}

let mp
function launch () {
  mp = installMpShim({ dist: DIST, wx: { ...mpWx({ calls, ledger }), ...storageWx } })
}

// Upper bounds only (every wait is for a condition): a launch of the compiled app can take seconds on a busy machine.
jest.setTimeout(30_000)

async function waitFor (condition, what) {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return
    await simulate.sleep(10)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const outboxKeys = () => [...storage.keys()].filter((k) => k.startsWith('ledger.outbox.c.'))
const syncCalls = () => calls.filter((c) => c[0] === 'callFunction' && c[1].data.action === 'syncRecords').length

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error('dist/ is missing: run `npm run build:weapp` first')
  global.setTimeout = (fn, ms, ...args) => {
    if (ms >= 1000) longTimers.push(ms)
    return realSetTimeout(fn, ms, ...args)
  }
  storage.set('ledger.me', JSON.stringify({ state: { me: ME }, version: 1 }))
  storage.set('ledger.outbox', legacyOutbox())
})
afterAll(() => { global.setTimeout = realSetTimeout })

test('an outbox in the single-key layout moves into keys of ≤ 256 KB and survives a reload', async () => {
  expect(Buffer.byteLength(storage.get('ledger.outbox'))).toBeGreaterThan(300 * KB)
  launch()
  const page = await mp.mountPage(simulate, 'pages/workbench/index')
  await waitFor(() => page.dom.textContent.includes('条记录未同步'), 'the sync card')
  expect(page.dom.textContent).toContain(`${RECORDS} 条记录未同步`)
  expect(storage.has('ledger.outbox')).toBe(false)
  const index = JSON.parse(storage.get('ledger.outbox.index'))
  expect(index.chunks.length).toBeGreaterThanOrEqual(2)
  expect(outboxKeys().sort()).toEqual([...index.chunks].sort())
  for (const key of outboxKeys()) expect(Buffer.byteLength(storage.get(key))).toBeLessThanOrEqual(256 * KB)

  // The app is closed and opened again: a fresh runtime reads the same storage.
  jest.resetModules()
  launch()
  const again = await mp.mountPage(simulate, 'pages/workbench/index')
  await waitFor(() => again.dom.textContent.includes('条记录未同步'), 'the sync card after the reload')
  expect(again.dom.textContent).toContain(`${RECORDS} 条记录未同步`)
  const ids = index.chunks.flatMap((k) => JSON.parse(storage.get(k)).map((r) => r.id))
  expect(new Set(ids).size).toBe(RECORDS)
})

test('a failure that is not the network is shown with its diagnostic line and not retried; a network failure is retried', async () => {
  const page = await mp.mountPage(simulate, 'pages/workbench/index')
  const before = syncCalls()
  longTimers.length = 0
  page.querySelector('.sync-card__button').dispatchEvent('tap')
  await waitFor(() => syncCalls() > before && page.dom.textContent.includes('同步失败'), 'the failure')
  await waitFor(() => page.dom.textContent.includes('立即同步”'), 'the advice')
  expect(page.dom.textContent).toContain('同步失败：云函数未部署（-501000 FunctionName parameter could not be found.）。请处理后点“立即同步”')
  expect(syncCalls()).toBe(before + 1)
  expect(longTimers).toEqual([])

  channel = 'offline'
  page.querySelector('.sync-card__button').dispatchEvent('tap')
  await waitFor(() => page.dom.textContent.includes('自动重试'), 'the retry notice')
  expect(page.dom.textContent).toContain('同步失败：网络不可用（-1 cloud.callFunction:fail request:fail）。将于')
  expect(longTimers).toHaveLength(1)
  expect(longTimers[0]).toBeGreaterThanOrEqual(1000)
  expect(page.dom.textContent).toContain(`${RECORDS} 条记录未同步`)
})

test('a batch refused as too large is split in halves until it passes; every record is stored once', async () => {
  const page = await mp.mountPage(simulate, 'pages/workbench/index')
  channel = 'ok'
  page.querySelector('.sync-card__button').dispatchEvent('tap')
  await waitFor(() => page.dom.textContent.includes('全部记录已同步'), 'the end of the sync')
  // 120 records of ~2.8 KB: batches of 50 (~140 KB) are refused, their halves of 25 pass; the last 20 pass at once.
  expect(batchSizes).toEqual([50, 25, 25, 50, 25, 25, 20])
  expect(stored.size).toBe(RECORDS)
  expect([...stored.values()].every((n) => n === 1)).toBe(true)
  expect(page.dom.textContent).not.toContain('同步失败')
})
