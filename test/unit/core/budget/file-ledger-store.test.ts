import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLedgerStore } from '../../../../src/core/budget/file-ledger-store'
import { createLedger, type BudgetAccount } from '../../../../src/core/budget/ledger'

const at = Date.parse('2026-11-23T10:15:00Z')
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
    expect(readdirSync(dir).sort()).toEqual(['usage.json', 'usage.json.corrupt-2026-11-23T10-15-00-000Z'])
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
})
