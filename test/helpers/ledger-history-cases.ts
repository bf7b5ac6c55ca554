// The ledger's per-source counts and 24-hour history, as cases every LedgerStore adapter must pass: the
// memory and file stores run them as unit tests, the Redis store against a real redis-server.
import { expect, it } from 'vitest'
import { createLedger, type BudgetAccount, type Ledger } from '../../src/core/budget/ledger'
import type { LedgerStore } from '../../src/core/budget/ledger-store'

const zero = { interactive: 0, cli: 0, background: 0, tray: 0 }

/** A clock the case moves by hand. */
function movableClock(startIso: string): { clock: () => number; set(iso: string): void } {
  let now = Date.parse(startIso)
  return { clock: () => now, set: (iso) => void (now = Date.parse(iso)) }
}

/**
 * Registers the cases in the calling describe block. `openStore` gets a fresh store per case; `account`
 * names a budget id no other case uses, so a store shared between cases (Redis) starts empty.
 */
export function ledgerHistoryCases(openStore: () => Promise<LedgerStore> | LedgerStore): void {
  let accounts = 0
  async function setup(startIso = '2026-11-23T10:15:00Z'): Promise<{
    ledger: Ledger
    store: LedgerStore
    time: { clock: () => number; set(iso: string): void }
    account: BudgetAccount
  }> {
    const time = movableClock(startIso)
    const store = await openStore()
    accounts += 1
    const account: BudgetAccount = {
      id: `history-${accounts}-${Math.random().toString(36).slice(2, 8)}`,
      alias: 'work',
      hourlyLimit: 20,
      dailyLimit: null,
    }
    return { ledger: createLedger({ store, clock: time.clock }), store, time, account }
  }

  it('counts each granted request against its source and a refused one against none', async () => {
    const { ledger, account } = await setup()
    try {
      const asks = [
        ...Array<'interactive'>(3).fill('interactive'),
        ...Array<'cli'>(2).fill('cli'),
        'background' as const,
        ...Array<'tray'>(12).fill('tray'),
      ]
      for (const source of asks) expect(await ledger.reserve(account, source)).toEqual({ granted: true })
      // 18 of 20 counted: the last 2 are the reserve, refused to the tray and background refresh.
      expect(await ledger.reserve(account, 'tray')).toMatchObject({ granted: false, reason: 'reserve' })
      expect(await ledger.reserve(account, 'background')).toMatchObject({ granted: false, reason: 'reserve' })
      expect(await ledger.snapshot(account)).toMatchObject({
        usedThisHour: 18,
        thisHourBySource: { interactive: 3, cli: 2, background: 1, tray: 12 },
      })
    } finally {
      await ledger.close()
    }
  })

  it('gives a refund back to the source that reserved it', async () => {
    const { ledger, account } = await setup()
    try {
      await ledger.reserve(account, 'cli')
      await ledger.reserve(account, 'cli')
      await ledger.reserve(account, 'tray')
      await ledger.refund(account, 'cli')
      // Nothing of the window's to give back: the source stays at zero.
      await ledger.refund(account, 'interactive')
      const snapshot = await ledger.snapshot(account)
      expect(snapshot.thisHourBySource).toEqual({ ...zero, cli: 1, tray: 1 })
      expect(snapshot.usedThisHour).toBe(1)
    } finally {
      await ledger.close()
    }
  })

  it('keeps 24 UTC hours, oldest first, with the hours that counted nothing as zeros', async () => {
    const { ledger, time, account } = await setup()
    try {
      await ledger.reserve(account, 'interactive')
      await ledger.reserve(account, 'interactive')
      await ledger.reserve(account, 'tray')
      time.set('2026-11-23T13:05:00Z')
      await ledger.reserve(account, 'cli')
      const { hours, thisHourBySource, usedThisHour } = await ledger.snapshot(account)
      expect(usedThisHour).toBe(1)
      expect(thisHourBySource).toEqual({ ...zero, cli: 1 })
      expect(hours).toHaveLength(24)
      expect(hours?.[0]).toEqual({ hourStartedAt: '2026-11-22T14:00:00.000Z', bySource: zero })
      expect(hours?.slice(20)).toEqual([
        { hourStartedAt: '2026-11-23T10:00:00.000Z', bySource: { ...zero, interactive: 2, tray: 1 } },
        { hourStartedAt: '2026-11-23T11:00:00.000Z', bySource: zero },
        { hourStartedAt: '2026-11-23T12:00:00.000Z', bySource: zero },
        { hourStartedAt: '2026-11-23T13:00:00.000Z', bySource: { ...zero, cli: 1 } },
      ])
      const counted = hours?.filter((hour) => Object.values(hour.bySource).some((count) => count > 0))
      expect(counted).toHaveLength(2)
    } finally {
      await ledger.close()
    }
  })

  it('drops an hour from the history once it started 24 hours ago', async () => {
    const { ledger, store, time, account } = await setup()
    try {
      await ledger.reserve(account, 'background')
      time.set('2026-11-24T09:59:59Z')
      expect((await ledger.snapshot(account)).hours?.[0]).toEqual({
        hourStartedAt: '2026-11-23T10:00:00.000Z',
        bySource: { ...zero, background: 1 },
      })
      time.set('2026-11-24T10:00:00Z')
      await ledger.reserve(account, 'tray')
      const { hours } = await ledger.snapshot(account)
      expect(hours?.[0]?.hourStartedAt).toBe('2026-11-23T11:00:00.000Z')
      expect(hours?.filter((hour) => hour.bySource.background > 0)).toEqual([])
      // The store itself no longer holds it, not just the snapshot's window.
      const when = {
        now: time.clock(),
        hourStart: Date.parse('2026-11-24T10:00:00Z'),
        hourEndsAt: Date.parse('2026-11-24T11:00:00Z'),
        day: '2026-11-24',
        dayEndsAt: Date.parse('2026-11-25T00:00:00Z'),
      }
      expect((await store.read(account.id, when)).hours).toEqual([
        { hourStart: when.hourStart, bySource: { ...zero, tray: 1 } },
      ])
    } finally {
      await ledger.close()
    }
  })
}
