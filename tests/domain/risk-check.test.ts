import { assessRisk, enterpriseKey, hasWageHazard, RISK_RULE_VERSION, type RiskCheck } from '@/domain/risk-check'

type Items = RiskCheck['items']
const ok = { result: 'compliant' as const }
const bad = { result: 'noncompliant' as const }
const na = { result: 'na' as const }

function check (items: Partial<Items>, isConstruction = false): Pick<RiskCheck, 'enterprise' | 'items'> {
  return {
    enterprise: { name: '某某建设有限公司', headcount: 80, isConstruction },
    items: {
      laborContracts: ok, wagesPaid: ok, noWageArrears: ok, socialInsurance: ok, workingHours: ok,
      realNameRegistration: isConstruction ? ok : na, wageAccount: isConstruction ? ok : na, generalContractorPays: isConstruction ? ok : na,
      ...items
    }
  }
}

describe('risk rule', () => {
  it.each<[string, Partial<Items>, boolean, 'low' | 'medium' | 'high', string]>([
    ['all compliant', {}, false, 'low', '各项均合规'],
    ['one other item failing', { socialInsurance: bad }, false, 'low', '依法参加社会保险不合规，需整改'],
    ['two other items failing', { socialInsurance: bad, workingHours: bad }, false, 'low', '需整改'],
    ['three items failing', { socialInsurance: bad, workingHours: bad, wagesPaid: bad }, false, 'medium', '3项不合规 → 至少中风险'],
    ['arrears for 1 worker', { noWageArrears: { ...bad, workers: 1, amountFen: 300000, months: 1 } }, false, 'medium', '存在欠薪 → 至少中风险'],
    ['arrears for 9 workers', { noWageArrears: { ...bad, workers: 9 } }, false, 'medium', '存在欠薪 → 至少中风险'],
    ['arrears for 10 workers', { noWageArrears: { ...bad, workers: 10 } }, false, 'high', '10人及以上'],
    ['arrears for 120 workers', { noWageArrears: { ...bad, workers: 120 } }, true, 'high', '群体性风险'],
    ['construction without wage account', { wageAccount: bad }, true, 'medium', '农民工工资专用账户不落实'],
    ['contract signing rate 40%', { laborContracts: { ...bad, signingRatePercent: 40 } }, false, 'medium', '低于50%'],
    ['contract signing rate 80%, failing', { laborContracts: { ...bad, signingRatePercent: 80 } }, false, 'low', '依法签订劳动合同不合规'],
    ['many failing and collective arrears', { noWageArrears: { ...bad, workers: 30 }, socialInsurance: bad, workingHours: bad }, false, 'high', '3项不合规']
  ])('%s → %s', (_name, items, construction, level, reason) => {
    const r = assessRisk(check(items, construction))
    expect(r.level).toBe(level)
    expect(r.reasons.join('；')).toContain(reason)
    expect(r.ruleVersion).toBe(RISK_RULE_VERSION)
  })

  it('any arrears is never below medium whatever else holds', () => {
    for (const workers of [1, 2, 5, 9]) expect(assessRisk(check({ noWageArrears: { ...bad, workers } })).level).toBe('medium')
  })

  it('flags a wage hazard only for arrears', () => {
    expect(hasWageHazard(check({ noWageArrears: { ...bad, workers: 3 } }))).toBe(true)
    expect(hasWageHazard(check({ wagesPaid: bad }))).toBe(false)
  })

  it('keys enterprises by credit code, else by name without spaces', () => {
    expect(enterpriseKey({ enterprise: { name: 'A 公司', creditCode: '9144030071526726XG', headcount: 1, isConstruction: false } })).toBe('code:9144030071526726XG')
    expect(enterpriseKey({ enterprise: { name: 'A 公 司', headcount: 1, isConstruction: false } })).toBe('name:A公司')
  })
})
