import { findUnmasked } from '../support/pii'
import { creditCodeCheckChar, isCreditCode, isMobile, isResidentId, maskName, maskPhone, maskResidentId, residentIdCheckChar } from '@/domain/validators'

/** Mutates the last (check) character to every other allowed character. */
function mutations (value: string, alphabet: string): string[] {
  return alphabet.split('').filter((c) => c !== value[value.length - 1]).map((c) => value.slice(0, -1) + c)
}

describe('resident ID (GB 11643)', () => {
  // The two examples printed in GB 11643-1999 and its commentary, then two from python-stdnum's test suite
  // (tests/test_cn_ric.doctest). Their check characters cover weighted-sum remainders 2 → X, 8 → 4 and 0 → 1.
  const published = ['11010519491231002X', '440524188001010014', '360426199101010071', '44011320141005001X']

  it.each(published)('accepts the published example %s', (id) => {
    expect(isResidentId(id)).toBe(true)
  })

  it('accepts a lower-case x check character', () => {
    expect(isResidentId('11010519491231002x')).toBe(true)
  })

  it.each(published)('rejects every mutated check character of %s', (id) => {
    for (const m of mutations(id, '0123456789X')) expect(isResidentId(m)).toBe(false)
  })

  it('computes the published check characters from the weights', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X')
    expect(residentIdCheckChar('44052418800101001')).toBe('4')
    expect(residentIdCheckChar('36042619910101007')).toBe('1')
  })

  it('rejects wrong lengths, letters and impossible birth dates', () => {
    expect(isResidentId('1101051949123100')).toBe(false)
    expect(isResidentId('11010519491231002XX')).toBe(false)
    expect(isResidentId('1101051949123A002X')).toBe(false)
    // 1949-02-30 does not exist. Its check character, worked out by hand from the weights, is 0 (weighted sum
    // 155, 155 mod 11 = 1 → 0), so only the date is wrong.
    expect(isResidentId('110105194902300020')).toBe(false)
    // 29 February exists in 2000 (a leap century) but not in 1949; check characters worked out the same way.
    expect(isResidentId('110105200002290021')).toBe(true)
    expect(isResidentId('110105194902290029')).toBe(false)
  })
})

describe('unified social credit code (GB 32100)', () => {
  // Codes published on national enterprise credit records (Tencent, Alibaba, Huawei and others) and GB 32100's example.
  const published = ['9144030071526726XG', '91330100716105852F', '914403001922038216', '91110000802100433B', '91350100M000100Y43']
  // Codes whose weighted sum is a multiple of 31, so 31 − 0 = 31 maps to the check character 0. Real codes "found
  // online", listed in python-stdnum's test suite (tests/test_cn_uscc.doctest).
  const checkZero = ['911522010783762860', '91340600MA2PBP2120', '9162010558590643X0', '91620105L015101280']
  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

  it.each([...published, ...checkZero])('accepts %s', (code) => {
    expect(isCreditCode(code)).toBe(true)
  })

  it.each([...published, ...checkZero])('rejects every mutated check character of %s', (code) => {
    for (const m of mutations(code, ALPHABET)) expect(isCreditCode(m)).toBe(false)
  })

  it('rejects the letters I, O, Z, S, V and wrong lengths', () => {
    const base = '9144030071526726X'
    for (const ch of 'IOZSV') expect(isCreditCode(ch + base.slice(1) + 'G')).toBe(false)
    expect(isCreditCode('9144030071526726X')).toBe(false)
    expect(isCreditCode('')).toBe(false)
  })

  it('maps a check value of 31 to 0', () => {
    for (const code of checkZero) expect([code, creditCodeCheckChar(code.slice(0, 17))]).toEqual([code, '0'])
    expect(creditCodeCheckChar('9144030071526726X')).toBe('G')
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
  })
})

describe('mobile numbers and masks', () => {
  it('accepts 1[3-9] plus 9 digits only', () => {
    expect(isMobile('13812341234')).toBe(true)
    expect(isMobile('19912341234')).toBe(true)
    expect(isMobile('12812341234')).toBe(false)
    expect(isMobile('1381234123')).toBe(false)
    expect(isMobile('138123412345')).toBe(false)
    expect(isMobile('1381234123a')).toBe(false)
  })

  it('masks phone, ID and names for lists', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X')
    expect(maskResidentId('11010519491231002X')).not.toContain('1949')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧***')
  })
})

describe('the personal-data scanner used on journey output', () => {
  it('finds full numbers and lets masked ones, ids and money pass', () => {
    expect(findUnmasked('{"phone":"13812341234"}')).toEqual(['13812341234'])
    expect(findUnmasked('身份证 11010519491231002X')).toEqual(['11010519491231002X'])
    expect(findUnmasked('{"phone":"138****1234","id":"110***********002X"}')).toEqual([])
    expect(findUnmasked('"0190a0b0-1381-7234-8123-138123412345"')).toEqual([])
    expect(findUnmasked('K7M4-QX9A 2026-11-24T04:03:00.000Z')).toEqual([])
  })
})
