import { describe, expect, it } from 'vitest'
import { createRateLimiter, rateLimitMessage } from '../../../../src/core/sandbox/rate-limit'

describe('hourly rate limit (§3)', () => {
  it('allows N requests in a UTC hour, refuses the next, and counts the refused ones', () => {
    let now = Date.parse('2026-11-23T14:10:00Z')
    const limiter = createRateLimiter(3, () => now)
    expect([1, 2, 3, 4, 5].map(() => limiter.hit('k'))).toEqual([
      { allowed: true, count: 1 },
      { allowed: true, count: 2 },
      { allowed: true, count: 3 },
      { allowed: false, count: 4 },
      { allowed: false, count: 5 },
    ])
    now = Date.parse('2026-11-23T14:59:59.999Z')
    expect(limiter.hit('k').allowed).toBe(false)
    now = Date.parse('2026-11-23T15:00:00Z')
    expect(limiter.hit('k')).toEqual({ allowed: true, count: 1 })
  })

  it('keeps a separate counter per key', () => {
    const limiter = createRateLimiter(1, () => 0)
    expect(limiter.hit('a').allowed).toBe(true)
    expect(limiter.hit('b').allowed).toBe(true)
    expect(limiter.hit('a').allowed).toBe(false)
  })

  it('says the limit in the server text', () => {
    expect(rateLimitMessage(600)).toBe(
      'Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity.',
    )
  })
})
