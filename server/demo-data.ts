/**
 * A fictional district with a year of realistic records, generated deterministically from a seed. Used to seed
 * `npm start` and by the benchmarks. Every record is built through the domain's own types, and (unless told not to)
 * validated by the same rules the handlers apply.
 */
import {
  addDays, creditCodeCheckChar, daysBetween, newTrackingNumber, residentIdCheckChar, validateRecord,
  CASE_SOURCES, DISPUTE_TYPES, SESSION_FORMATS, SESSION_TOPICS,
  type CaseEvent, type ComplaintEvent, type District, type LegalSession, type MediationCase, type RecordInput,
  type RiskCheck, type Station, type WageComplaint
} from '@/domain'

/** mulberry32: a small, fast, seedable PRNG so the demo is the same on every machine for the same day. */
export function prng (seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p
  }
}
export type Rng = ReturnType<typeof prng>

const STREETS = ['城关', '东湖', '西岭', '南苑', '北塘', '新桥', '枫林', '望江', '金沙', '白鹭', '清河', '桂花']
const TOWNS = ['石门', '杨柳', '龙泉', '青山', '沙溪', '马桥', '花田', '柏树', '高坪']
const POINT_NAMES = ['幸福', '和平', '光明', '友谊', '团结', '振兴', '前进', '红星', '向阳', '长青', '太平', '兴隆']
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高'
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华', '志强', '秀兰', '海燕', '国庆']
const COMPANY_WORDS = ['恒通', '顺达', '华兴', '鑫源', '宏图', '联创', '永安', '金鼎', '瑞丰', '盛世', '天成', '佳和', '润泽', '广厦', '远航']
const COMPANY_KINDS = ['建筑劳务有限公司', '建材有限公司', '纺织有限公司', '餐饮管理有限公司', '物流有限公司', '电子科技有限公司', '物业服务有限公司', '食品有限公司', '机械制造有限公司', '装饰工程有限公司']
const INDUSTRIES = ['建筑业', '制造业', '餐饮业', '交通运输业', '批发零售业', '居民服务业']
const PLACES = ['社区文化活动中心', '工业园区会议室', '项目部工地', '镇政府大礼堂', '街道党群服务中心', '企业职工之家']

export const DEMO_DISTRICT: District = { id: 'yunxi', name: '云溪区（演示）' }

/** 22 stations (12 streets, 9 towns, 1 high-tech zone), each with 2–4 points. */
export function demoStations (district: District = DEMO_DISTRICT): Station[] {
  const rng = prng(2026)
  const areas = [...STREETS.map((s) => ({ area: `${s}街道`, kind: '街道' })), ...TOWNS.map((t) => ({ area: `${t}镇`, kind: '镇' })), { area: '云溪高新区', kind: '园区' }]
  return areas.map((a, i) => {
    const id = `${district.id}-s${String(i + 1).padStart(2, '0')}`
    const points = Array.from({ length: rng.int(2, 4) }, (_, j) => ({
      id: `${id}-p${j + 1}`,
      stationId: id,
      name: `${POINT_NAMES[(i * 3 + j) % POINT_NAMES.length]}${a.kind === '镇' ? '村' : '社区'}劳动关系服务点`
    }))
    return { id, districtId: district.id, code: `YX${String(i + 1).padStart(2, '0')}`, name: `${a.area}劳动关系公共服务站`, area: a.area, active: true, points }
  })
}

export function personName (rng: Rng): string {
  return SURNAMES[rng.int(0, SURNAMES.length - 1)] + rng.pick(GIVEN)
}

function phone (rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
}

function residentId (rng: Rng): string {
  const birth = `${rng.int(1965, 2004)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
  const first17 = `330106${birth}${String(rng.int(0, 999)).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}

function creditCode (rng: Rng): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let body = '913301'
  for (let i = 0; i < 11; i++) body += alphabet[rng.int(0, alphabet.length - 1)]
  return body + creditCodeCheckChar(body)
}

interface Enterprise { name: string, creditCode?: string, industry: string, headcount: number, isConstruction: boolean }

function enterprisePool (rng: Rng, size: number): Enterprise[] {
  return Array.from({ length: size }, () => {
    const kind = rng.pick(COMPANY_KINDS)
    const isConstruction = /建筑|装饰/.test(kind)
    return {
      name: `云溪${rng.pick(COMPANY_WORDS)}${kind}`,
      creditCode: rng.chance(0.85) ? creditCode(rng) : undefined,
      industry: isConstruction ? '建筑业' : rng.pick(INDUSTRIES),
      headcount: rng.int(8, 600),
      isConstruction
    }
  })
}

const at = (date: string, hour = 2) => `${date}T${String(hour).padStart(2, '0')}:${String((hour * 7) % 60).padStart(2, '0')}:00.000Z`
const yuan = (rng: Rng, min: number, max: number) => rng.int(min, max) * 100

export interface GeneratedRecord {
  input: RecordInput
  createdBy: string
}

export interface GenerateOptions {
  stations: Station[]
  /** Beijing date the data runs up to (no event after it). */
  today: string
  /** Days of history before today. */
  days: number
  /** Average records of each kind per station per 30 days. */
  rates?: { cases: number, sessions: number, checks: number, complaints: number }
  mediatorOf: (stationId: string) => string
  seed?: number
  /** Make ids with this function (time-ordered ids keep inserts fast). */
  newId: (ms: number) => string
  validate?: boolean
}

/** Generates records in date order; each one valid as of `today`. */
export function * generateRecords (opts: GenerateOptions): Generator<GeneratedRecord> {
  const rng = prng(opts.seed ?? 7)
  const rates = opts.rates || { cases: 4.5, sessions: 1.6, checks: 3.2, complaints: 2.4 }
  const start = addDays(opts.today, -opts.days)
  const pools = new Map(opts.stations.map((s) => [s.id, enterprisePool(rng, 36)]))
  for (let d = 0; d <= opts.days; d++) {
    const date = addDays(start, d)
    for (const station of opts.stations) {
      const mediator = opts.mediatorOf(station.id)
      const pool = pools.get(station.id) as Enterprise[]
      const emit = (input: Omit<RecordInput, 'baseVersion'>, createdBy = mediator): GeneratedRecord => {
        const full = { ...input, baseVersion: 0 } as RecordInput
        if (opts.validate !== false) {
          const v = validateRecord(full, opts.today)
          if (!v.ok) throw new Error(`demo record invalid: ${JSON.stringify(v.issues)} ${JSON.stringify(full)}`)
        }
        return { input: full, createdBy }
      }
      /** How many records of a kind today: the whole part of the daily rate, plus one more by chance for the rest. */
      const howMany = (perMonth: number) => {
        const perDay = perMonth / 30
        return Math.floor(perDay) + (rng.chance(perDay - Math.floor(perDay)) ? 1 : 0)
      }
      const ms = () => Date.parse(at(date)) + rng.int(0, 36_000_000)
      const pointId = () => station.points.length && rng.chance(0.3) ? rng.pick(station.points).id : null
      for (let i = howMany(rates.cases); i > 0; i--) {
        yield emit({ id: opts.newId(ms()), type: 'mediationCase', stationId: station.id, pointId: pointId(), payload: mediationCase(rng, date, opts.today, pool) })
      }
      for (let i = howMany(rates.sessions); i > 0; i--) {
        yield emit({ id: opts.newId(ms()), type: 'legalSession', stationId: station.id, pointId: pointId(), payload: legalSession(rng, date) })
      }
      for (let i = howMany(rates.checks); i > 0; i--) {
        yield emit({ id: opts.newId(ms()), type: 'riskCheck', stationId: station.id, pointId: pointId(), payload: riskCheck(rng, date, opts.today, rng.pick(pool)) })
      }
      for (let i = howMany(rates.complaints); i > 0; i--) {
        const complaintId = opts.newId(ms())
        const caseId = opts.newId(ms())
        const { complaint, linkedCase } = wageComplaint(rng, date, opts.today, pool, complaintId, caseId)
        yield emit({ id: complaintId, type: 'wageComplaint', stationId: station.id, pointId: null, payload: complaint }, `dev_demo${rng.int(1, 99_999)}`)
        if (linkedCase) yield emit({ id: caseId, type: 'mediationCase', stationId: station.id, pointId: null, payload: linkedCase })
      }
    }
  }
}

/** Moves a case along its workflow with realistic delays, never past today. */
function caseTimeline (rng: Rng, received: string, today: string, acceptNow: boolean): CaseEvent[] {
  const events: CaseEvent[] = []
  let date = received
  const step = (action: CaseEvent['action'], delay: number, extra: Partial<CaseEvent> = {}): boolean => {
    const next = addDays(date, delay)
    if (next > today) return false
    date = next
    events.push({ action, date, at: at(date, rng.int(1, 9)), ...extra })
    return true
  }
  if (!acceptNow && rng.chance(0.05)) {
    step('reject', rng.int(0, 3), { reason: '不属于劳动争议调解受理范围，已告知当事人向有关部门反映' })
    return events
  }
  if (!step('accept', acceptNow ? 0 : rng.int(0, 3))) return events
  const sessions = rng.int(1, 3)
  for (let i = 0; i < sessions; i++) if (!step('recordSession', rng.int(1, 6), { mode: rng.pick(['面谈', '电话', '会议'] as const) })) return events
  const r = rng.next()
  if (r < 0.66) {
    const amountFen = yuan(rng, 2_000, 120_000)
    if (!step('succeed', rng.int(0, 5), { agreement: { amountFen, payDate: addDays(date, rng.int(3, 30)), payMethod: rng.pick(['一次性支付', '分期支付', '银行转账'] as const), terms: '用人单位按约定时间足额支付拖欠工资。' } })) return events
    if (rng.chance(0.9)) {
      if (!step('recordPayment', rng.int(0, 25), { paidFen: amountFen, paymentComplete: true })) return events
    } else if (!step('markUnperformed', rng.int(20, 40))) return events
  } else if (r < 0.8) {
    if (!step('fail', rng.int(0, 6))) return events
  } else if (r < 0.85) {
    if (!step('withdraw', rng.int(0, 6))) return events
  } else if (r < 0.95) {
    if (!step('toArbitration', rng.int(0, 8))) return events
  } else if (!step('toInspection', rng.int(0, 8))) return events
  step('close', rng.int(0, 8))
  return events
}

function mediationCase (rng: Rng, received: string, today: string, pool: Enterprise[], source?: MediationCase['source']): MediationCase {
  const e = rng.pick(pool)
  const workerCount = rng.chance(0.1) ? rng.int(10, 45) : rng.int(1, 6)
  const c: MediationCase = {
    receivedDate: received,
    applicant: { name: personName(rng), phone: phone(rng), ...(rng.chance(0.5) ? { idNumber: residentId(rng) } : {}) },
    workerCount,
    employer: { name: e.name, ...(e.creditCode ? { creditCode: e.creditCode } : {}), contact: `${personName(rng)}（人事）` },
    disputeType: rng.chance(0.6) ? '劳动报酬' : rng.pick(DISPUTE_TYPES),
    source: source || rng.pick(CASE_SOURCES.filter((s) => s !== '扫码投诉转入')),
    complexity: workerCount >= 10 ? '重大' : rng.pick(['简易', '一般'] as const),
    claimedFen: yuan(rng, 3_000, workerCount >= 10 ? 600_000 : 150_000),
    facts: `申请人反映${e.name}拖欠${rng.int(1, 6)}个月工资，请求支付。`,
    timeline: caseTimeline(rng, received, today, source === '扫码投诉转入')
  }
  if (workerCount >= 10) c.representatives = [personName(rng), personName(rng), personName(rng)]
  return c
}

function legalSession (rng: Rng, date: string): LegalSession {
  const topics = Array.from(new Set([rng.pick(SESSION_TOPICS), rng.pick(SESSION_TOPICS)]))
  return {
    date,
    place: rng.pick(PLACES),
    format: rng.pick(SESSION_FORMATS),
    topics,
    speakers: `${personName(rng)}律师`,
    attendees: rng.int(15, 180),
    enterprisesCovered: rng.int(0, 20),
    materials: rng.int(30, 400),
    consultations: rng.int(0, 30)
  }
}

function riskCheck (rng: Rng, date: string, today: string, e: Enterprise): RiskCheck {
  const item = (p: number) => ({ result: rng.chance(p) ? 'noncompliant' as const : 'compliant' as const })
  const arrears = rng.chance(0.16)
  const workers = rng.chance(0.25) ? rng.int(10, 60) : rng.int(1, 9)
  const na = { result: 'na' as const }
  const check: RiskCheck = {
    checkDate: date,
    enterprise: { name: e.name, ...(e.creditCode ? { creditCode: e.creditCode } : {}), industry: e.industry, headcount: e.headcount, isConstruction: e.isConstruction },
    items: {
      laborContracts: { ...item(0.15), signingRatePercent: rng.int(60, 100) },
      wagesPaid: item(0.1),
      noWageArrears: arrears ? { result: 'noncompliant', months: rng.int(1, 5), amountFen: yuan(rng, 5_000, 400_000), workers } : { result: 'compliant' },
      socialInsurance: item(0.2),
      workingHours: item(0.12),
      realNameRegistration: e.isConstruction ? item(0.15) : na,
      wageAccount: e.isConstruction ? item(0.12) : na,
      generalContractorPays: e.isConstruction ? item(0.1) : na
    }
  }
  if (arrears && rng.chance(0.7)) {
    const closed = addDays(date, rng.int(5, 40))
    if (closed <= today) check.hazardClosed = { date: closed, note: '企业已补发拖欠工资，经核查整改到位。' }
  }
  return check
}

function wageComplaint (rng: Rng, received: string, today: string, pool: Enterprise[], complaintId: string, caseId: string): { complaint: WageComplaint, linkedCase: MediationCase | null } {
  const e = rng.pick(pool)
  const owedTo = received.slice(0, 7)
  const owedFrom = addDays(`${owedTo}-01`, -30 * rng.int(0, 4)).slice(0, 7)
  const complaint: WageComplaint = {
    receivedDate: received,
    channel: '扫码',
    name: personName(rng),
    phone: phone(rng),
    employerName: e.name,
    ...(e.isConstruction ? { project: `${rng.pick(COMPANY_WORDS)}花园${rng.int(1, 3)}期` } : {}),
    sector: e.isConstruction ? '工程建设' : '非工程建设',
    owedFrom: owedFrom <= owedTo ? owedFrom : owedTo,
    owedTo,
    amountOwedFen: yuan(rng, 1_500, 90_000),
    workerCount: rng.chance(0.1) ? rng.int(10, 30) : rng.int(1, 5),
    description: '干完活老板一直拖着不发工资，多次催要没有结果。',
    trackingNo: newTrackingNumber(),
    timeline: []
  }
  const events: ComplaintEvent[] = complaint.timeline
  let date = received
  const step = (action: ComplaintEvent['action'], delay: number, extra: Partial<ComplaintEvent> = {}) => {
    const next = addDays(date, delay)
    if (next > today) return false
    date = next
    events.push({ action, date, at: at(date, rng.int(1, 9)), ...extra })
    return true
  }
  const r = rng.next()
  let linkedCase: MediationCase | null = null
  if (r < 0.06) step('reject', rng.int(0, 2), { reason: '经核实不属于本站点辖区，已告知向用人单位所在地反映。' })
  else if (r < 0.28) {
    if (step('convert', rng.int(0, 2), { caseId })) {
      linkedCase = mediationCase(rng, date, today, [{ ...e }], '扫码投诉转入')
      linkedCase.complaintId = complaintId
      linkedCase.applicant = { name: complaint.name, phone: complaint.phone }
      linkedCase.workerCount = complaint.workerCount
      linkedCase.claimedFen = complaint.amountOwedFen
      linkedCase.complexity = complaint.workerCount >= 10 ? '重大' : '一般'
      if (linkedCase.workerCount < 10) delete linkedCase.representatives
      // The complaint follows its case: 调解成功 closes it with the agreed amount.
      const success = linkedCase.timeline.find((x) => x.action === 'succeed')
      if (success) events.push({ action: 'close', date: success.date, at: success.at, recoveredFen: success.agreement?.amountFen ?? 0, note: '调解成功，已达成调解协议' })
    }
  } else if (r < 0.36) {
    if (step('accept', rng.int(0, 2))) step('transfer', rng.int(0, 5), { transferTo: rng.pick(['劳动保障监察', '劳动人事争议仲裁'] as const) })
  } else if (step('accept', rng.int(0, 2)) && rng.chance(0.85)) {
    step('close', rng.int(1, 20), { recoveredFen: rng.chance(0.8) ? complaint.amountOwedFen : Math.round(complaint.amountOwedFen / 200) * 100 })
  }
  if (daysBetween(received, today) < 0) throw new Error('future complaint')
  return { complaint, linkedCase }
}
