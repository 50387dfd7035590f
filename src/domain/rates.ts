/**
 * Rates and changes, computed when a report is read, rounded half up (四舍五入) from exact integers — the one rounding
 * used by the table, the formula text, the CSV, the xlsx text, the station summary and the paragraph. A float's
 * `toFixed` is not it: 41/80 = 51.25 % is 0.51249999… as a double and prints 51.2 %.
 */

export interface Rate {
  numerator: number
  denominator: number
  /** The exact fraction (for sorting and the xlsx cell), or null when the denominator is 0 (shown as —, never 0%). */
  value: number | null
  /** The formula in words, e.g. '调解成功率 = 调解成功数 / 结案数'. */
  formula: string
  /** '41 / 80 = 51.25%': the formula view prints two decimals, as bureau documents do. */
  text: string
}

/** Decimals of a percentage on the phone's table, and in the formula view, the CSV, the xlsx and the paragraph. */
export const TABLE_DECIMALS = 1
export const DOCUMENT_DECIMALS = 2

/**
 * round(numerator / denominator × 10^scale) for integers, halves away from zero (四舍五入 on the magnitude), by long
 * division: every intermediate stays below 10 × |denominator|, so it is exact for any denominator under 9 × 10^14.
 */
export function roundedQuotient (numerator: number, denominator: number, scale: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator === 0) throw new RangeError('integers with a non-zero denominator only')
  const n = Math.abs(numerator)
  const d = Math.abs(denominator)
  let q = Math.floor(n / d)
  let r = n - q * d
  for (let i = 0; i < scale; i++) {
    r *= 10
    const digit = Math.floor(r / d)
    q = q * 10 + digit
    r -= digit * d
  }
  if (2 * r >= d) q++
  return (numerator < 0) !== (denominator < 0) && q !== 0 ? -q : q
}

/** A scaled integer as a decimal string: (5125, 2) → '51.25', (-5, 1) → '-0.5'. */
export function scaledText (scaled: number, decimals: number): string {
  const sign = scaled < 0 ? '-' : ''
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0')
  if (!decimals) return `${sign}${digits}`
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
}

/** numerator / denominator as a percentage, rounded half up: (41, 80, 1) → '51.3%'; (41, 80, 2) → '51.25%'; d = 0 → '—'. */
export function percentText (numerator: number, denominator: number, decimals: number): string {
  if (denominator === 0) return '—'
  return `${scaledText(roundedQuotient(numerator, denominator, decimals + 2), decimals)}%`
}

/** The change from `base` to `current` in %, signed: (120, 100) → '+20.0%'; (80, 100) → '-20.0%'; base 0 → '—'. */
export function changeText (current: number, base: number, decimals: number): string {
  if (base === 0) return '—'
  const scaled = roundedQuotient(current - base, base, decimals + 2)
  return `${scaled > 0 ? '+' : ''}${scaledText(scaled, decimals)}%`
}

export function rate (numerator: number, denominator: number, formula: string): Rate {
  const value = denominator > 0 ? numerator / denominator : null
  return { numerator, denominator, value, formula, text: `${numerator} / ${denominator} = ${percentText(numerator, denominator, DOCUMENT_DECIMALS)}` }
}

/** A rate as a percentage with the given decimals; '—' when its denominator is 0. */
export function ratePercent (r: Pick<Rate, 'numerator' | 'denominator'>, decimals: number): string {
  return percentText(r.numerator, r.denominator, decimals)
}
