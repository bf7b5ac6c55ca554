import { describe, expect, it } from 'vitest'
import { cardState } from '../../../../../src/renderer/src/components/overview/site-card'
import { sparkPaths } from '../../../../../src/renderer/src/components/overview/day-sparkline'
import type { OverviewCard } from '../../../../../src/shared/contract/overview'

const card: OverviewCard = {
  account: 'work',
  site: 'example.com',
  timezone: 'UTC',
  visitors: 10,
  previousVisitors: 8,
  change: 25,
  sparkline: [],
  window: null,
  asOf: '2026-11-22T13:15:00.000Z',
  currentVisitors: null,
  pinIndex: null,
  stale: null,
  error: null,
}
const failure = { code: 'SITE_NOT_FOUND', message: 'No such site.', hint: 'Check the domain.' }

describe('cardState', () => {
  it('is fresh with numbers and no reason, loading before the first read', () => {
    expect(cardState(card)).toBe('fresh')
    expect(cardState({ ...card, asOf: null, visitors: null })).toBe('loading')
  })

  it('waits on the budget for a spent hour or a 429, and is stale for an account’s failure', () => {
    expect(cardState({ ...card, stale: 'budget' })).toBe('budget')
    expect(cardState({ ...card, stale: 'rate-limited' })).toBe('budget')
    expect(cardState({ ...card, stale: 'error' })).toBe('stale')
  })

  it('shows its own failure before anything else', () => {
    expect(cardState({ ...card, stale: 'error', error: failure })).toBe('error')
    expect(cardState({ ...card, stale: 'budget', error: failure })).toBe('error')
  })
})

describe('sparkPaths', () => {
  it('draws nothing for fewer than two hours', () => {
    expect(sparkPaths([])).toBeNull()
    expect(sparkPaths([5])).toBeNull()
  })

  it('spans the box, the highest hour at the top and zero at the bottom, 2 units inside the edges', () => {
    expect(sparkPaths([0, 10, 5])).toEqual({
      line: 'M0,30L60,2L120,16',
      area: 'M0,30L60,2L120,16L120,32L0,32Z',
    })
  })

  it('keeps a quiet day a flat line at the bottom, and reads an unknown hour as zero', () => {
    expect(sparkPaths([0, 0])?.line).toBe('M0,30L120,30')
    expect(sparkPaths([null, 4])?.line).toBe('M0,30L120,2')
  })
})
