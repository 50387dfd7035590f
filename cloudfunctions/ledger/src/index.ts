/**
 * The WeChat adapter of the ledger cloud function. Identity is the OPENID WeChat injects (cloud.getWXContext());
 * nothing in the event payload is trusted for it. Bundled by `npm run build:cloud` into ../index.js.
 */
import * as cloud from 'wx-server-sdk'
import { LedgerError } from '@/domain'
import { cloudServices } from './cloud-services'
import type { HandlerContext } from './context'
import { failure, type Answer } from './respond'
import { handle } from './router'
import { checkSetupKey, prepareSetupKeyCheck, setupCloudBase } from './setup'
import { CloudBaseStore } from './store/cloudbase-store'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
const store = new CloudBaseStore(db)
/** Logs codes and stack traces only; handlers never pass personal data here. */
const log = (message: string, detail?: unknown) => console.error(`[ledger] ${message}${detail === undefined ? '' : ` ${String(detail).slice(0, 2000)}`}`)
const services = cloudServices(db, log)

export const MAX_EVENT_BYTES = 1024 * 1024

interface LedgerEvent { action?: unknown, data?: unknown, setupKey?: unknown }

export async function main (event: LedgerEvent): Promise<Answer> {
  const { OPENID } = cloud.getWXContext()
  const ctx: HandlerContext = { caller: OPENID ? { identityId: OPENID } : null, now: () => new Date(), store, services, log }
  try {
    if (Buffer.byteLength(JSON.stringify(event ?? {})) > MAX_EVENT_BYTES) throw new LedgerError('PAYLOAD_TOO_LARGE', '提交的内容超过1MB，请分批提交')
    if (event?.action === 'setup') {
      const createdBefore = await prepareSetupKeyCheck(db)
      await checkSetupKey(event.setupKey, process.env.LEDGER_SETUP_KEY, ctx)
      return { ok: true, data: await setupCloudBase(db, store, event.data, new Date(), createdBefore) }
    }
    return await handle(event?.action, event?.data, ctx)
  } catch (e) {
    return failure(e, log)
  }
}
