/**
 * Money is stored and summed as integer fen (分) so no float error ever reaches a report.
 * Users type yuan with at most two decimals.
 */
import { roundedQuotient, scaledText } from './rates'

/** Largest amount accepted anywhere: 100 million yuan, far above any wage dispute. */
export const MAX_FEN = 100_000_000_00

const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/

/** '1,234.5' → 123450; returns null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function parseYuan (input: string): number | null {
  const text = String(input ?? '').trim().replace(/[,，\s]/g, '').replace(/^¥/, '').replace(/元$/, '')
  const m = YUAN.exec(text)
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
  return fen <= MAX_FEN ? fen : null
}

/** 123450 → '1,234.50' (no currency sign; pages add 元 or ¥ as the layout needs). */
export function formatFen (fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = (abs % 100).toString().padStart(2, '0')
  return `${sign}${yuan}.${cents}`
}

/** 123450 → '1234.50', for inputs being edited (no grouping separators). */
export function fenToYuanInput (fen: number | undefined | null): string {
  if (fen === undefined || fen === null) return ''
  return (fen / 100).toFixed(2)
}

const CAPITAL_DIGITS = '零壹贰叁肆伍陆柒捌玖'
const CAPITAL_PLACES = ['', '拾', '佰', '仟']
const CAPITAL_GROUPS = ['', '万', '亿']

/** 0–9999 in capitals, zeros inside the group as one 零, trailing zeros dropped: 1010 → 壹仟零壹拾. */
function capitalGroup (group: number): string {
  let out = ''
  let zeroPending = false
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10
    if (digit === 0) {
      zeroPending = out !== ''
      continue
    }
    if (zeroPending) out += '零'
    zeroPending = false
    out += CAPITAL_DIGITS[digit] + CAPITAL_PLACES[place]
  }
  return out
}

/** Whole yuan in capitals: 100005 → 壹拾万零伍. A 拾 at the head keeps its 壹 (壹拾万, not 拾万), as cheques require. */
function capitalYuan (yuan: number): string {
  const groups: number[] = []
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000)
  let out = ''
  let zeroPending = false
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]
    if (g === 0) {
      zeroPending = out !== ''
      continue
    }
    // A gap before this group (a zero group, or leading zeros inside it) reads as one 零: 壹亿零壹万, 壹拾万零伍.
    if (out !== '' && (zeroPending || g < 1000)) out += '零'
    zeroPending = false
    out += capitalGroup(g) + CAPITAL_GROUPS[i]
  }
  return out
}

/**
 * An amount in Chinese capitals (大写金额) as cheques, receipts and agreements write it, from integer fen, following
 * the People's Bank rules for filling in amounts (正确填写票据和结算凭证的基本规定):
 * - 整 after 元 when there are no 角 or 分 (壹拾元整); none after 角 (壹仟肆佰零玖元伍角) or 分;
 * - a run of zeros inside the yuan reads as one 零 (陆仟零柒元壹角肆分, 壹拾万零伍元整);
 * - 元 then 零 when 角 is zero and 分 is not (叁佰贰拾伍元零肆分);
 * - where the rules allow either, the first form of their examples: 零 after 元 when the units digit is zero and 角 is
 *   not (壹仟陆佰捌拾元零叁角贰分), no 零 for a zero ten-thousands digit before a non-zero thousands (壹拾万柒仟元);
 * - amounts under one yuan start at 角 or 分 (伍分), zero is 零元整.
 * Throws RangeError for negative, fractional or unsafe amounts, or a trillion yuan and above.
 */
export function fenToCapital (fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen >= 1e14) throw new RangeError(`fenToCapital: ${fen} is not an amount in fen`)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  if (fen === 0) return '零元整'
  const whole = yuan > 0 ? `${capitalYuan(yuan)}元` : ''
  if (jiao === 0 && cents === 0) return `${whole}整`
  let out = whole
  if (jiao > 0) out += (yuan % 10 === 0 && yuan > 0 ? '零' : '') + CAPITAL_DIGITS[jiao] + '角'
  else if (yuan > 0) out += '零'
  if (cents > 0) out += CAPITAL_DIGITS[cents] + '分'
  return out
}

/** Fen as 万元 with two decimals, rounded half up: 123_456_789 → '123.46' (1 万元 = 1,000,000 fen). */
export function formatWanYuan (fen: number): string {
  return scaledText(roundedQuotient(fen, 10_000, 0), 2)
}
