// The lifecycle wiring, end to end with electron faked and the core replaced by fake handlers: what
// starts on ready, that closing the window keeps the app, and that quit closes the socket and the core.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { electronFake, fakeEvent, FakeBrowserWindow, FakeTray } from '../../helpers/electron-mock'
import { callNames, channelOf } from '../../../src/shared/contract'

const core = vi.hoisted(() => ({
  close: vi.fn(async () => {}),
  options: [] as Array<Record<string, unknown>>,
  priorities: [] as string[],
}))
/** The /metrics endpoint's hosting: which core it was asked of, and whether its stop ran before the core closed. */
const metrics = vi.hoisted(() => ({
  hostedOn: [] as unknown[],
  stoppedBeforeCoreClosed: [] as boolean[],
}))

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
vi.mock('../../../src/core/handlers/metrics-endpoint', () => ({
  hostMetricsEndpoint: async (hosted: unknown) => {
    metrics.hostedOn.push(hosted)
    return async () => void metrics.stoppedBeforeCoreClosed.push(core.close.mock.calls.length === 0)
  },
}))
vi.mock('../../../src/core/core', async () => {
  const { createFakeHandlers: fakeHandlers } = await import('../../helpers/contract-samples')
  return {
    openCore: async (options: Record<string, unknown>) => {
      core.options.push(options)
      const { openGlance } = await import('../../../src/core/glance/glance')
      const { fakeHandlerDeps } = await import('../../helpers/fake-handler-deps')
      const glance = openGlance({ configDir: options.configDir as string, now: Date.now })
      const deps = fakeHandlerDeps({ configDir: options.configDir as string, glance })
      return {
        glance,
        handlerDeps: (priority: string) => {
          core.priorities.push(priority)
          return deps()
        },
        handlers: fakeHandlers().handlers,
        handlersFor: (priority: string) => {
          core.priorities.push(priority)
          return fakeHandlers().handlers
        },
        configDir: options.configDir,
        close: core.close,
      }
    },
  }
})

let configDir: string
const previousConfigDir = process.env.PLAUSIBLE_CONFIG_DIR

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'plausible-main-'))
  process.env.PLAUSIBLE_CONFIG_DIR = configDir
  await import('../../../src/main/index')
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1))
})

afterAll(async () => {
  if (previousConfigDir === undefined) delete process.env.PLAUSIBLE_CONFIG_DIR
  else process.env.PLAUSIBLE_CONFIG_DIR = previousConfigDir
  await rm(configDir, { recursive: true, force: true })
})

describe('main process lifecycle', () => {
  it('guards every web contents the app creates, not only its windows', () => {
    expect(electronFake.api.app.listeners.get('web-contents-created')).toHaveLength(1)
  })

  it('points userData at the config dir the CLI resolves', () => {
    expect(electronFake.paths.get('userData')).toBe(configDir)
  })

  it('opens the core on the config dir with the electron-store settings and the Demo account', () => {
    expect(core.options).toHaveLength(1)
    expect(core.options[0]).toMatchObject({ configDir, addDemoIfEmpty: true })
    expect(core.options[0]?.settings).toMatchObject({
      read: expect.any(Function),
      write: expect.any(Function),
    })
  })

  it('registers IPC, the control socket, the window and the tray', () => {
    expect([...electronFake.ipcHandlers.keys()].sort()).toEqual(callNames.map(channelOf).sort())
    expect(existsSync(join(configDir, 'control.sock'))).toBe(true)
    expect(FakeBrowserWindow.instances).toHaveLength(1)
    expect(FakeTray.instances).toHaveLength(1)
  })

  it('queues the control socket as CLI work, scheduled reports as background work and the tray as tray polling, below the window', () => {
    expect(core.priorities.sort()).toEqual(['background', 'cli', 'tray'])
  })

  it('serves the /metrics endpoint of Settings from the core it opened', () => {
    expect(metrics.hostedOn).toHaveLength(1)
    expect(metrics.hostedOn[0]).toMatchObject({ configDir, close: core.close })
  })

  it('keeps running in the tray when the window closes', () => {
    FakeBrowserWindow.instances[0]!.close()
    electronFake.api.app.emit('window-all-closed')
    expect(electronFake.api.app.quit).not.toHaveBeenCalled()
    expect(FakeTray.instances[0]!.destroyed).toBe(false)
  })

  it('reopens the window from a second launch', () => {
    electronFake.api.app.emit('second-instance')
    expect(FakeBrowserWindow.instances).toHaveLength(2)
  })

  it('opens the settings screen and a pinned site from the tray menu', async () => {
    const tray = FakeTray.instances[0]!
    const click = (label: string): void => {
      const item = tray.menu!.template.find((entry) => entry.label === label)
      if (!item) throw new Error(`no menu item ${label}`)
      ;(item.click as () => void)()
    }
    click('Settings…')
    const window = FakeBrowserWindow.instances.at(-1)!
    await vi.waitFor(() => expect(window.loaded.url).toMatch(/\/renderer\/index\.html#\/settings$/))
    expect(window.loaded.url?.startsWith('file:///')).toBe(true)
  })

  it('holds the quit until the socket and the core are closed, then quits', async () => {
    const quit = fakeEvent()
    electronFake.api.app.emit('before-quit', quit)
    expect(quit.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(electronFake.api.app.quit).toHaveBeenCalledOnce())
    expect(core.close).toHaveBeenCalledOnce()
    expect(metrics.stoppedBeforeCoreClosed).toEqual([true])
    expect(existsSync(join(configDir, 'control.sock'))).toBe(false)
    expect(electronFake.ipcHandlers.size).toBe(0)
    expect(FakeTray.instances[0]!.destroyed).toBe(true)

    const second = fakeEvent()
    electronFake.api.app.emit('before-quit', second)
    expect(second.defaultPrevented).toBe(false)
  })
})
