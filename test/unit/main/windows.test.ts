import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  electronFake,
  fakeEvent,
  FakeBrowserWindow,
  FakeWebContents,
  resetElectronFake,
} from '../../helpers/electron-mock'
import type { RendererLocation } from '../../../src/main/renderer-location'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
const { createMainWindow, isAppWindowContents, showMainWindow } = await import('../../../src/main/windows')

const location: RendererLocation = { kind: 'file', path: '/opt/plausible/out/renderer/index.html' }
let dir: string
let stateFile: string

beforeEach(async () => {
  resetElectronFake()
  dir = await mkdtemp(join(tmpdir(), 'plausible-windows-'))
  stateFile = join(dir, 'window-state.json')
})

afterEach(async () => {
  for (const window of FakeBrowserWindow.instances) if (!window.destroyed) window.close()
  await rm(dir, { recursive: true, force: true })
})

function open(overrides: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  createMainWindow({ location, stateFile, preloadPath: '/opt/plausible/out/preload/index.js', ...overrides })
  const window = FakeBrowserWindow.instances.at(-1)
  if (!window) throw new Error('no window')
  return window
}

describe('createMainWindow', () => {
  it('creates the window with the security checklist webPreferences', () => {
    const window = open()
    expect(window.options.webPreferences).toEqual({
      preload: '/opt/plausible/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    })
  })

  it('takes the preload from out/preload/index.js beside the main bundle by default', () => {
    const window = open({ preloadPath: undefined })
    expect(window.options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.js$/)
  })

  it('loads the built renderer file, or the dev server URL in development', () => {
    expect(open().loaded).toEqual({ file: '/opt/plausible/out/renderer/index.html' })
    expect(open({ location: { kind: 'dev-server', url: 'http://localhost:5173/' } }).loaded).toEqual({
      url: 'http://localhost:5173/',
    })
  })

  it('shows the window once it is ready, not before', () => {
    const window = open()
    expect(window.options.show).toBe(false)
    window.emit('ready-to-show')
    expect(window.isVisible).toBe(true)
  })
})

describe('navigation and new windows', () => {
  it('lets the renderer reload itself but denies navigating anywhere else', () => {
    const { webContents } = open()
    const reload = fakeEvent({ url: 'file:///opt/plausible/out/renderer/index.html#/sites' })
    webContents.emit('will-navigate', reload)
    expect(reload.defaultPrevented).toBe(false)

    const away = fakeEvent({ url: 'http://example.com/' })
    webContents.emit('will-navigate', away)
    expect(away.defaultPrevented).toBe(true)
    expect(electronFake.api.shell.openExternal).not.toHaveBeenCalled()
  })

  it('opens an https link the user clicked in the OS browser instead of the window', () => {
    const { webContents } = open()
    const link = fakeEvent({ url: 'https://plausible.io/docs' })
    webContents.emit('will-navigate', link)
    expect(link.defaultPrevented).toBe(true)
    expect(electronFake.api.shell.openExternal).toHaveBeenCalledWith('https://plausible.io/docs')
  })

  it('denies an iframe navigating away from the renderer', () => {
    const { webContents } = open()
    const frame = fakeEvent({ url: 'https://evil.example/', isMainFrame: false })
    webContents.emit('will-frame-navigate', frame)
    expect(frame.defaultPrevented).toBe(true)
  })

  it('denies every new window, handing only https URLs to the OS browser', () => {
    const { webContents } = open()
    const handler = webContents.windowOpenHandler!
    expect(handler({ url: 'https://plausible.io/sites' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'http://plausible.io/sites' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(electronFake.api.shell.openExternal.mock.calls).toEqual([['https://plausible.io/sites']])
  })

  it('refuses to attach a webview', () => {
    const { webContents } = open()
    const attach = fakeEvent()
    webContents.emit('will-attach-webview', attach)
    expect(attach.defaultPrevented).toBe(true)
  })

  it('denies every permission request and check', () => {
    const { session } = open().webContents
    const callback = vi.fn()
    session.permissionRequestHandler!(null, 'geolocation', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(session.permissionCheckHandler!(null, 'notifications')).toBe(false)
  })
})

describe('isAppWindowContents', () => {
  it('is true for our window until it closes, and false for any other webContents', () => {
    const window = open()
    expect(isAppWindowContents(window.webContents as never)).toBe(true)
    expect(isAppWindowContents(new FakeWebContents() as never)).toBe(false)
    window.close()
    expect(isAppWindowContents(window.webContents as never)).toBe(false)
  })
})

describe('showMainWindow', () => {
  it('focuses the open window instead of creating a second one, and recreates it after a close', () => {
    const options = { location, stateFile }
    showMainWindow(options)
    showMainWindow(options)
    expect(FakeBrowserWindow.instances).toHaveLength(1)
    FakeBrowserWindow.instances[0]!.close()
    showMainWindow(options)
    expect(FakeBrowserWindow.instances).toHaveLength(2)
  })

  it('loads a target once: in the new window instead of the plain renderer, or in the open one', () => {
    FakeBrowserWindow.instances.at(-1)?.close()
    const created = showMainWindow({ location, stateFile, target: 'settings' })
    expect(created).toBe(FakeBrowserWindow.instances.at(-1))
    expect(FakeBrowserWindow.instances.at(-1)!.loaded).toEqual({
      url: 'file:///opt/plausible/out/renderer/index.html#/settings',
    })
    showMainWindow({ location, stateFile, target: { account: 'work', site: 'shop.example.com' } })
    expect(FakeBrowserWindow.instances.at(-1)).toBe(created)
    expect(FakeBrowserWindow.instances.at(-1)!.loaded).toEqual({
      url: 'file:///opt/plausible/out/renderer/index.html?site=shop.example.com&account=work',
    })
    // Without a target the open window keeps what it shows.
    showMainWindow({ location, stateFile })
    expect(FakeBrowserWindow.instances.at(-1)!.loaded.url).toContain('?site=shop.example.com&account=work')
  })
})

describe('window size and position', () => {
  it('saves the bounds when the window closes and opens the next window there', async () => {
    const first = open()
    first.close()
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      isMaximized: false,
    })

    await writeFile(
      stateFile,
      JSON.stringify({ x: 300, y: 200, width: 1000, height: 700, isMaximized: true }),
    )
    const second = open()
    expect(second.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 })
    second.emit('ready-to-show')
    expect(second.isMaximized()).toBe(true)
  })

  it('centres a window whose saved position is on a display that is gone', async () => {
    await writeFile(stateFile, JSON.stringify({ x: 4000, y: 200, width: 1000, height: 700 }))
    const window = open()
    expect(window.options).not.toHaveProperty('x')
    expect(window.options).toMatchObject({ width: 1000, height: 700 })
  })
})
