import { describe, expect, it } from 'vitest'
import { createSessionBudget } from '../../../../src/cli/mcp/session-budget'
import type { BudgetSnapshot } from '../../../../src/shared/contract'
import { PlausibleError } from '../../../../src/shared/errors'

/** A ledger of one account: what budget.status would answer, and a call that spends `cost` on it. */
function fakeLedger(options: { limit: number; reserve: number; used?: number }) {
  const state = {
    used: options.used ?? 0,
    hour: '2026-11-23T14:00:00.000Z',
    resetsAt: '2026-11-23T15:00:00.000Z',
  }
  const read = async (): Promise<BudgetSnapshot> => ({
    account: 'work',
    hourlyLimit: options.limit,
    usedThisHour: state.used,
    remainingThisHour: Math.max(0, options.limit - state.used),
    hourStartedAt: state.hour,
    resetsAt: state.resetsAt,
    pausedUntil: null,
    reservedForInteractive: options.reserve,
  })
  const spend =
    (cost: number, value: unknown = { answer: cost }) =>
    async () => {
      state.used += cost
      return value
    }
  const nextHour = (): void => {
    state.hour = '2026-11-23T15:00:00.000Z'
    state.resetsAt = '2026-11-23T16:00:00.000Z'
    state.used = 0
  }
  return { state, read, spend, nextHour }
}

const now = Date.parse('2026-11-23T14:30:00Z')

function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string; resetsAt?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a refusal')
    },
    (error: unknown) => {
      if (!(error instanceof PlausibleError)) throw error
      return {
        code: error.code,
        message: error.message,
        ...(error.details?.resetsAt ? { resetsAt: error.details.resetsAt } : {}),
      }
    },
  )
}

describe('createSessionBudget', () => {
  it('counts what the ledger grew by while the call ran: 1, 2, or 0 when a cache answered', async () => {
    const ledger = fakeLedger({ limit: 600, reserve: 60 })
    const session = createSessionBudget({ readBudget: ledger.read, now: () => now })
    const costs = []
    for (const cost of [1, 2, 0]) {
      const { budget } = await session.answer({
        key: `q${cost}`,
        account: 'work',
        spends: true,
        cacheable: true,
        run: ledger.spend(cost),
      })
      costs.push([budget.cost, budget.remainingThisHour])
    }
    expect(costs).toEqual([
      [1, 599],
      [2, 597],
      [0, 597],
    ])
    expect(session.spent()).toBe(3)
  })

  it('--max-requests 2: the second request is sent, the third refused with the reset time', async () => {
    const ledger = fakeLedger({ limit: 600, reserve: 60 })
    const session = createSessionBudget({ maxRequests: 2, readBudget: ledger.read, now: () => now })
    const ask = (key: string) =>
      session.answer({ key, account: 'work', spends: true, cacheable: true, run: ledger.spend(1) })
    expect((await ask('a')).budget.sessionRemaining).toBe(1)
    expect((await ask('b')).budget.sessionRemaining).toBe(0)
    expect(await refusalOf(ask('c'))).toEqual({
      code: 'BUDGET_EXHAUSTED',
      message:
        'This MCP session sent its 2 requests of this hour (--max-requests 2); it may send more after 2026-11-23T15:00:00.000Z.',
      resetsAt: '2026-11-23T15:00:00.000Z',
    })
    expect(ledger.state.used).toBe(2)
  })

  it('starts counting the session again in a new hour', async () => {
    const ledger = fakeLedger({ limit: 600, reserve: 60 })
    const session = createSessionBudget({ maxRequests: 1, readBudget: ledger.read, now: () => now })
    const ask = (key: string) =>
      session.answer({ key, account: 'work', spends: true, cacheable: true, run: ledger.spend(1) })
    await ask('a')
    await expect(ask('b')).rejects.toThrow(/--max-requests 1/)
    ledger.nextHour()
    expect((await ask('b')).budget).toMatchObject({
      cost: 1,
      sessionRemaining: 0,
      resetsAt: '2026-11-23T16:00:00.000Z',
    })
  })

  it('sends while more than the reserve is left, and below it answers from the cache with its age, or refuses', async () => {
    // 600 − 538 = 62 left, 60 kept: two requests may go, the third would eat into the reserve.
    const ledger = fakeLedger({ limit: 600, reserve: 60, used: 538 })
    let clock = now
    const session = createSessionBudget({ readBudget: ledger.read, now: () => clock })
    const ask = (key: string) =>
      session.answer({ key, account: 'work', spends: true, cacheable: true, run: ledger.spend(1, { key }) })
    expect((await ask('a')).budget.remainingThisHour).toBe(61)
    expect((await ask('b')).budget.remainingThisHour).toBe(60)
    expect(await refusalOf(ask('c'))).toEqual({
      code: 'BUDGET_EXHAUSTED',
      message:
        'Account work has 60 requests left this hour, the 60 kept for the window and the tray; it resets at 2026-11-23T15:00:00.000Z.',
      resetsAt: '2026-11-23T15:00:00.000Z',
    })
    clock += 95_000
    expect(await ask('a')).toEqual({
      value: { key: 'a' },
      budget: {
        cost: 0,
        remainingThisHour: 60,
        sessionRemaining: null,
        resetsAt: '2026-11-23T15:00:00.000Z',
        cached: { fetchedAt: '2026-11-23T14:30:00.000Z', ageSeconds: 95 },
      },
    })
    expect(ledger.state.used).toBe(540)
  })

  it('never answers a write from the cache', async () => {
    const ledger = fakeLedger({ limit: 10, reserve: 1, used: 8 })
    const session = createSessionBudget({ readBudget: ledger.read, now: () => now })
    const write = () =>
      session.answer({ key: 'w', account: 'work', spends: true, cacheable: false, run: ledger.spend(1) })
    await write()
    expect((await refusalOf(write())).code).toBe('BUDGET_EXHAUSTED')
  })

  it('refuses at 0 left with the reset time, whatever the reserve', async () => {
    const ledger = fakeLedger({ limit: 10, reserve: 0, used: 10 })
    const session = createSessionBudget({ readBudget: ledger.read, now: () => now })
    expect(
      await refusalOf(
        session.answer({ key: 'a', account: 'work', spends: true, cacheable: true, run: ledger.spend(1) }),
      ),
    ).toEqual({
      code: 'BUDGET_EXHAUSTED',
      message: 'Account work has no API budget left this hour; it resets at 2026-11-23T15:00:00.000Z.',
      resetsAt: '2026-11-23T15:00:00.000Z',
    })
  })

  it('answers calls that send nothing even past the cap, with no budget when none can be read', async () => {
    const session = createSessionBudget({
      maxRequests: 1,
      readBudget: () => Promise.reject(new PlausibleError('NO_ACCOUNT')),
      now: () => now,
    })
    expect(
      await session.answer({
        key: 'x',
        account: undefined,
        spends: false,
        cacheable: true,
        run: async () => 'ok',
      }),
    ).toEqual({
      value: 'ok',
      budget: { cost: 0, remainingThisHour: null, sessionRemaining: 1, resetsAt: null, cached: null },
    })
  })

  it('measures one spending call at a time, so two at once do not count each other', async () => {
    const ledger = fakeLedger({ limit: 600, reserve: 60 })
    const session = createSessionBudget({ readBudget: ledger.read, now: () => now })
    const slow = (key: string) =>
      session.answer({
        key,
        account: 'work',
        spends: true,
        cacheable: true,
        run: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5))
          ledger.state.used += 1
          return key
        },
      })
    const answers = await Promise.all([slow('a'), slow('b')])
    expect(answers.map((answer) => answer.budget.cost)).toEqual([1, 1])
  })
})
