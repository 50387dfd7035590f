import { formatFen, MAX_FEN, parseYuan } from '@/domain/money'

describe('money as integer fen', () => {
  it.each([
    ['0', 0], ['12', 1200], ['12.3', 1230], ['12.34', 1234], ['1,234.56', 123456], ['¥88', 8800], ['3000元', 300000], [' 0.01 ', 1]
  ])('parses %s yuan as %d fen', (input, fen) => {
    expect(parseYuan(input)).toBe(fen)
  })

  it.each(['', 'abc', '-5', '1.234', '1e5', '12.', '.5', '１２'])('refuses %p', (input) => {
    expect(parseYuan(input)).toBeNull()
  })

  it('refuses amounts above the cap', () => {
    expect(parseYuan(String(MAX_FEN / 100))).toBe(MAX_FEN)
    expect(parseYuan(String(MAX_FEN / 100 + 1))).toBeNull()
  })

  it('formats with grouping and two decimals, without float drift', () => {
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(123456)).toBe('1,234.56')
    expect(formatFen(10 + 20)).toBe('0.30')
    expect(formatFen(-5)).toBe('-0.05')
    expect(formatFen(123456789012)).toBe('1,234,567,890.12')
  })
})
