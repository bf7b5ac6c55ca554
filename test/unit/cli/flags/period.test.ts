import { describe, expect, it } from 'vitest'
import { customRangeOf, dateRangeFromFlags, parseDateFlag } from '../../../../src/cli/flags/period'

describe('--period, --from, --to', () => {
  it('defaults to 30d like the dashboard', () => {
    expect(dateRangeFromFlags({})).toBe('30d')
  })

  it('passes shortcuts and builds a custom range', () => {
    expect(dateRangeFromFlags({ period: '6mo' })).toBe('6mo')
    expect(dateRangeFromFlags({ from: '2026-01-01', to: '2026-01-31' })).toEqual(['2026-01-01', '2026-01-31'])
  })

  it('refuses half a range, a mix, and an unknown period with a hint', () => {
    expect(() => dateRangeFromFlags({ from: '2026-01-01' })).toThrow('--from and --to go together.')
    expect(() => dateRangeFromFlags({ period: '7d', from: '2026-01-01', to: '2026-01-02' })).toThrow(
      /either --period or --from/,
    )
    expect(() => dateRangeFromFlags({ period: 'fortnight' })).toThrow(/Invalid date range "fortnight"/)
  })
})

describe('custom-range spellings', () => {
  it('reads --period custom with --from/--to, and --date FROM,TO, as --from/--to', () => {
    const range = { from: '2024-01-01', to: '2024-01-31' }
    expect(customRangeOf({ period: 'custom', ...range })).toEqual(range)
    expect(customRangeOf({ date: '2024-01-01,2024-01-31' })).toEqual(range)
    expect(customRangeOf({ period: 'custom', date: '2024-01-01,2024-01-31' })).toEqual(range)
    expect(dateRangeFromFlags({ period: 'custom', ...range })).toEqual(['2024-01-01', '2024-01-31'])
    expect(customRangeOf({ period: 'month', date: '2024-01-15' })).toEqual({
      period: 'month',
      date: '2024-01-15',
    })
  })

  it('refuses a range given twice or a custom period without its days, naming the flags', () => {
    expect(() =>
      customRangeOf({ date: '2024-01-01,2024-01-31', from: '2024-01-01', to: '2024-01-02' }),
    ).toThrow('--date 2024-01-01,2024-01-31 is a range, and --from/--to give another.')
    expect(() => customRangeOf({ date: '2024-01-01,2024-01-31', period: '7d' })).toThrow(
      '--date 2024-01-01,2024-01-31 is a range, and --period 7d asks for another.',
    )
    expect(() => customRangeOf({ period: 'custom', from: '2024-01-01' })).toThrow(
      '--period custom needs --from and --to.',
    )
  })

  it('parses --date as one day or two, and nothing else', () => {
    expect(parseDateFlag('2024-01-01')).toBe('2024-01-01')
    expect(parseDateFlag('2024-01-01, 2024-01-31')).toBe('2024-01-01,2024-01-31')
    expect(() => parseDateFlag('2024-01-01,2024-01-31,2024-02-01')).toThrow(/FROM,TO/)
    expect(() => parseDateFlag('2024-01-01,')).toThrow(/FROM,TO/)
    expect(() => parseDateFlag('yesterday')).toThrow(/YYYY-MM-DD/)
  })
})
