// One small fake of the electron module for the glue tests (test/unit/main/**, test/unit/preload/**):
// just enough app, BrowserWindow, Tray, Menu, nativeImage, ipcMain, shell, contextBridge, ipcRenderer,
// session, screen and dialog to observe what the glue asks of Electron. Use it as
//   vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
//   import { electronFake, resetElectronFake } from '../../helpers/electron-mock'
// The factory and the test share this module instance, so the test sees what the code under test did.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron'
import { vi } from 'vitest'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fake emitter passes on whatever Electron would
type Listener = (...args: any[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper)
      return listener(...args)
    }
    return this.on(event, wrapper)
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((entry) => entry !== listener),
    )
    return this
  }
  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener)
  }
  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.listeners.get(event) ?? []
    for (const listener of listeners) listener(...args)
    return listeners.length > 0
  }
}

/** An Electron event object: records preventDefault. */
export function fakeEvent<T extends object>(
  fields: T = {} as T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null
  permissionCheckHandler: Listener | null = null
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler
  }
}

let nextContentsId = 1

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++
  readonly session = new FakeSession()
  windowOpenHandler: Listener | null = null
  url = ''
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler
  }
  getURL(): string {
    return this.url
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loaded: { file?: string; url?: string } = {}
  isVisible = false
  isMaximizedValue = false
  destroyed = false
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
    FakeBrowserWindow.instances.push(this)
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = { file: path }
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url }
  }
  show(): void {
    this.isVisible = true
  }
  focus(): void {}
  restore(): void {}
  maximize(): void {
    this.isMaximizedValue = true
  }
  isMinimized(): boolean {
    return false
  }
  isMaximized(): boolean {
    return this.isMaximizedValue
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getNormalBounds() {
    const { x = 100, y = 80, width = 800, height = 600 } = this.options
    return { x, y, width, height }
  }
  /** What Electron does when the user closes the window. */
  close(): void {
    this.emit('close', fakeEvent())
    this.destroyed = true
    this.emit('closed')
  }
}

export class FakeTray extends Emitter {
  static instances: FakeTray[] = []
  title = ''
  tooltip = ''
  menu: { template: MenuItemConstructorOptions[] } | null = null
  destroyed = false
  constructor(public image: FakeNativeImage) {
    super()
    FakeTray.instances.push(this)
  }
  setImage(image: FakeNativeImage): void {
    this.image = image
  }
  setTitle(title: string): void {
    this.title = title
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] }): void {
    this.menu = menu
  }
  destroy(): void {
    this.destroyed = true
  }
}

/** A desktop notification the glue showed (Electron's Notification). */
export class FakeNotification extends Emitter {
  static instances: FakeNotification[] = []
  static isSupported = (): boolean => true
  shown = false
  constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
    super()
    FakeNotification.instances.push(this)
  }
  show(): void {
    this.shown = true
  }
}

export interface FakeNativeImage {
  path: string
  /** The PNG bytes of an image made with createFromBuffer. */
  buffer?: Buffer
  scaleFactor?: number
  isTemplate: boolean
  setTemplateImage(value: boolean): void
  isEmpty(): boolean
}

function createElectronFake() {
  const paths = new Map<string, string>()
  const ipcHandlers = new Map<string, Listener>()
  const exposed = new Map<string, unknown>()
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    getPath: (name: string) => paths.get(name) ?? `/nonexistent/electron-fake/${name}`,
    setPath: (name: string, value: string) => void paths.set(name, value),
    getAppPath: () => process.cwd(),
    getVersion: () => '0.1.0',
    getName: () => 'Plausible Desktop',
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
    setLoginItemSettings: vi.fn(),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: false, wasOpenedAtLogin: false })),
  })
  const ipcMain = {
    handle(channel: string, handler: Listener): void {
      // Electron refuses a second handler on one channel; so does the fake.
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      ipcHandlers.set(channel, handler)
    },
    removeHandler(channel: string): void {
      ipcHandlers.delete(channel)
    },
    on: vi.fn(),
  }
  const api = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
    nativeImage: {
      createFromPath: (path: string): FakeNativeImage => ({
        path,
        isTemplate: false,
        setTemplateImage(value) {
          this.isTemplate = value
        },
        isEmpty: () => false,
      }),
      createFromBuffer: (buffer: Buffer, options: { scaleFactor?: number } = {}): FakeNativeImage => ({
        path: '',
        buffer,
        ...(options.scaleFactor !== undefined ? { scaleFactor: options.scaleFactor } : {}),
        isTemplate: false,
        setTemplateImage(value) {
          this.isTemplate = value
        },
        isEmpty: () => buffer.length === 0,
      }),
    },
    Notification: FakeNotification,
    ipcMain,
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
    shell: { openExternal: vi.fn(async (_url: string) => {}), openPath: vi.fn(async () => '') },
    session: { defaultSession: new FakeSession() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
  }
  return { api, paths, ipcHandlers, exposed }
}

export const electronFake = createElectronFake()

/** What `vi.mock('electron', …)` should return: named exports plus the default electron-store imports. */
export const electronModule = { ...electronFake.api, default: electronFake.api }

export function resetElectronFake(): void {
  electronFake.paths.clear()
  electronFake.ipcHandlers.clear()
  electronFake.exposed.clear()
  FakeBrowserWindow.instances = []
  FakeTray.instances = []
  FakeNotification.instances = []
  electronFake.api.app.isPackaged = false
  vi.clearAllMocks()
}
