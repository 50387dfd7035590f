/**
 * The two storage adapters, for suites that must hold for both: SQLite, and CloudBase through the real wx-server-sdk
 * against the CloudBase simulator (row cap 100, the unique indexes database.md declares).
 */
import fs from 'fs'
import path from 'path'
import type { CloudDatabase } from '../../cloudfunctions/ledger/src/store/cloudbase-api'
import { CloudBaseStore } from '../../cloudfunctions/ledger/src/store/cloudbase-store'
import { COLLECTIONS } from '../../cloudfunctions/ledger/src/setup'
import { SqliteStore } from '../../server/sqlite-store'
import { CloudBaseSimulator, uniqueIndexesFromDatabaseMd, type SimulatorOptions } from './cloudbase-simulator'
import type { SeedableStore } from './ledger-harness'

export const DECLARED_INDEXES = uniqueIndexesFromDatabaseMd(fs.readFileSync(path.resolve(__dirname, '../../cloudfunctions/ledger/database.md'), 'utf8'))

export interface SimulatedCloudBase {
  sim: CloudBaseSimulator
  db: CloudDatabase
  store: CloudBaseStore
}

/** A CloudBase store on a fresh simulator whose collections exist (as after setup). No pauses between retries. */
export function simulatedCloudBase (options: SimulatorOptions = {}): SimulatedCloudBase {
  const sim = new CloudBaseSimulator({ uniqueIndexes: DECLARED_INDEXES, ...options })
  sim.createCollections(COLLECTIONS)
  const db = sim.database<CloudDatabase>()
  return { sim, db, store: new CloudBaseStore(db, async () => undefined) }
}

export interface StoreUnderTest {
  name: string
  make: () => { store: SeedableStore, close: () => void, stats?: () => { largestPage: number, rollbacks: number, roundTrips: number } }
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
    name: 'cloudbase (real wx-server-sdk on the simulator)',
    make: () => {
      const { sim, store } = simulatedCloudBase()
      return { store, close: () => undefined, stats: () => sim.stats }
    }
  }
]

/**
 * The store handler suites run on: SQLite by default, CloudBase through the SDK and simulator when
 * LEDGER_TEST_STORE=cloudbase (test:all runs the handler suites both ways).
 */
export function testStore (): { store: SeedableStore, close: () => void } {
  const which = process.env.LEDGER_TEST_STORE === 'cloudbase' ? STORES[1] : STORES[0]
  return which.make()
}
