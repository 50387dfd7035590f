/** Rates are computed when a report is read and always travel with their numerator, denominator and formula. */

export interface Rate {
  numerator: number
  denominator: number
  /** A fraction in [0, 1], or null when the denominator is 0 (shown as —, never as 0%). */
  value: number | null
  /** The formula in words, e.g. '调解成功数 / 结案数'. */
  formula: string
  /** '12 / 20 = 60.0%' */
  text: string
}

export function rate (numerator: number, denominator: number, formula: string): Rate {
  const value = denominator > 0 ? numerator / denominator : null
  return { numerator, denominator, value, formula, text: `${numerator} / ${denominator} = ${formatPercent(value)}` }
}

/** 0.6 → '60.0%'; null → '—'. */
export function formatPercent (value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`
}
