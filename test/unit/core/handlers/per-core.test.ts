// What a core shares between the handlers of every priority and its long-running host: made once per core.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import { createPerCore } from '../../../../src/core/per-core'
import { reportSchedulesOf, startReportSchedules } from '../../../../src/core/handlers/report-schedules'

const cores: Core[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
})

async function core(): Promise<Core> {
  const opened = await openCore({
    configDir: mkdtempSync(join(tmpdir(), 'per-core-')),
    env: { PLAUSIBLE_SECRET_STORE: 'file' },
    deliverJournal: false,
  })
  cores.push(opened)
  return opened
}

describe('per-core services', () => {
  it('are one per core, whichever priority asks, and another core has its own', async () => {
    const first = await core()
    const store = reportSchedulesOf(first.handlerDeps('background'))
    expect(reportSchedulesOf(first.handlerDeps('cli'))).toBe(store)
    expect(reportSchedulesOf(first.handlerDeps('interactive'))).toBe(store)
    expect(reportSchedulesOf((await core()).handlerDeps('background'))).not.toBe(store)
  })

  it("start the scheduled reports' minute check of the store the handlers use, before any call", async () => {
    const opened = await core()
    const store = reportSchedulesOf(opened.handlerDeps('background'))
    const runDue = vi
      .spyOn(store, 'runDue')
      .mockResolvedValue({ ran: true, written: [], failed: [] } as never)
    const stop = startReportSchedules(opened)
    expect(runDue).toHaveBeenCalledTimes(1)
    stop()
  })
})

describe('createPerCore', () => {
  it('makes a key’s value on the first ask only, keeps keys apart, and shares nothing between memos', () => {
    const perCore = createPerCore()
    const make = vi.fn(() => ({ made: true }))
    const first = perCore('overview', make)
    expect(perCore('overview', make)).toBe(first)
    expect(make).toHaveBeenCalledTimes(1)
    expect(perCore('siteIcons', () => 'icons')).toBe('icons')
    expect(createPerCore()('overview', () => 'another core')).toBe('another core')
  })
})
