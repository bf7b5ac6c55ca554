import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createReportSchedules } from '../../../../src/core/report/report-schedules'
import type { ReportRequest } from '../../../../src/core/report/build-report'
import { PlausibleError } from '../../../../src/shared/errors'
import { sampleReport } from '../../../helpers/report-fixture'

let dir: string
let folder: string
let now: number
let builds: ReportRequest[]
let failNext: PlausibleError | null

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-schedules-'))
  folder = join(dir, 'reports')
  mkdirSync(folder)
  builds = []
  failNext = null
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function store() {
  return createReportSchedules({
    configDir: dir,
    clock: () => now,
    localTimeZone: () => 'UTC',
    build: async (request) => {
      builds.push(request)
      if (failNext) throw failNext
      return sampleReport
    },
  })
}

describe('scheduled reports', () => {
  it('writes a weekly report once when the week starts, then once after a missed run', async () => {
    now = Date.parse('2026-11-18T10:00:00Z') // a Wednesday
    const schedules = store()
    const { schedule } = await schedules.add({
      cadence: 'weekly',
      scope: 'site',
      site: 'shop.example.com',
      folder,
    })
    expect(schedule.since).toBe('2026-11-16')
    expect((await schedules.runDue()).written).toEqual([])

    now = Date.parse('2026-11-22T23:59:59Z')
    expect((await schedules.runDue()).written).toEqual([])
    now = Date.parse('2026-11-23T00:00:00Z')
    const first = await schedules.runDue()
    const file = join(folder, 'shop.example.com-weekly-2026-11-16.html')
    expect(first.written).toEqual([{ id: schedule.id, path: file }])
    expect(builds).toEqual([
      {
        scope: { kind: 'site', site: 'shop.example.com' },
        period: { key: 'custom', from: '2026-11-16', to: '2026-11-22' },
      },
    ])
    expect(readFileSync(file, 'utf8')).toContain('<title>Report for shop.example.com</title>')
    expect((await schedules.runDue()).written).toEqual([])

    // Off for three weeks: one report, of the last full week.
    now = Date.parse('2026-12-16T08:00:00Z')
    expect((await schedules.runDue()).written.map((entry) => entry.path)).toEqual([
      join(folder, 'shop.example.com-weekly-2026-12-07.html'),
    ])
    expect((await schedules.runDue()).written).toEqual([])
    expect(builds).toHaveLength(2)
    expect(readdirSync(folder).sort()).toEqual([
      'shop.example.com-weekly-2026-11-16.html',
      'shop.example.com-weekly-2026-12-07.html',
    ])
  })

  it('keeps its state in a 0600 file and reads it back in a new process', async () => {
    now = Date.parse('2026-11-18T10:00:00Z')
    await store().add({ cadence: 'monthly', scope: 'all-accounts', folder, format: 'md' })
    expect(statSync(join(dir, 'report-schedules.json')).mode & 0o777).toBe(0o600)
    now = Date.parse('2026-12-01T00:00:00Z')
    const result = await store().runDue()
    expect(result.written.map((entry) => entry.path)).toEqual([join(folder, 'all-sites-monthly-2026-11.md')])
    expect((await store().list()).runs[result.written[0]!.id]).toMatchObject({
      periodStart: '2026-12-01',
      error: null,
    })
  })

  it('retries a run that wrote nothing an hour later, not every minute', async () => {
    now = Date.parse('2026-11-18T10:00:00Z')
    const schedules = store()
    await schedules.add({ cadence: 'weekly', scope: 'account', folder })
    now = Date.parse('2026-11-23T00:00:00Z')
    failNext = new PlausibleError('BUDGET_EXHAUSTED', { message: 'The hour is spent.' })
    expect((await schedules.runDue()).failed).toEqual([
      expect.objectContaining({ code: 'BUDGET_EXHAUSTED', message: 'The hour is spent.' }),
    ])
    failNext = null
    now = Date.parse('2026-11-23T00:59:59Z')
    expect((await schedules.runDue()).written).toEqual([])
    now = Date.parse('2026-11-23T01:00:00Z')
    expect((await schedules.runDue()).written).toHaveLength(1)
  })

  it('refuses a folder that does not exist, by its path', async () => {
    now = Date.parse('2026-11-18T10:00:00Z')
    await expect(
      store().add({ cadence: 'weekly', scope: 'account', folder: join(dir, 'nope') }),
    ).rejects.toThrow(`The report folder ${join(dir, 'nope')} does not exist or is not a folder.`)
  })

  it('removes a schedule by id and says so for an unknown one', async () => {
    now = Date.parse('2026-11-18T10:00:00Z')
    const schedules = store()
    const { schedule } = await schedules.add({ cadence: 'weekly', scope: 'account', folder })
    expect((await schedules.remove(schedule.id)).schedules).toEqual([])
    await expect(schedules.remove(schedule.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
