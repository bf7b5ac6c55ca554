import { describe, expect, it } from 'vitest'
import {
  backoffDelayMs,
  classifyStatus,
  hourCeilingFor,
  limiterPriorityOf,
} from '../../../../src/core/budget/policy'

describe('budget policy', () => {
  it('orders the window before the CLI, background refresh and the tray in bottleneck priorities', () => {
    const order = (['tray', 'interactive', 'background', 'cli'] as const)
      .slice()
      .sort((a, b) => limiterPriorityOf(a) - limiterPriorityOf(b))
    expect(order).toEqual(['interactive', 'cli', 'background', 'tray'])
  })

  it('lets background work use the hour minus the reserve, rounded in favour of the reserve', () => {
    expect(hourCeilingFor('tray', 600, 0.1)).toBe(540)
    expect(hourCeilingFor('background', 55, 0.1)).toBe(49)
    expect(hourCeilingFor('cli', 600, 0.1)).toBe(600)
  })

  it('backs off exponentially with base 2 and equal jitter, capped at 60 s', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 0))).toEqual([500, 1000, 2000, 4000])
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000])
    expect(backoffDelayMs(12, () => 1)).toBe(60_000)
    expect(backoffDelayMs(12, () => 0)).toBe(30_000)
  })

  it('pauses on 429, retries 5xx and fails other 4xx at once', () => {
    expect([200, 202, 400, 401, 404, 429, 500, 503].map(classifyStatus)).toEqual([
      'ok',
      'ok',
      'final',
      'final',
      'final',
      'rate-limited',
      'retry',
      'retry',
    ])
  })
})
