import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeTray, resetElectronFake, type FakeNativeImage } from '../../helpers/electron-mock'
import { createFakeHandlers, sampleOutputs } from '../../helpers/contract-samples'
import { openGlance, type Glance } from '../../../src/core/glance/glance'
import { trayIconStates } from '../../../src/core/glance/tray-model'
import { pngSize } from '../../../src/core/glance/png'
import { PlausibleError } from '../../../src/shared/errors'
import type { ContractHandlers } from '../../../src/shared/contract'
import { createVirtualTime } from './virtual-time'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
const { createTray, resolveTrayIconDir, trayIconFileName } = await import('../../../src/main/tray')

const iconDir = resolve('build/tray')
const now = Date.parse('2026-11-22T13:20:00.000Z')
const trays: Array<{ destroy(): void }> = []

beforeEach(() => resetElectronFake())
afterEach(() => {
  for (const tray of trays.splice(0)) tray.destroy()
})

async function start(
  options: {
    handlers?: ContractHandlers
    glance?: Glance
    platform?: NodeJS.Platform
    onOpen?: (target?: unknown) => void
    onQuit?: () => void
    onNotify?: (alert: unknown) => void
  } = {},
) {
  const time = createVirtualTime(now)
  const glance =
    options.glance ?? openGlance({ configDir: mkdtempSync(join(tmpdir(), 'plausible-tray-')), now: time.now })
  const tray = createTray({
    handlers: options.handlers ?? createFakeHandlers().handlers,
    glance,
    onOpen: options.onOpen ?? (() => {}),
    onQuit: options.onQuit ?? (() => {}),
    ...(options.onNotify ? { onNotify: options.onNotify } : {}),
    clock: time.now,
    timers: time,
    iconDir,
    platform: options.platform ?? 'linux',
  })
  trays.push(tray)
  await tray.idle()
  const painted = FakeTray.instances.at(-1)
  if (!painted) throw new Error('no tray')
  return { tray, painted, glance, time }
}

const labelsOf = (painted: FakeTray) =>
  painted.menu!.template.map((item) => (item.type === 'separator' ? '—' : item.label))

function click(painted: FakeTray, label: string): void {
  const item = painted.menu!.template.find((entry) => entry.label === label)
  if (!item) throw new Error(`no menu item ${label}`)
  ;(item.click as () => void)()
}

describe('createTray', () => {
  it("paints the pinned site's visitors and the budget as the title on macOS", async () => {
    const { painted } = await start({ platform: 'darwin' })
    expect(painted.title).toBe('12 · 540/600')
    expect(painted.image.path).toBe(join(iconDir, 'tray-normalTemplate.png'))
    expect(painted.image.isTemplate).toBe(true)
    expect(painted.tooltip).toBe(
      'Plausible Desktop\nexample.com: 12 current visitors\n540 of 600 API requests left · resets 14:00 UTC',
    )
  })

  it('draws the count into a 32 px icon at scale 2 where no title is shown, and no title', async () => {
    const { painted } = await start({ platform: 'linux' })
    const image = painted.image as FakeNativeImage
    expect(image.scaleFactor).toBe(2)
    expect(pngSize(image.buffer!)).toEqual({ width: 32, height: 32 })
    expect(painted.title).toBe('')
  })

  it("with nothing pinned, pins the default account's first site and polls it at tray priority without waiting", async () => {
    const fake = createFakeHandlers()
    await start({ handlers: fake.handlers })
    expect(fake.received.filter((call) => call.name !== 'accounts.list')).toEqual([
      { name: 'budget.status', input: { account: 'work' } },
      { name: 'sites.list', input: { account: 'work', wait: false } },
      { name: 'budget.status', input: { account: 'work' } },
      { name: 'stats.realtime', input: { account: 'work', site: 'example.com', wait: false } },
      { name: 'budget.status', input: { account: 'work' } },
    ])
  })

  it('polls every pinned site across accounts and lists each in the menu', async () => {
    const fake = createFakeHandlers({
      'stats.realtime': async ({ site }) => ({ site, visitors: site === 'example.com' ? 12 : 3 }),
      'accounts.list': async () => ({
        accounts: [
          { ...sampleOutputs['accounts.list'].accounts[0]! },
          { ...sampleOutputs['accounts.list'].accounts[0]!, alias: 'client-a', isDefault: false },
        ],
      }),
    })
    const glance = openGlance({
      configDir: mkdtempSync(join(tmpdir(), 'plausible-tray-')),
      now: () => now,
    })
    await glance.settings.setPins([
      { account: 'work', site: 'example.com' },
      { account: 'client-a', site: 'shop.example.org' },
    ])
    const { painted } = await start({ handlers: fake.handlers, glance })
    expect(fake.received.filter((call) => call.name === 'stats.realtime').map((call) => call.input)).toEqual([
      { account: 'work', site: 'example.com', wait: false },
      { account: 'client-a', site: 'shop.example.org', wait: false },
    ])
    expect(labelsOf(painted).slice(0, 2)).toEqual([
      'example.com (work): 12 current visitors',
      'shop.example.org (client-a): 3 current visitors',
    ])
    expect(fake.received.some((call) => call.name === 'sites.list')).toBe(false)
  })

  it('polls again when the cadence says so: 60 s later for one site at the top of the budget', async () => {
    const fake = createFakeHandlers()
    const { tray, time } = await start({ handlers: fake.handlers })
    const realtime = () => fake.received.filter((call) => call.name === 'stats.realtime').length
    expect(realtime()).toBe(1)
    await time.advanceTo(now + 59_000, tray.idle)
    expect(realtime()).toBe(1)
    await time.advanceTo(now + 60_000, tray.idle)
    expect(realtime()).toBe(2)
  })

  it('stops asking for realtime when the tray share of the hour is spent, and says until when', async () => {
    const fake = createFakeHandlers({
      'budget.status': async () => ({
        ...sampleOutputs['budget.status'],
        usedThisHour: 590,
        remainingThisHour: 10,
        reservedForInteractive: 60,
      }),
    })
    const glance = openGlance({
      configDir: mkdtempSync(join(tmpdir(), 'plausible-tray-')),
      now: () => now,
    })
    await glance.settings.setPins([{ account: 'work', site: 'example.com' }])
    const { painted } = await start({ handlers: fake.handlers, glance })
    expect(fake.received.some((call) => call.name === 'stats.realtime')).toBe(false)
    expect(labelsOf(painted)).toContain(
      "Polling paused until 14:00 UTC: the tray's share of this hour is spent",
    )
    expect(painted.tooltip).toContain('10 of 600 API requests left')
  })

  it('shows the error icon and the error in the tooltip when the core fails', async () => {
    const fake = createFakeHandlers({
      'accounts.list': async () => {
        throw new PlausibleError('NETWORK')
      },
    })
    const { painted } = await start({ handlers: fake.handlers, platform: 'darwin' })
    expect(painted.image.path).toBe(join(iconDir, 'tray-errorTemplate.png'))
    expect(painted.tooltip).toBe(
      'Plausible Desktop\nThe Plausible server could not be reached. Check the network and the base URL of the account.',
    )
  })

  it('wires open, settings, quit and a pinned site to the window', async () => {
    const onOpen = vi.fn()
    const onQuit = vi.fn()
    const { painted } = await start({ onOpen, onQuit })
    click(painted, 'Open Dashboard')
    click(painted, 'Settings…')
    click(painted, 'example.com: 12 current visitors')
    click(painted, 'Quit')
    expect(onOpen.mock.calls).toEqual([[], ['settings'], [{ account: 'work', site: 'example.com' }]])
    expect(onQuit).toHaveBeenCalledOnce()
  })

  it('pauses polling from the menu (kept in the preferences) and resumes it', async () => {
    const fake = createFakeHandlers({
      'tray.set': async (change) => ({
        settings: (await glance.settings.updateTray(change)).tray,
        polling: [],
      }),
    })
    const glance = openGlance({
      configDir: mkdtempSync(join(tmpdir(), 'plausible-tray-')),
      now: () => now,
    })
    const { tray, painted, time } = await start({ handlers: fake.handlers, glance })
    click(painted, 'Pause Polling')
    await vi.waitFor(() => expect(labelsOf(painted)).toContain('Resume Polling'))
    expect(glance.settings.read().tray.isPollingPaused).toBe(true)
    const before = fake.received.filter((call) => call.name === 'stats.realtime').length
    await time.advanceTo(now + 10 * 60_000, tray.idle)
    expect(fake.received.filter((call) => call.name === 'stats.realtime').length).toBe(before)
    click(painted, 'Resume Polling')
    await vi.waitFor(() => expect(labelsOf(painted)).toContain('Pause Polling'))
    await time.advanceTo(now + 11 * 60_000, tray.idle)
    expect(fake.received.filter((call) => call.name === 'stats.realtime').length).toBe(before + 1)
  })

  it('repaints with directions at once when calm mode is turned on', async () => {
    const { painted, glance } = await start({ platform: 'darwin' })
    await glance.settings.updateTray({ calm: true })
    expect(painted.title).toBe('· · 540/600')
    expect(labelsOf(painted)[0]).toBe('example.com: · waiting for a trend')
  })

  it('notifies a spike crossing from the poller', async () => {
    let visitors = 12
    const fake = createFakeHandlers({ 'stats.realtime': async ({ site }) => ({ site, visitors }) })
    const glance = openGlance({
      configDir: mkdtempSync(join(tmpdir(), 'plausible-tray-')),
      now: () => now,
    })
    await glance.settings.setPins([{ account: 'work', site: 'example.com' }])
    await glance.settings.updateAlerts({
      rules: [{ account: 'work', site: 'example.com', spikeAt: 40, dropBelow: null }],
    })
    const onNotify = vi.fn()
    const { tray, time } = await start({ handlers: fake.handlers, glance, onNotify })
    visitors = 45
    await time.advanceTo(now + 60_000, tray.idle)
    expect(onNotify.mock.calls).toEqual([
      [
        {
          account: 'work',
          site: 'example.com',
          kind: 'spike',
          title: 'Spike on example.com',
          body: '45 current visitors (alert at 40).',
        },
      ],
    ])
  })

  it('removes the tray icon and its timer when destroyed', async () => {
    const { tray, painted, time } = await start()
    tray.destroy()
    expect(painted.destroyed).toBe(true)
    expect(time.pending()).toBe(0)
  })
})

describe('tray icons', () => {
  it('resolves the first candidate folder that holds the icons', () => {
    expect(resolveTrayIconDir(['/nonexistent/tray', iconDir])).toBe(iconDir)
  })

  for (const state of trayIconStates) {
    it(`ships ${state} as 16 px and @2x 32 px PNGs, coloured and Template`, () => {
      for (const platform of ['linux', 'darwin'] as const) {
        const base = trayIconFileName(state, platform).replace(/\.png$/, '')
        for (const [suffix, size] of [
          ['', 16],
          ['@2x', 32],
        ] as const) {
          expect(pngSize(readFileSync(join(iconDir, `${base}${suffix}.png`)))).toEqual({
            width: size,
            height: size,
          })
        }
      }
    })
  }
})
