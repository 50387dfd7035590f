/** Builders for valid records of each type; tests override what they exercise. */
import { newRecordId } from '@/domain/ids'
import type { CaseEvent, MediationCase } from '@/domain/mediation-case'
import type { LegalSession } from '@/domain/legal-session'
import type { RiskCheck } from '@/domain/risk-check'
import type { ComplaintForm, WageComplaint } from '@/domain/wage-complaint'

export const AT = '2026-11-20T02:00:00.000Z'

export function casePayload (over: Partial<MediationCase> = {}): MediationCase {
  return {
    receivedDate: '2026-11-02',
    applicant: { name: '王小二', phone: '13812341234', idNumber: '11010519491231002X' },
    workerCount: 3,
    employer: { name: '青禾建材有限公司', creditCode: '91330100716105852F', address: '工业园区8号', contact: '李经理' },
    disputeType: '劳动报酬',
    source: '当事人申请',
    complexity: '一般',
    claimedFen: 1_800_000,
    facts: '2026年8月至10月工资未发放，请求支付。',
    timeline: [],
    ...over
  }
}

export function ev (action: CaseEvent['action'], date: string, extra: Partial<CaseEvent> = {}): CaseEvent {
  return { action, date, at: `${date}T02:00:00.000Z`, ...extra }
}

export function sessionPayload (over: Partial<LegalSession> = {}): LegalSession {
  return {
    date: '2026-11-05',
    place: '新桥社区文化活动中心',
    format: '进社区',
    topics: ['劳动合同法'],
    speakers: '张律师',
    attendees: 45,
    enterprisesCovered: 6,
    materials: 120,
    consultations: 9,
    ...over
  }
}

export function riskPayload (over: Partial<RiskCheck> = {}, items: Partial<RiskCheck['items']> = {}): RiskCheck {
  const ok = { result: 'compliant' as const }
  const na = { result: 'na' as const }
  return {
    checkDate: '2026-11-06',
    enterprise: { name: '东湖纺织有限公司', creditCode: '914403001922038216', industry: '制造业', headcount: 120, isConstruction: false },
    items: {
      laborContracts: { ...ok, signingRatePercent: 100 },
      wagesPaid: ok,
      noWageArrears: ok,
      socialInsurance: ok,
      workingHours: ok,
      realNameRegistration: na,
      wageAccount: na,
      generalContractorPays: na,
      ...items
    },
    ...over
  }
}

export function complaintPayload (over: Partial<WageComplaint> = {}): WageComplaint {
  return {
    receivedDate: '2026-11-08',
    channel: '现场',
    name: '刘大',
    phone: '13900001111',
    employerName: '恒通劳务有限公司',
    project: '滨江花园二期',
    sector: '工程建设',
    owedFrom: '2026-08',
    owedTo: '2026-10',
    amountOwedFen: 2_400_000,
    workerCount: 4,
    description: '三个月工资没有发。',
    timeline: [],
    ...over
  }
}

export function complaintForm (stationCode: string, over: Partial<ComplaintForm> = {}): ComplaintForm {
  return {
    id: newRecordId(),
    stationCode,
    name: '赵六',
    phone: '13700002222',
    employerName: '恒通劳务有限公司',
    project: '滨江花园二期',
    sector: '工程建设',
    owedFrom: '2026-09',
    owedTo: '2026-10',
    amountOwedFen: 1_200_000,
    workerCount: 2,
    description: '工地完工后工资一直拖着不给。',
    consent: true,
    website: '',
    ...over
  }
}

export function envelope (type: string, stationId: string, payload: unknown, over: Record<string, unknown> = {}) {
  return { id: newRecordId(), type, stationId, payload, ...over }
}
