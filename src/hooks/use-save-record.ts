/**
 * Saving a form's record on the phone (draft, or submitted for sync) with the feedback every form gives: red-text
 * hints when invalid, a modal when storage refuses, a toast, and a sync attempt straight away.
 */
import Taro from '@tarojs/taro'
import type { PayloadOf, RecordType } from '@/domain'
import { useSessionStore } from '../stores/session-store'
import { outboxStore } from '../stores/use-outbox-store'

export function useSaveRecord<T extends RecordType> (type: T, opts: { id?: string, pointId?: string | null, baseVersion?: number, afterSubmit: (id: string) => void }) {
  const me = useSessionStore((s) => s.me)
  return (mode: 'draft' | 'submit', payload: Partial<PayloadOf[T]>, trySubmit: () => boolean): void => {
    if (!me?.station) {
      Taro.showToast({ title: '请先绑定站点', icon: 'none' })
      return
    }
    if (mode === 'submit' && !trySubmit()) {
      Taro.showToast({ title: '请按红字提示修改', icon: 'none' })
      return
    }
    const r = outboxStore().getState().save({ id: opts.id, type, stationId: me.station.id, pointId: opts.pointId, payload: payload as PayloadOf[T], baseVersion: opts.baseVersion }, mode)
    if (!r.ok) {
      Taro.showModal({ title: '未能保存', content: r.reason === 'storage' ? r.message : r.issues[0]?.message || '请检查填写内容', showCancel: false })
      return
    }
    void outboxStore().getState().syncNow()
    Taro.showToast({ title: mode === 'draft' ? '草稿已保存' : '已保存，联网后自动同步', icon: 'none' })
    if (mode === 'submit') opts.afterSubmit(r.id)
  }
}
