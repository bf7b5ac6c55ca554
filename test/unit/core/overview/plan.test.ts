// When the overview may refresh an account: the interval from the limit, the reserve and the sites, and
// whether the hour (or day, or a 429) can pay one refresh now — each edge from both sides.
import { describe, expect, it } from 'vitest'
import {
  minRefreshIntervalMs,
  planRefresh,
  refreshIntervalMs,
  type RefreshPlanInput,
} from '../../../../src/core/overview/plan'
import type { BudgetSnapshot } from '../../../../src/shared/contract'

const now = Date.parse('2026-11-23T10:20:00.000Z')
const nextHour = Date.parse('2026-11-23T11:00:15.000Z')
const hourMs = 3_600_000

function budget(change: Partial<BudgetSnapshot> = {}): BudgetSnapshot {
  return {
    account: 'work',
    hourlyLimit: 100,
    usedThisHour: 0,
    remainingThisHour: 100,
    hourStartedAt: '2026-11-23T10:00:00.000Z',
    resetsAt: '2026-11-23T11:00:00.000Z',
    pausedUntil: null,
    reservedForInteractive: 10,
    dailyLimit: null,
    usedToday: 0,
    remainingToday: null,
    dayResetsAt: '2026-11-24T00:00:00.000Z',
    ...change,
  }
}

function plan(change: Partial<RefreshPlanInput> = {}) {
  return planRefresh({
    budget: budget(),
    siteCount: 23,
    extraRequests: 0,
    lastRefreshAt: null,
    now,
    priority: 'background',
    mode: 'due',
    ...change,
  })
}

describe('refreshIntervalMs', () => {
  it('is an hour when half of what the hour has above the reserve pays exactly one refresh', () => {
    // 100/hour, 10 reserved: background may spend 90, the overview plans on half: 45 requests an hour.
    expect(refreshIntervalMs(budget(), 45)).toBe(hourMs)
    expect(refreshIntervalMs(budget(), 46)).toBe(Math.ceil((hourMs * 46) / 45))
  })

  it('never goes below five minutes, however large the budget', () => {
    // 600/h, 60 reserved: 270 an hour for the overview; 22 sites would be 4.9 min, 23 sites 5.1 min.
    expect(refreshIntervalMs(budget({ hourlyLimit: 600, reservedForInteractive: 60 }), 22)).toBe(
      minRefreshIntervalMs,
    )
    expect(refreshIntervalMs(budget({ hourlyLimit: 600, reservedForInteractive: 60 }), 23)).toBe(
      Math.ceil((hourMs * 23) / 270),
    )
  })

  it('is null with no sites, and when the reserve is the whole hour', () => {
    expect(refreshIntervalMs(budget(), 0)).toBeNull()
    expect(refreshIntervalMs(budget({ hourlyLimit: 1, reservedForInteractive: 1 }), 3)).toBeNull()
  })

  it('slows to what a daily cap allows at the same share', () => {
    // 120 a day, half of it: 60 requests a day for 23 sites → a refresh every 9.2 hours.
    expect(refreshIntervalMs(budget({ dailyLimit: 120 }), 23)).toBe(Math.ceil((24 * hourMs * 23) / 60))
  })
})

describe('planRefresh', () => {
  it('refreshes when the hour has exactly one refresh left above the reserve, and waits when one request short', () => {
    // 100 − 10 reserved − 67 used = 23: exactly the 23 requests.
    expect(plan({ budget: budget({ usedThisHour: 67 }) })).toEqual({
      requestsPerRefresh: 23,
      intervalMs: Math.ceil((hourMs * 23) / 45),
      dueAt: now,
      blocked: null,
      nextRefreshAt: now,
      decision: { kind: 'refresh' },
    })
    expect(plan({ budget: budget({ usedThisHour: 68 }) })).toMatchObject({
      blocked: { reason: 'budget', until: nextHour },
      nextRefreshAt: nextHour,
      decision: { kind: 'blocked', reason: 'budget', until: nextHour },
    })
  })

  it('counts the site list in what the refresh needs when it is due', () => {
    expect(plan({ budget: budget({ usedThisHour: 66 }), extraRequests: 1 }).decision).toEqual({
      kind: 'refresh',
    })
    expect(plan({ budget: budget({ usedThisHour: 67 }), extraRequests: 1 }).decision.kind).toBe('blocked')
  })

  it('lets the CLI spend the reserve the window keeps', () => {
    // 100 − 77 used = 23 at CLI priority; background would have 13.
    expect(plan({ budget: budget({ usedThisHour: 77 }), priority: 'cli' }).decision).toEqual({
      kind: 'refresh',
    })
    expect(plan({ budget: budget({ usedThisHour: 78 }), priority: 'cli' }).decision.kind).toBe('blocked')
    expect(plan({ budget: budget({ usedThisHour: 77 }) }).decision.kind).toBe('blocked')
  })

  it('has nothing to do with 0 sites and a fresh site list', () => {
    expect(plan({ siteCount: 0 })).toEqual({
      requestsPerRefresh: 0,
      intervalMs: null,
      dueAt: null,
      blocked: null,
      nextRefreshAt: null,
      decision: { kind: 'idle' },
    })
    // 0 known sites but the list is due: one request to learn them.
    expect(plan({ siteCount: 0, extraRequests: 1 }).decision).toEqual({ kind: 'refresh' })
  })

  it('waits for the interval after a refresh, and is due the moment it has passed', () => {
    const intervalMs = Math.ceil((hourMs * 23) / 45)
    const waiting = plan({ lastRefreshAt: now - intervalMs + 1 })
    expect(waiting).toMatchObject({ dueAt: now + 1, nextRefreshAt: now + 1, decision: { kind: 'wait' } })
    expect(plan({ lastRefreshAt: now - intervalMs }).decision).toEqual({ kind: 'refresh' })
  })

  it('promises the later of the due time and the budget reset', () => {
    const spent = budget({ usedThisHour: 90 })
    // Due at 10:30, the hour is spent until 11:00: next at 11:00:15.
    expect(
      plan({ budget: spent, lastRefreshAt: now + 10 * 60_000 - Math.ceil((hourMs * 23) / 45) }),
    ).toMatchObject({ nextRefreshAt: nextHour, decision: { kind: 'wait' } })
  })

  it('takes a manual refresh of numbers older than a minute, not younger', () => {
    const last = now - 60_000
    expect(plan({ lastRefreshAt: last, mode: 'all' }).decision).toEqual({ kind: 'refresh' })
    expect(plan({ lastRefreshAt: last + 1, mode: 'all' }).decision).toEqual({ kind: 'wait' })
    expect(plan({ lastRefreshAt: null, mode: 'none' }).decision).toEqual({ kind: 'wait' })
  })

  it('waits out a 429 until the later of the pause and the next hour', () => {
    const paused = budget({ pausedUntil: '2026-11-23T11:00:00.000Z' })
    expect(plan({ budget: paused }).decision).toEqual({
      kind: 'blocked',
      reason: 'rate-limited',
      until: nextHour,
    })
  })

  it('waits for the next local midnight when the daily cap cannot pay the refresh', () => {
    const day = budget({ dailyLimit: 1000, usedToday: 978, remainingToday: 22 })
    expect(plan({ budget: day }).decision).toEqual({
      kind: 'blocked',
      reason: 'budget',
      until: Date.parse('2026-11-24T00:00:15.000Z'),
    })
    expect(plan({ budget: { ...day, usedToday: 977, remainingToday: 23 } }).decision).toEqual({
      kind: 'refresh',
    })
  })

  it('promises no next refresh to background when the reserve is the whole hour', () => {
    const reserved = budget({ hourlyLimit: 1, reservedForInteractive: 1 })
    expect(plan({ budget: reserved, lastRefreshAt: now - hourMs })).toMatchObject({
      intervalMs: null,
      nextRefreshAt: null,
      decision: { kind: 'blocked', reason: 'budget' },
    })
  })
})
