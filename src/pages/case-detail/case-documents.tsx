/**
 * The papers of the mediation a case's state allows (申请书, 受理 / 不予受理通知书, 协议书, 终止书), one button each.
 * The server makes each from the stored case, so a case must be synced first; particulars the case lacks are named,
 * as the paper leaves them blank to fill in by hand.
 */
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { CASE_DOCUMENT_LABELS, availableCaseDocuments, beijingDate, caseDocumentGaps, type MediationCase } from '@/domain'
import { CellGroup } from '../../components/cells'
import { getCaseDocumentStore, useCaseDocumentStore } from '../../stores/case-document-store'
import './case-documents.scss'

export function CaseDocuments ({ caseId, payload, synced }: { caseId: string, payload: MediationCase, synced: boolean }) {
  const making = useCaseDocumentStore((s) => s.making)
  const error = useCaseDocumentStore((s) => s.error)
  useEffect(() => () => getCaseDocumentStore().reset(), [caseId])
  const kinds = availableCaseDocuments(payload, beijingDate(new Date()))
  const gaps = caseDocumentGaps(payload)

  return (
    <CellGroup title='调解文书'>
      {synced
        ? (
          <View className='case-documents'>
            {kinds.map((kind) => (
              <Button
                key={kind}
                className={`case-document case-document--${kind}`}
                size='mini'
                loading={making === kind}
                // Taro H5 greys a button out whenever the attribute is present, even as false
                disabled={making ? true : undefined}
                onClick={() => void getCaseDocumentStore().make(caseId, kind)}
              >
                {CASE_DOCUMENT_LABELS[kind]}
              </Button>
            ))}
          </View>
          )
        : <View className='tip case-documents__wait'>案件的修改同步到服务器后，才能生成文书。</View>}
      {synced && gaps.length
        ? (
          <View className='tip case-documents__gaps'>
            文书中{gaps.join('、')}将留空，可打印后手写，或
            <Text className='link' onClick={() => Taro.navigateTo({ url: `/pages/case-form/index?id=${caseId}` })}>补充案件信息</Text>。
          </View>
          )
        : null}
      {error ? <View className='tip error-text case-documents__error'>{error}</View> : null}
      <View className='tip'>文书为 Word 格式，可在 WPS 或 Word 中修改后打印；含当事人个人信息，每次生成都会留痕。</View>
    </CellGroup>
  )
}
