import { describe, expect, it } from 'vitest'
import { renderCounts, renderTable } from '../../../bench/table'

describe('the benchmark table', () => {
  it('lists each count beside its earlier value, the change signed, and what it is made of', () => {
    expect(
      renderCounts([
        { what: 'cold', now: 14, before: 9, beforeAt: 'abc123', note: 'stats.query ×12, sites.list ×1' },
        { what: 'warm', now: 0, before: 0, beforeAt: 'abc123', note: 'no spending call' },
        { what: 'fewer', now: 3, before: 5, beforeAt: 'abc123', note: 'x' },
      ]).split('\n'),
    ).toEqual([
      '| what | now | before | change | measured before at | now made of |',
      '|---|---|---|---|---|---|',
      '| cold | 14 | 9 | +5 | abc123 | stats.query ×12, sites.list ×1 |',
      '| warm | 0 | 0 | 0 | abc123 | no spending call |',
      '| fewer | 3 | 5 | -2 | abc123 | x |',
    ])
  })

  it('orders the goal rows as the issue lists them, and marks a goal not met', () => {
    const row = (what: string, met: boolean) => ({
      what,
      subject: { label: 's', median: 150.4, runs: 5 },
      baseline: { label: 'b', median: 42.25, runs: 5 },
      unit: 'ms' as const,
      goal: 'g',
      met,
      ratio: 'r',
    })
    expect(
      renderTable([row('scheduler: x', true), row('CLI start-up: y', false)])
        .split('\n')
        .slice(2),
    ).toEqual([
      '| CLI start-up: y | s: 150 ms | b: 42.3 ms | r | g | **no** |',
      '| scheduler: x | s: 150 ms | b: 42.3 ms | r | g | yes |',
    ])
  })
})
