import { describe, expect, it } from 'vitest'
import {
  compactCount,
  isBudgetPaused,
  trayModel,
  type PinnedCount,
  type TrayInput,
} from '../../../../src/core/glance/tray-model'
import { trendOf } from '../../../../src/core/glance/trend'
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

function pin(overrides: Partial<PinnedCount> = {}): PinnedCount {
  return {
    account: 'work',
    site: 'example.com',
    visitors: 12,
    at: now - 30_000,
    trend: 'up',
    error: null,
    ...overrides,
  }
}

function input(overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    pins: [pin()],
    budget: budget(),
    pollingPausedUntil: null,
    pollingPauseReason: null,
    isPollingPausedByUser: false,
    error: null,
    accounts: [{ alias: 'work', isDefault: true }],
    calm: false,
    startAtLogin: false,
    canInstallCli: true,
    now,
    ...overrides,
  }
}

const labels = (model: ReturnType<typeof trayModel>) =>
  model.menu.map((item) => (item.type === 'separator' ? '—' : item.label))

describe('trayModel', () => {
  it("shows the first pin's visitors and the budget left as the title, and the count in the icon", () => {
    const model = trayModel(input())
    expect(model.title).toBe('12 · 540/600')
    expect(model.iconText).toBe('12')
    expect(model.budgetShare).toBe(0.9)
    expect(model.iconState).toBe('normal')
    expect(model.tooltip).toBe(
      'Plausible Desktop\nexample.com: 12 current visitors\n540 of 600 API requests left · resets 14:00 UTC',
    )
  })

  it('lists every pinned site across accounts with its visitors, then the actions', () => {
    const model = trayModel(
      input({
        pins: [pin(), pin({ account: 'client-a', site: 'shop.example.org', visitors: 1 })],
        accounts: [
          { alias: 'work', isDefault: true },
          { alias: 'client-a', isDefault: false },
        ],
      }),
    )
    expect(labels(model)).toEqual([
      'example.com (work): 12 current visitors',
      'shop.example.org (client-a): 1 current visitor',
      '—',
      '540 of 600 API requests left · resets 14:00 UTC',
      '—',
      'Open Dashboard',
      'Refresh Now',
      'Pause Polling',
      'Switch Account',
      '—',
      'Settings…',
      'Start at Login',
      'Calm Mode (Directions, No Numbers)',
      'Install Command Line Tool…',
      '—',
      'Quit',
    ])
    expect(model.menu[1]!.action).toEqual({
      kind: 'open-site',
      account: 'client-a',
      site: 'shop.example.org',
    })
    expect(model.menu.find((item) => item.label === 'Switch Account')!.submenu).toEqual([
      {
        label: 'work',
        enabled: true,
        type: 'radio',
        checked: true,
        action: { kind: 'use-account', alias: 'work' },
      },
      {
        label: 'client-a',
        enabled: true,
        type: 'radio',
        checked: false,
        action: { kind: 'use-account', alias: 'client-a' },
      },
    ])
  })

  it('says in the menu that polling waits for the next hour when the tray share is spent', () => {
    const model = trayModel(
      input({
        budget: budget({ usedThisHour: 535, remainingThisHour: 65 }),
        pollingPausedUntil: Date.parse('2026-11-22T14:00:15.000Z'),
        pollingPauseReason: 'hour-spent',
      }),
    )
    expect(labels(model)).toContain("Polling paused until 14:00 UTC: the tray's share of this hour is spent")
    expect(model.title).toBe('12 · 65/600')
  })

  it('shows the pause after a 429 in the title, the icon and the menu, and disables Refresh Now', () => {
    const model = trayModel(
      input({
        budget: budget({ pausedUntil: '2026-11-22T14:00:00.000Z' }),
        pollingPausedUntil: Date.parse('2026-11-22T14:00:15.000Z'),
        pollingPauseReason: 'rate-limited',
      }),
    )
    expect(model.title).toBe('12 · paused')
    expect(model.iconState).toBe('paused')
    expect(labels(model)).toContain("Paused after the server's rate limit until 14:00 UTC")
    expect(model.menu.find((item) => item.label === 'Refresh Now')!.enabled).toBe(false)
  })

  it('offers Resume Polling and a grey icon while the user paused polling', () => {
    const model = trayModel(input({ isPollingPausedByUser: true }))
    expect(labels(model)).toContain('Polling paused')
    expect(labels(model)).toContain('Resume Polling')
    expect(model.iconState).toBe('paused')
  })

  it('shows directions instead of numbers in calm mode', () => {
    const model = trayModel(input({ calm: true, pins: [pin({ trend: 'down' })] }))
    expect(model.title).toBe('↓ · 540/600')
    expect(model.iconText).toBe('↓')
    expect(model.menu[0]!.label).toBe('example.com: ↓ falling')
    expect(model.tooltip).not.toMatch(/current visitor/)
  })

  it('turns amber at 10 % of the hour left and labels a count older than five minutes with its time', () => {
    const model = trayModel(
      input({
        budget: budget({ usedThisHour: 540, remainingThisHour: 60 }),
        pins: [pin({ at: now - 6 * 60_000 })],
      }),
    )
    expect(model.iconState).toBe('low-budget')
    expect(model.menu[0]!.label).toBe('example.com: 12 current visitors (as of 13:14 UTC)')
  })

  it('shows a dash before the first count, and the error with its hint when the tray cannot poll', () => {
    expect(trayModel(input({ pins: [pin({ visitors: null, at: null })] })).title).toBe('– · 540/600')
    const failed = trayModel(
      input({
        pins: [],
        budget: null,
        error: {
          code: 'NO_ACCOUNT',
          message: 'No account is configured.',
          hint: 'Add one with `plausible accounts add`.',
        },
      }),
    )
    expect(failed.title).toBe('!')
    expect(failed.iconText).toBe('!')
    expect(failed.iconState).toBe('error')
    expect(labels(failed)[0]).toBe('No account is configured. Add one with `plausible accounts add`.')
  })

  it('leaves out the command-line item where it cannot be installed (Windows)', () => {
    expect(labels(trayModel(input({ canInstallCli: false })))).not.toContain('Install Command Line Tool…')
  })

  it('fits large counts into three characters for the icon', () => {
    expect([7, 999, 1_000, 25_400, 999_999, 3_200_000].map(compactCount)).toEqual([
      '7',
      '999',
      '1k',
      '25k',
      '999k',
      '3m',
    ])
  })
})

describe('isBudgetPaused', () => {
  it('is true only until the pause ends', () => {
    expect(isBudgetPaused(budget({ pausedUntil: '2026-11-22T14:00:00.000Z' }), now)).toBe(true)
    expect(isBudgetPaused(budget({ pausedUntil: '2026-11-22T13:00:00.000Z' }), now)).toBe(false)
    expect(isBudgetPaused(null, now)).toBe(false)
  })
})

describe('trendOf', () => {
  const at = (minute: number) => now + minute * 60_000
  it('compares the newest count with the mean of the ten minutes before it', () => {
    expect(
      trendOf([
        { at: at(0), visitors: 10 },
        { at: at(1), visitors: 10 },
        { at: at(2), visitors: 14 },
      ]),
    ).toBe('up')
    expect(
      trendOf([
        { at: at(0), visitors: 10 },
        { at: at(1), visitors: 7 },
      ]),
    ).toBe('down')
    expect(
      trendOf([
        { at: at(0), visitors: 10 },
        { at: at(1), visitors: 10 },
      ]),
    ).toBe('steady')
    expect(
      trendOf([
        { at: at(0), visitors: 2 },
        { at: at(20), visitors: 50 },
      ]),
    ).toBe('unknown')
    expect(trendOf([])).toBe('unknown')
  })
})
