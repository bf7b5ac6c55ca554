import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBudgetWaitReporter, describeWait, formatLeft } from '../../../src/cli/budget-wait'
import { createLogger } from '../../../src/cli/log'
import type { WaitNotice } from '../../../src/core/queue/wait-notice'

type Waiting = Extract<WaitNotice, { phase: 'waiting' }>

const now = Date.parse('2026-11-23T10:15:00Z')
const hourSpent: Waiting = {
  phase: 'waiting',
  account: 'work',
  reason: 'hour',
  until: Date.parse('2026-11-23T11:00:00Z'),
  hourlyLimit: 600,
  dailyLimit: null,
}
const noWait = 'run with --no-wait to fail at once instead (exit code 5).'

let savedTz: string | undefined
beforeAll(() => {
  savedTz = process.env.TZ
  process.env.TZ = 'Europe/Berlin'
})
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ
  else process.env.TZ = savedTz
})

describe('describeWait', () => {
  it('says what the request waits for and until when, in local time and UTC', () => {
    expect(describeWait(hourSpent, now)).toBe(
      `Waiting for the API budget: account "work" used all 600 requests of this UTC hour. Trying again at 12:00:00 local time (11:00:00 UTC); ${noWait}`,
    )
  })

  it('names a pause after a 429, the reserve and the daily cap', () => {
    expect(describeWait({ ...hourSpent, reason: 'paused' }, now)).toContain(
      'the server refused account "work" with 429',
    )
    expect(describeWait({ ...hourSpent, reason: 'reserve' }, now)).toContain(
      'account "work" has only its interactive reserve left this UTC hour',
    )
    expect(describeWait({ ...hourSpent, reason: 'day', dailyLimit: 5000 }, now)).toContain(
      'account "work" used all 5000 requests of its daily cap',
    )
    expect(describeWait({ ...hourSpent, hourlyLimit: 1 }, now)).toContain(
      'used the 1 request of this UTC hour',
    )
  })

  it('adds the date when the retry falls on another day, in each time zone on its own', () => {
    // 22:30 UTC is 23:30 in Berlin: the top of the hour is the next day in Berlin, the same day in UTC.
    const late = Date.parse('2026-11-23T22:30:00Z')
    expect(describeWait({ ...hourSpent, until: Date.parse('2026-11-23T23:00:00Z') }, late)).toContain(
      'Trying again at 2026-11-24 00:00:00 local time (23:00:00 UTC)',
    )
  })
})

describe('formatLeft', () => {
  it.each([
    [0, '0:00'],
    [-5_000, '0:00'],
    [1, '0:01'],
    [59_000, '0:59'],
    [59_001, '1:00'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatLeft(ms)).toBe(text)
  })
})

/** A stderr that records writes, and timers driven by hand. */
function terminal(isTTY: boolean) {
  const writes: string[] = []
  const ticks: Array<() => void> = []
  let clock = now
  let cleared = 0
  const reporter = createBudgetWaitReporter({
    stderr: { isTTY, write: (chunk: string) => (writes.push(chunk), true) } as never,
    now: () => clock,
    setInterval: (tick) => {
      ticks.push(tick)
      return {}
    },
    clearInterval: () => void (cleared += 1),
  })
  return {
    reporter,
    writes,
    tick: (ms: number) => {
      clock += ms
      for (const tick of ticks) tick()
    },
    cleared: () => cleared,
  }
}

describe('the budget wait reporter', () => {
  // After beforeAll has set the time zone.
  const line = (): string => `${describeWait(hourSpent, now)}\n`

  it('on a terminal: the line, then a countdown redrawn in place, cleared when the wait ends', () => {
    const { reporter, writes, tick, cleared } = terminal(true)
    reporter.listener(hourSpent)
    tick(1000)
    tick(1000)
    reporter.listener({ phase: 'resumed', account: 'work' })
    expect(writes).toEqual([
      line(),
      '\r\u001b[2K  45:00 left to wait (Ctrl-C to stop)',
      '\r\u001b[2K  44:59 left to wait (Ctrl-C to stop)',
      '\r\u001b[2K  44:58 left to wait (Ctrl-C to stop)',
      '\r\u001b[2K',
    ])
    expect(cleared()).toBe(1)
  })

  it('reads stderr only when a wait is told: a command that never waits never makes process.stderr', () => {
    let reads = 0
    const writes: string[] = []
    const stderr = { isTTY: false, write: (chunk: string) => (writes.push(chunk), true) }
    const reporter = createBudgetWaitReporter({
      get stderr() {
        reads += 1
        return stderr as never
      },
      now: () => now,
    })
    reporter.stop()
    expect(reads).toBe(0)
    reporter.listener(hourSpent)
    expect(reads).toBeGreaterThan(0)
    expect(writes).toEqual([line()])
  })

  it('in a pipe: the one line, no countdown', () => {
    const { reporter, writes, tick } = terminal(false)
    reporter.listener(hourSpent)
    tick(1000)
    reporter.listener({ phase: 'resumed', account: 'work' })
    reporter.stop()
    expect(writes).toEqual([line()])
  })

  it('says a wait shared by several requests once, and clears only when the last one resumes', () => {
    const { reporter, writes } = terminal(true)
    reporter.listener(hourSpent)
    reporter.listener(hourSpent)
    reporter.listener({ phase: 'resumed', account: 'work' })
    expect(writes.filter((write) => write === '\r\u001b[2K')).toEqual([])
    reporter.listener({ phase: 'resumed', account: 'work' })
    expect(writes.filter((write) => write === line())).toHaveLength(1)
    expect(writes.at(-1)).toBe('\r\u001b[2K')
  })

  it('clears a countdown still on screen when the command ends', () => {
    const { reporter, writes, cleared } = terminal(true)
    reporter.listener(hourSpent)
    reporter.stop()
    expect(writes.at(-1)).toBe('\r\u001b[2K')
    expect(cleared()).toBe(1)
  })

  it('under --log json: one log line with the reset time, no text and no countdown', () => {
    const writes: string[] = []
    const stream = { isTTY: true, write: (chunk: string) => (writes.push(chunk), true) } as never
    const reporter = createBudgetWaitReporter({
      stderr: stream,
      now: () => now,
      log: createLogger({ stream, format: 'json', clock: () => now }),
    })
    reporter.listener(hourSpent)
    expect(writes.map((write) => JSON.parse(write) as unknown)).toEqual([
      {
        at: '2026-11-23T10:15:00.000Z',
        level: 'debug',
        event: 'budget.wait',
        account: 'work',
        reason: 'hour',
        until: '2026-11-23T11:00:00.000Z',
        message: describeWait(hourSpent, now),
      },
    ])
  })
})
