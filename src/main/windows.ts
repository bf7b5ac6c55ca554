// The stats window: created with the security checklist's webPreferences, denied navigation, new windows
// and permissions, and put back where the user left it. Closing it leaves the app running in the tray.
import { join } from 'node:path'
import { BrowserWindow, screen, type WebContents, type WebPreferences } from 'electron'
import { rendererUrlFor, rendererUrlOf, type RendererLocation, type WindowTarget } from './renderer-location'
import { hardenWebContents } from './web-contents-guard'
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
