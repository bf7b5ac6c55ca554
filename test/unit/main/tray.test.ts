import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeTray, resetElectronFake } from '../../helpers/electron-mock'
import { createFakeHandlers, sampleOutputs } from '../../helpers/contract-samples'
import { trayIconStates } from '../../../src/core/glance/tray-model'
import { PlausibleError } from '../../../src/shared/errors'
import type { ContractHandlers } from '../../../src/shared/contract'

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
    platform?: NodeJS.Platform
    onOpen?: () => void
    onQuit?: () => void
  } = {},
) {
  const tray = createTray({
    handlers: options.handlers ?? createFakeHandlers().handlers,
    onOpen: options.onOpen ?? (() => {}),
    onQuit: options.onQuit ?? (() => {}),
    clock: () => now,
    iconDir,
    platform: options.platform ?? 'linux',
  })
  trays.push(tray)
  await tray.refresh()
  const painted = FakeTray.instances.at(-1)
  if (!painted) throw new Error('no tray')
  return { tray, painted }
}

describe('createTray', () => {
  it("paints the pinned site's visitors and the budget from the core", async () => {
    const { painted } = await start({ platform: 'darwin' })
    expect(painted.title).toBe('12 · 540/600')
    expect(painted.tooltip).toBe(
      'Plausible Desktop\nexample.com: 12 current visitors\n540 of 600 API requests left · resets 14:00 UTC',
    )
    expect(painted.menu?.template.map((item) => item.label ?? item.type)).toEqual([
      'example.com: 12 current visitors',
      '540 of 600 API requests left · resets 14:00 UTC',
      'separator',
      'Open Plausible Desktop',
      'Refresh now',
      'Quit',
    ])
  })

  it('pins the first site of the default account and asks realtime for it', async () => {
    const fake = createFakeHandlers()
    await start({ handlers: fake.handlers })
    expect(fake.received).toEqual([
      { name: 'budget.status', input: {} },
      { name: 'sites.list', input: {} },
      { name: 'stats.realtime', input: { site: 'example.com' } },
      { name: 'budget.status', input: {} },
    ])
  })

  it('shows the budget as it stands after the requests the poll itself made', async () => {
    let remaining = 540
    const fake = createFakeHandlers({
      'budget.status': async () => ({
        ...sampleOutputs['budget.status'],
        usedThisHour: 600 - remaining,
        remainingThisHour: remaining,
      }),
      'stats.realtime': async ({ site }) => {
        remaining -= 1
        return { site, visitors: 12 }
      },
      'sites.list': async () => {
        remaining -= 1
        return sampleOutputs['sites.list']
      },
    })
    const { painted } = await start({ handlers: fake.handlers, platform: 'darwin' })
    expect(painted.title).toBe('12 · 538/600')
  })

  it('looks the site up once, not on every poll', async () => {
    const fake = createFakeHandlers()
    const { tray } = await start({ handlers: fake.handlers })
    await tray.refresh()
    expect(fake.received.map((call) => call.name)).toEqual([
      'budget.status',
      'sites.list',
      'stats.realtime',
      'budget.status',
      'budget.status',
      'stats.realtime',
      'budget.status',
    ])
  })

  it('skips the realtime request when the budget is low, and shows the low-budget icon', async () => {
    const fake = createFakeHandlers({
      'budget.status': async () => ({
        ...sampleOutputs['budget.status'],
        usedThisHour: 590,
        remainingThisHour: 10,
      }),
    })
    const { painted } = await start({ handlers: fake.handlers })
    expect(fake.received.map((call) => call.name)).toEqual(['budget.status', 'sites.list', 'budget.status'])
    expect(painted.image.path).toBe(join(iconDir, 'tray-low-budget.png'))
  })

  it('shows the error icon and the error in the tooltip when the core fails', async () => {
    const fake = createFakeHandlers({
      'budget.status': async () => {
        throw new PlausibleError('NETWORK')
      },
    })
    const { painted } = await start({ handlers: fake.handlers })
    expect(painted.image.path).toBe(join(iconDir, 'tray-error.png'))
    expect(painted.tooltip).toBe(
      'Plausible Desktop\nThe Plausible server could not be reached. Check the network and the base URL of the account.',
    )
  })

  it('uses the monochrome Template icons on macOS', async () => {
    const { painted } = await start({ platform: 'darwin' })
    expect(painted.image.path).toBe(join(iconDir, 'tray-normalTemplate.png'))
    expect(painted.image.isTemplate).toBe(true)
  })

  it('wires the menu actions to open, refresh and quit', async () => {
    const onOpen = vi.fn()
    const onQuit = vi.fn()
    const fake = createFakeHandlers()
    const { painted } = await start({ handlers: fake.handlers, onOpen, onQuit })
    const click = (label: string) =>
      (painted.menu!.template.find((item) => item.label === label)!.click as () => void)()

    click('Open Plausible Desktop')
    click('Quit')
    expect(onOpen).toHaveBeenCalledOnce()
    expect(onQuit).toHaveBeenCalledOnce()

    const before = fake.received.length
    click('Refresh now')
    await vi.waitFor(() => expect(fake.received.length).toBe(before + 3))
  })

  it('removes the tray icon when destroyed', async () => {
    const { tray, painted } = await start()
    tray.destroy()
    expect(painted.destroyed).toBe(true)
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
          const png = readFileSync(join(iconDir, `${base}${suffix}.png`))
          expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
          expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size])
        }
      }
    })
  }
})
