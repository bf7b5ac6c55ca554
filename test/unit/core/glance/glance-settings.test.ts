import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/core/dispatch'
import { openGlance } from '../../../../src/core/glance/glance'
import { defaultGlanceSettings, openGlanceSettings } from '../../../../src/core/glance/glance-settings'
import { createService } from '../../../../src/core/service'
import type { HandlerDeps } from '../../../../src/core/handlers/types'

const now = Date.parse('2026-11-22T13:20:00.000Z')

describe('glance.json', () => {
  it('keeps pins, alerts and tray preferences across a restart, and tells listeners of each change', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'plausible-glance-')), 'glance.json')
    const first = openGlanceSettings({ path, now: () => now })
    const heard: boolean[] = []
    first.onChange((settings) => heard.push(settings.tray.calm))
    await first.setPins([{ account: 'work', site: 'example.com' }])
    await first.updateAlerts({ quietHours: { start: '22:00', end: '07:00' } })
    await first.updateTray({ calm: true })
    expect(heard).toEqual([false, false, true])

    const second = openGlanceSettings({ path, now: () => now })
    expect(second.read()).toEqual({
      ...defaultGlanceSettings(),
      pins: [{ account: 'work', site: 'example.com' }],
      alerts: { ...defaultGlanceSettings().alerts, quietHours: { start: '22:00', end: '07:00' } },
      tray: { ...defaultGlanceSettings().tray, calm: true },
    })
  })

  it('drops the alert lines of a site that is unpinned, in the same write', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'plausible-glance-')), 'glance.json')
    const settings = openGlanceSettings({ path, now: () => now })
    const shop = { account: 'work', site: 'shop.example.com' }
    const blog = { account: 'work', site: 'blog.example.com' }
    await settings.setPins([shop, blog])
    await settings.updateAlerts({
      rules: [
        { ...shop, spikeAt: 50, dropBelow: 2 },
        { ...blog, spikeAt: 20, dropBelow: null },
      ],
    })
    const writes: number[] = []
    settings.onChange((next) => writes.push(next.alerts.rules.length))
    await settings.setPins([shop])
    expect(writes).toEqual([1])
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { alerts: { rules: unknown[] } }
    expect(stored.alerts.rules).toEqual([{ ...shop, spikeAt: 50, dropBelow: 2 }])
  })

  it('moves a file of the wrong shape aside, reports it and starts from the defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-glance-'))
    writeFileSync(join(dir, 'glance.json'), '{"version":1,"pins":"example.com"}')
    const warnings: string[] = []
    const glance = openGlance({
      configDir: dir,
      now: () => now,
      onWarning: (message) => warnings.push(message),
    })
    expect(glance.settings.read()).toEqual(defaultGlanceSettings())
    const movedTo = join(dir, 'glance.json.corrupt-2026-11-22T13-20-00-000Z')
    expect(warnings).toEqual([
      `${join(dir, 'glance.json')} could not be read (it does not have the expected shape); it was moved to ${movedTo} and a fresh one was started.`,
    ])
    expect(readFileSync(movedTo, 'utf8')).toBe('{"version":1,"pins":"example.com"}')
  })
})

describe('pins.*, alerts.*, tray.* and realtime.history through the contract', () => {
  async function handlers() {
    const configDir = mkdtempSync(join(tmpdir(), 'plausible-glance-'))
    const glance = openGlance({ configDir, now: () => now })
    // The service builds every domain's handlers; the report schedules keep theirs per ledger and folder.
    const deps = {
      glance,
      configDir,
      budget: {},
      clock: () => now,
      accounts: { resolve: async () => ({ alias: 'work' }) },
    } as unknown as HandlerDeps
    return { glance, handlers: createService(deps) }
  }

  it('sets and lists pins, and refuses the same site pinned twice with a one-line message', async () => {
    const { handlers: service } = await handlers()
    const pins = [{ account: 'work', site: 'example.com' }]
    expect(await dispatch(service, 'pins.set', { pins })).toEqual({ ok: true, value: { pins } })
    expect(await dispatch(service, 'pins.list', {})).toEqual({ ok: true, value: { pins } })
    expect(await dispatch(service, 'pins.set', { pins: [...pins, ...pins] })).toMatchObject({
      ok: false,
      error: {
        code: 'USAGE',
        message: 'Invalid input for pins.set: pins: A site is pinned once per account.',
      },
    })
  })

  it('changes only the alert fields given, and names the fix for a bad time of day', async () => {
    const { handlers: service } = await handlers()
    expect(await dispatch(service, 'alerts.set', { maxPerHour: 2 })).toEqual({
      ok: true,
      value: { enabled: true, rules: [], quietHours: null, maxPerHour: 2 },
    })
    expect(
      await dispatch(service, 'alerts.set', { quietHours: { start: '25:00', end: '07:00' } }),
    ).toMatchObject({
      ok: false,
      error: {
        message:
          'Invalid input for alerts.set: quietHours.start: A time of day is HH:MM (24-hour), e.g. 22:00.',
      },
    })
  })

  it('answers tray preferences with the polling status of this process (none without a tray)', async () => {
    const { handlers: service } = await handlers()
    expect(await dispatch(service, 'tray.set', { startAtLogin: true })).toEqual({
      ok: true,
      value: { settings: { startAtLogin: true, calm: false, isPollingPaused: false }, polling: [] },
    })
  })

  it('answers the history of the default account when none is named', async () => {
    const { glance, handlers: service } = await handlers()
    glance.history.record('work', 'example.com', 7, now - 60_000)
    expect(await dispatch(service, 'realtime.history', { site: 'example.com' })).toEqual({
      ok: true,
      value: {
        account: 'work',
        site: 'example.com',
        recent: [{ at: '2026-11-22T13:19:00.000Z', visitors: 7 }],
        day: [{ at: '2026-11-22T13:15:00.000Z', min: 7, max: 7, mean: 7, samples: 1 }],
        bucketMs: 300_000,
      },
    })
  })
})
