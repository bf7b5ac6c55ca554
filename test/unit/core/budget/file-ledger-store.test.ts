import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLedgerStore } from '../../../../src/core/budget/file-ledger-store'
import { createLedger, type BudgetAccount } from '../../../../src/core/budget/ledger'
import { ledgerHistoryCases } from '../../../helpers/ledger-history-cases'

const at = Date.parse('2026-11-23T10:15:00Z')

/** The folder's files but the lock's holder file this process keeps while it lives (file-lock.ts). */
const filesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => !new RegExp(`^\\.usage\\.json\\.lock\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`).test(name))
    .sort()
const work: BudgetAccount = { id: 'b1', alias: 'work', hourlyLimit: 50, dailyLimit: null }

describe('file ledger store', () => {
  it('lets two stores on one usage.json grant exactly the hourly limit between them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'usage.json')
    const ledgers = [0, 1].map(() =>
      createLedger({ store: createFileLedgerStore({ path }), clock: () => at }),
    )
    const grants = await Promise.all(
      Array.from({ length: 80 }, (_, index) => ledgers[index % 2]!.reserve(work, 'cli')),
    )
    expect(grants.filter((grant) => grant.granted)).toHaveLength(50)
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      budgets: Record<string, { usedThisHour: number }>
    }
    expect(file.budgets.b1?.usedThisHour).toBe(50)
  })

  it('counts every request of two stores taking turns, each writing its own file in place between', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'usage.json')
    const [first, second] = [0, 1].map(() =>
      createLedger({ store: createFileLedgerStore({ path }), clock: () => at }),
    ) as [ReturnType<typeof createLedger>, ReturnType<typeof createLedger>]
    const turns = [first, first, first, second, second, first, second, first, first]
    for (const ledger of turns) await ledger.reserve(work, 'cli')
    expect((await first.snapshot(work)).usedThisHour).toBe(turns.length)
    expect((await second.snapshot(work)).usedThisHour).toBe(turns.length)
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      budgets: Record<string, { usedThisHour: number }>
    }
    expect(file.budgets.b1?.usedThisHour).toBe(turns.length)
  })

  it('moves a corrupt usage.json aside and reports it instead of silently starting over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'))
    const path = join(dir, 'usage.json')
    writeFileSync(path, '{"version": 1, "budgets": {"b1": {"usedThisHour": ')
    const reports: Array<{ movedTo: string; reason: string }> = []
    const store = createFileLedgerStore({ path, now: () => at, onCorrupt: (report) => reports.push(report) })
    const ledger = createLedger({ store, clock: () => at })
    expect(await ledger.reserve(work, 'cli')).toEqual({ granted: true })
    expect(reports).toEqual([
      { path, movedTo: `${path}.corrupt-2026-11-23T10-15-00-000Z`, reason: 'it is not valid JSON' },
    ])
    expect(readFileSync(reports[0]!.movedTo, 'utf8')).toBe(
      '{"version": 1, "budgets": {"b1": {"usedThisHour": ',
    )
    expect(filesIn(dir)).toEqual(['usage.json', 'usage.json.corrupt-2026-11-23T10-15-00-000Z'])
  })

  it('counts on from usage.json.prev when a crash came between its two renames, and leaves one file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'))
    const path = join(dir, 'usage.json')
    const ledger = createLedger({ store: createFileLedgerStore({ path }), clock: () => at })
    for (let i = 0; i < 3; i++) await ledger.reserve(work, 'cli')
    expect(filesIn(dir)).toEqual(['usage.json'])
    // The old file stepped aside, and the process died before the new one took its name.
    renameSync(path, `${path}.prev`)
    expect((await ledger.snapshot(work)).usedThisHour).toBe(3)
    expect(await ledger.reserve(work, 'cli')).toEqual({ granted: true })
    expect((await ledger.snapshot(work)).usedThisHour).toBe(4)
    expect(filesIn(dir)).toEqual(['usage.json'])
  })

  it('reads a usage.json written before sources were counted, as zero per source, and counts on from it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'usage.json')
    const old = {
      version: 1,
      budgets: {
        b1: {
          hourStart: Date.parse('2026-11-23T10:00:00Z'),
          usedThisHour: 7,
          day: '2026-11-23',
          usedToday: 30,
          pausedUntil: null,
          lastPausedAt: null,
        },
      },
    }
    writeFileSync(path, JSON.stringify(old))
    const reports: unknown[] = []
    const ledger = createLedger({
      store: createFileLedgerStore({ path, onCorrupt: (report) => reports.push(report) }),
      clock: () => at,
    })
    const before = await ledger.snapshot(work)
    expect(before).toMatchObject({
      usedThisHour: 7,
      usedToday: 30,
      thisHourBySource: { interactive: 0, cli: 0, background: 0, tray: 0 },
    })
    expect(before.hours?.every((hour) => Object.values(hour.bySource).every((count) => count === 0))).toBe(
      true,
    )
    expect(await ledger.reserve(work, 'tray')).toEqual({ granted: true })
    expect(await ledger.snapshot(work)).toMatchObject({
      usedThisHour: 8,
      usedToday: 31,
      thisHourBySource: { interactive: 0, cli: 0, background: 0, tray: 1 },
    })
    expect(reports).toEqual([])
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      budgets: Record<string, { hours: unknown }>
    }
    expect(file.budgets.b1?.hours).toEqual([
      {
        hourStart: Date.parse('2026-11-23T10:00:00Z'),
        bySource: { interactive: 0, cli: 0, background: 0, tray: 1 },
      },
    ])
  })

  it('forgets the counts of a removed account and keeps the others', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'usage.json')
    const ledger = createLedger({ store: createFileLedgerStore({ path }), clock: () => at })
    const home: BudgetAccount = { id: 'b2', alias: 'home', hourlyLimit: 50, dailyLimit: null }
    await ledger.reserve(work, 'cli')
    await ledger.reserve(home, 'cli')
    await ledger.forget(work)
    const file = JSON.parse(readFileSync(path, 'utf8')) as { budgets: Record<string, unknown> }
    expect(Object.keys(file.budgets)).toEqual(['b2'])
    expect((await ledger.snapshot(work)).usedThisHour).toBe(0)
    expect((await ledger.snapshot(home)).usedThisHour).toBe(1)
  })
  it('fails a step with CONFIG_DIR naming the path when its folder cannot hold the ledger', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'not-a-folder')
    writeFileSync(file, '')
    const ledger = createLedger({
      store: createFileLedgerStore({ path: join(file, 'usage.json') }),
      clock: () => at,
    })
    await expect(ledger.reserve(work, 'cli')).rejects.toMatchObject({
      code: 'CONFIG_DIR',
      message: `The config folder ${file} cannot be used: a file is in the way (EEXIST).`,
    })
  })

  describe('file ledger store: requests by source over 24 hours', () => {
    ledgerHistoryCases(() =>
      createFileLedgerStore({ path: join(mkdtempSync(join(tmpdir(), 'ledger-')), 'usage.json') }),
    )
  })
})
