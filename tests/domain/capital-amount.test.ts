/**
 * Amounts in Chinese capitals (大写). Every expected value below was written by hand from the People's Bank rules
 * (正确填写票据和结算凭证的基本规定) and its own examples, not printed by the code; the property test reads each
 * generated text back with an independent parser and checks the 零 and 整 rules on random amounts.
 */
import fc from 'fast-check'
import { fenToCapital, MAX_FEN } from '@/domain/money'

describe('fenToCapital', () => {
  it.each([
    // the examples
    [12_345_67, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [100_005_00, '壹拾万零伍元整'],
    // the rules' own examples
    [1_409_50, '壹仟肆佰零玖元伍角'], // zero inside: 零; nothing after 角
    [6_007_14, '陆仟零柒元壹角肆分'], // a run of zeros: one 零
    [1_680_32, '壹仟陆佰捌拾元零叁角贰分'], // units zero, 角 not: 元零 (first form)
    [107_000_53, '壹拾万柒仟元零伍角叁分'], // ten-thousands zero, thousands not: no 零 (first form)
    [16_409_02, '壹万陆仟肆佰零玖元零贰分'], // 角 zero, 分 not: 元零
    [325_04, '叁佰贰拾伍元零肆分'],
    // the brief's list
    [5, '伍分'],
    [10_00, '壹拾元整'], // a leading 拾 keeps its 壹
    [1_000_000_00, '壹佰万元整'],
    [100_000_000_01, '壹亿元零壹分'],
    [1_010_10, '壹仟零壹拾元零壹角'],
    // edges
    [0, '零元整'],
    [50, '伍角'],
    [15, '壹角伍分'],
    [1, '壹分'],
    [15_00, '壹拾伍元整'],
    [1_00, '壹元整'],
    [200_000_20, '贰拾万元零贰角'],
    [30_000_000_00, '叁仟万元整'],
    [1_000_010_00, '壹佰万零壹拾元整'],
    [100_001_000_00, '壹亿零壹仟元整'], // a zero 万 group and leading zeros: one 零
    [100_010_000_00, '壹亿零壹万元整'],
    [110_000_000_00, '壹亿壹仟万元整'],
    [101_101_101_01, '壹亿零壹佰壹拾万壹仟壹佰零壹元零壹分'], // the 万 digit zero before a 仟: no 零, as 壹拾万柒仟
    [99_999_999_99, '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分']
  ])('%d fen → %s', (fen, capital) => {
    expect(fenToCapital(fen)).toBe(capital)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e14])('refuses %p', (fen) => {
    expect(() => fenToCapital(fen)).toThrow(RangeError)
  })

  it('reads back to the same amount and keeps the 零 and 整 rules for any amount from 1 fen to the cap', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => {
      const text = fenToCapital(fen)
      expect(readCapital(text)).toBe(fen)
      expect(text).not.toMatch(/零零|零[万亿元角分整]|^[零拾佰仟万亿]/)
      expect(text.endsWith('整')).toBe(fen % 100 === 0)
      // every 拾 has its digit before it (壹拾, never a bare 拾)
      expect(text).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])拾/)
    }), { numRuns: 2000 })
  })
})

const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const PLACES: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 }

/** An independent reader of capital amounts (zeros are placeholders and carry no value). */
function readCapital (text: string): number {
  const m = /^(?:(.+)元)?零?(?:(.)角)?(?:(.)分)?整?$/.exec(text)
  if (!m) throw new Error(`unreadable: ${text}`)
  let total = 0
  let section = 0
  let digit = 0
  for (const ch of (m[1] || '').replace(/零/g, '')) {
    if (DIGITS.includes(ch)) digit = DIGITS.indexOf(ch)
    else if (PLACES[ch]) { section += digit * PLACES[ch]; digit = 0 } else if (ch === '万') { total += (section + digit) * 10_000; section = 0; digit = 0 } else if (ch === '亿') { total = (total + section + digit) * 100_000_000; section = 0; digit = 0 } else throw new Error(`unexpected ${ch} in ${text}`)
  }
  const yuan = total + section + digit
  return yuan * 100 + (m[2] ? DIGITS.indexOf(m[2]) * 10 : 0) + (m[3] ? DIGITS.indexOf(m[3]) : 0)
}
