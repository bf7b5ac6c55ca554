import { describe, expect, it } from 'vitest'
import { iconRetryMs } from '../../../../src/renderer/src/api/site-icon-queries'
import type { SiteIcon } from '../../../../src/shared/contract/site-icons'

const answer = (overrides: Partial<SiteIcon>): SiteIcon => ({
  account: 'work',
  site: 'Google',
  icon: null,
  from: 'server',
  fetchedAt: '2026-12-07T12:00:00.000Z',
  ...overrides,
})
const unreachable = answer({ fetchedAt: null })

describe('iconRetryMs', () => {
  it('asks again 10 s after the server was not reached, then twice as long each time, at most 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map((answers) => iconRetryMs(unreachable, answers))).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000,
    ])
    expect(iconRetryMs(unreachable, 40)).toBe(300_000)
  })

  it('keeps every answer the server gave, an icon or none, and what came from the cache or while off', () => {
    expect(iconRetryMs(answer({}), 1)).toBe(false)
    expect(
      iconRetryMs(
        answer({ icon: { contentType: 'image/svg+xml', dataUrl: 'data:image/svg+xml;base64,' } }),
        1,
      ),
    ).toBe(false)
    expect(iconRetryMs(answer({ from: 'cache' }), 1)).toBe(false)
    expect(iconRetryMs(answer({ from: 'off', fetchedAt: null }), 1)).toBe(false)
    expect(iconRetryMs(undefined, 0)).toBe(false)
  })
})
