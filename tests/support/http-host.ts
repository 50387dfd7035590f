/** Starts the real HTTP host on 127.0.0.1 (random port) over an in-memory store seeded with the test org. */
import type http from 'http'
import type { AddressInfo } from 'net'
import { createHost } from '../../server/http'
import { hostServices } from '../../server/host-services'
import { SessionSigner } from '../../server/session'
import { SqliteStore } from '../../server/sqlite-store'
import { PEOPLE, seedOrg } from './ledger-harness'

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789'

export interface TestHost {
  base: string
  store: SqliteStore
  signer: SessionSigner
  logs: string[]
  server: http.Server
  now: { value: Date }
  post: (body: unknown, token?: string, headers?: Record<string, string>) => Promise<{ status: number, json: { ok: boolean, code?: string, message?: string, data?: unknown, details?: unknown } }>
  tokenFor: (identityId: string) => string
  close: () => Promise<void>
}

export async function startTestHost (opts: { staticDir?: string, trustedProxies?: number } = {}): Promise<TestHost> {
  const store = new SqliteStore(':memory:')
  await seedOrg(store)
  const signer = new SessionSigner(TEST_SECRET)
  const logs: string[] = []
  const now = { value: new Date('2026-11-20T04:00:00.000Z') }
  let base = ''
  const server = createHost({
    store, signer, staticDir: opts.staticDir, trustedProxies: opts.trustedProxies, log: (l) => logs.push(l), now: () => now.value,
    services: hostServices({ publicBaseUrl: () => base, log: (l) => logs.push(l) })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const post: TestHost['post'] = async (body, token, headers = {}) => {
    const res = await fetch(`${base}/api/ledger`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body)
    })
    return { status: res.status, json: await res.json() }
  }
  return {
    base, store, signer, logs, server, now, post,
    tokenFor: (identityId) => signer.sign({ sub: identityId, kind: 'staff', exp: now.value.getTime() + 3_600_000 }),
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      store.close()
    }
  }
}

export { PEOPLE }
