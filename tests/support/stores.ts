/** The two storage adapters, for suites that must hold for both. */
import { CloudBaseStore } from '../../cloudfunctions/ledger/src/store/cloudbase-store'
import { SqliteStore } from '../../server/sqlite-store'
import { createFakeDatabase } from './fake-wx-server-sdk'
import type { SeedableStore } from './ledger-harness'

export interface StoreUnderTest {
  name: string
  make: () => { store: SeedableStore, close: () => void, stats?: () => { largestPage: number, rollbacks: number } }
}

export const STORES: StoreUnderTest[] = [
  {
    name: 'sqlite (embedded)',
    make: () => {
      const store = new SqliteStore(':memory:')
      return { store, close: () => store.close() }
    }
  },
  {
    name: 'cloudbase (fake wx-server-sdk on mingo)',
    make: () => {
      const db = createFakeDatabase()
      return { store: new CloudBaseStore(db), close: () => undefined, stats: () => db.stats }
    }
  }
]
