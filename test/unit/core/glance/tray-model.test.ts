import { describe, expect, it } from 'vitest'
import {
  isBudgetPaused,
  shouldPollRealtime,
  trayModel,
  type TrayInput,
} from '../../../../src/core/glance/tray-model'
import type { BudgetSnapshot } from '../../../../src/shared/contract'

const now = Date.parse('2026-11-22T13:20:00.000Z')

function budget(overrides: Partial<BudgetSnapshot> = {}): BudgetSnapshot {
  return {
    account: 'work',
    hourlyLimit: 600,
    usedThisHour: 60,
    remainingThisHour: 540,
    hourStartedAt: '2026-11-22T13:00:00.000Z',
    resetsAt: '2026-11-22T14:00:00.000Z',
    pausedUntil: null,
    ...overrides,
  }
}

function input(overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    budget: budget(),
    realtime: { site: 'example.com', visitors: 12, at: now - 30_000 },
    isPaused: false,
    error: null,
    now,
    ...overrides,
  }
}

describe('trayModel', () => {
  it('shows current visitors and the budget left in the title, tooltip and menu', () => {
    expect(trayModel(input())).toEqual({
      title: '12 · 540/600',
      tooltip: [
        'Plausible Desktop',
        'example.com: 12 current visitors',
        '540 of 600 API requests left · resets 14:00 UTC',
      ].join('\n'),
      iconState: 'normal',
      menu: [
        { label: 'example.com: 12 current visitors', enabled: false },
        { label: '540 of 600 API requests left · resets 14:00 UTC', enabled: false },
        { label: 'Open Plausible Desktop', enabled: true, action: 'open' },
        { label: 'Refresh now', enabled: true, action: 'refresh' },
        { label: 'Quit', enabled: true, action: 'quit' },
      ],
    })
  })

  it('says "1 current visitor" in the singular', () => {
    const model = trayModel(input({ realtime: { site: 'example.com', visitors: 1, at: now } }))
    expect(model.menu[0]).toEqual({ label: 'example.com: 1 current visitor', enabled: false })
  })

  it('shows a dash for visitors when there is no site or no count yet', () => {
    const model = trayModel(input({ realtime: null }))
    expect(model.title).toBe('– · 540/600')
    expect(model.tooltip).toBe('Plausible Desktop\n540 of 600 API requests left · resets 14:00 UTC')
  })

  it('shows an empty title and only the actions before the first poll answered', () => {
    const model = trayModel(input({ budget: null, realtime: null }))
    expect(model.title).toBe('')
    expect(model.tooltip).toBe('Plausible Desktop')
    expect(model.menu.map((item) => item.action)).toEqual(['open', 'refresh', 'quit'])
  })

  it('labels a count older than five minutes with the time it was taken', () => {
    const model = trayModel(input({ realtime: { site: 'example.com', visitors: 7, at: now - 6 * 60_000 } }))
    expect(model.menu[0]?.label).toBe('example.com: 7 current visitors (as of 13:14 UTC)')
  })

  it('turns low-budget at 10% of the hourly limit left', () => {
    expect(trayModel(input({ budget: budget({ usedThisHour: 540, remainingThisHour: 60 }) })).iconState).toBe(
      'low-budget',
    )
    expect(trayModel(input({ budget: budget({ usedThisHour: 539, remainingThisHour: 61 }) })).iconState).toBe(
      'normal',
    )
  })

  it('shows the pause and its end after a 429, and disables refresh', () => {
    const paused = budget({
      remainingThisHour: 0,
      usedThisHour: 600,
      pausedUntil: '2026-11-22T14:00:00.000Z',
    })
    const model = trayModel(input({ budget: paused, isPaused: true }))
    expect(model.iconState).toBe('paused')
    expect(model.title).toBe('12 · paused')
    expect(model.tooltip).toContain("Paused after the server's rate limit until 14:00 UTC")
    expect(model.menu.find((item) => item.action === 'refresh')).toEqual({
      label: 'Refresh now',
      enabled: false,
      action: 'refresh',
    })
  })

  it('shows the error message and hint of a failed poll with the error icon', () => {
    const model = trayModel(
      input({
        budget: null,
        realtime: null,
        error: {
          code: 'NETWORK',
          message: 'The Plausible server could not be reached.',
          hint: 'Check the network.',
        },
      }),
    )
    expect(model.iconState).toBe('error')
    expect(model.title).toBe('!')
    expect(model.tooltip).toBe(
      'Plausible Desktop\nThe Plausible server could not be reached. Check the network.',
    )
  })

  it('prefers paused over error over low-budget for the icon', () => {
    const error = { code: 'NETWORK' as const, message: 'm', hint: 'h' }
    const low = budget({ remainingThisHour: 10, usedThisHour: 590 })
    expect(trayModel(input({ budget: low, error, isPaused: true })).iconState).toBe('paused')
    expect(trayModel(input({ budget: low, error })).iconState).toBe('error')
    expect(trayModel(input({ budget: low })).iconState).toBe('low-budget')
  })
})

describe('isBudgetPaused', () => {
  it('is true only until pausedUntil', () => {
    const paused = budget({ pausedUntil: '2026-11-22T14:00:00.000Z' })
    expect(isBudgetPaused(paused, now)).toBe(true)
    expect(isBudgetPaused(paused, Date.parse('2026-11-22T14:00:00.000Z'))).toBe(false)
    expect(isBudgetPaused(budget(), now)).toBe(false)
    expect(isBudgetPaused(null, now)).toBe(false)
  })
})

describe('shouldPollRealtime', () => {
  it('polls while more than 10% of the hour is left', () => {
    expect(shouldPollRealtime(budget({ remainingThisHour: 61 }), now)).toBe(true)
  })

  it('skips realtime when the budget is low, so the window keeps the rest of the hour', () => {
    expect(shouldPollRealtime(budget({ remainingThisHour: 60 }), now)).toBe(false)
  })

  it('skips realtime while the account is paused after a 429', () => {
    expect(shouldPollRealtime(budget({ pausedUntil: '2026-11-22T14:00:00.000Z' }), now)).toBe(false)
  })

  it('skips realtime before the budget is known', () => {
    expect(shouldPollRealtime(null, now)).toBe(false)
  })
})
