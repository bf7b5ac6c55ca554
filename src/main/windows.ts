// The stats window: created with the security checklist's webPreferences, denied navigation, new windows
// and permissions, and put back where the user left it. Closing it leaves the app running in the tray.
import { join } from 'node:path'
import { BrowserWindow, screen, shell, type WebContents, type WebPreferences } from 'electron'
import {
  externalLinkOf,
  isRendererUrl,
  rendererUrlFor,
  rendererUrlOf,
  type RendererLocation,
  type WindowTarget,
} from './renderer-location'
import { fitToDisplays, readWindowState, writeWindowState } from './window-state'

export interface MainWindowOptions {
  location: RendererLocation
  /** window-state.json in the config dir. */
  stateFile: string
  /** out/preload/index.js; defaults to the sibling of the built main bundle. */
  preloadPath?: string
  /** A site's dashboard or a screen to show; unset: the renderer as the user left it. */
  target?: WindowTarget
}

/** WebContents ids of the windows this module created: the only senders IPC answers. */
const appContentsIds = new Set<number>()
let mainWindow: BrowserWindow | null = null

/** Electron security checklist: context isolation, sandbox, no Node, web security on, no webviews. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  }
}

/** Focuses the window, creating it again if the user closed it; with a target, shows that. */
export function showMainWindow(options: MainWindowOptions): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
    if (options.target) void loadRenderer(mainWindow, options.location, options.target)
    return mainWindow
  }
  return createMainWindow(options)
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = fitToDisplays(
    readWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow({
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    width: saved.width,
    height: saved.height,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Plausible Desktop',
    webPreferences: secureWebPreferences(options.preloadPath ?? join(__dirname, '..', 'preload', 'index.js')),
  })
  const contentsId = window.webContents.id
  appContentsIds.add(contentsId)
  mainWindow = window

  hardenWebContents(window.webContents, options.location)
  rememberBounds(window, options.stateFile)
  window.once('ready-to-show', () => {
    if (saved.isMaximized) window.maximize()
    window.show()
  })
  window.on('closed', () => {
    appContentsIds.delete(contentsId)
    if (mainWindow === window) mainWindow = null
  })

  void loadRenderer(window, options.location, options.target)
  return window
}

/** True for the webContents of a window this module created (and has not closed). */
export function isAppWindowContents(contents: WebContents): boolean {
  return appContentsIds.has(contents.id)
}

/** Navigation, new windows, webviews and permissions are all denied: the app shows only its renderer. */
export function hardenWebContents(contents: WebContents, location: RendererLocation): void {
  // Security checklist "Disable or limit navigation": a link clicked in the window opens in the OS
  // browser when it is https, and never inside the app.
  contents.on('will-navigate', (event) => {
    if (isRendererUrl(event.url, location)) return
    event.preventDefault()
    openExternally(event.url)
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isRendererUrl(event.url, location)) event.preventDefault()
  })
  // Security checklist "Disable or limit creation of new windows".
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // Security checklist "Handle session permission requests from remote content": nothing here needs any.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}

function openExternally(url: string): void {
  const link = externalLinkOf(url)
  if (link) void shell.openExternal(link)
}

/** One load per open: a target is loaded instead of the plain renderer, never after it (the second load would abort the first). */
async function loadRenderer(
  window: BrowserWindow,
  location: RendererLocation,
  target?: WindowTarget,
): Promise<void> {
  try {
    if (target) await window.loadURL(rendererUrlFor(location, target))
    else if (location.kind === 'file') await window.loadFile(location.path)
    else await window.loadURL(rendererUrlOf(location))
  } catch (error) {
    // A failed load leaves a blank window; say why in the log rather than crash the app (the tray lives on).
    console.error(`Plausible Desktop: the window could not load ${rendererUrlOf(location)}:`, error)
  }
}

function rememberBounds(window: BrowserWindow, stateFile: string): void {
  let timer: NodeJS.Timeout | undefined
  const save = (): void => {
    clearTimeout(timer)
    if (window.isDestroyed()) return
    const bounds = window.getNormalBounds()
    try {
      writeWindowState(stateFile, { ...bounds, isMaximized: window.isMaximized() })
    } catch (error) {
      console.warn('Plausible Desktop: could not save the window position:', error)
    }
  }
  const saveSoon = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('close', save)
}
