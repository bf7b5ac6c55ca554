import { describe, expect, it } from 'vitest'
import { dateRangeFromFlags } from '../../../../src/cli/flags/period'

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
