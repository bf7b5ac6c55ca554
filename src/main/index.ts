// The app's lifecycle, and nothing else: one instance, the core, IPC, the control socket, the window, the
// tray; closing the window leaves the tray running, and Quit closes the socket and the core.
import { join } from 'node:path'
import { app, dialog } from 'electron'
import { openCore } from '../core/core'
import { resolveConfigDir } from '../core/paths'
import { createElectronStoreSettings } from './adapters/electron-store-settings'
import { startControlSocket } from './control-socket'
import { registerIpc } from './ipc-bridge'
import { isRendererUrl, resolveRendererLocation } from './renderer-location'
import { createTray } from './tray'
import { isAppWindowContents, showMainWindow } from './windows'

const configDir = resolveConfigDir()
// Electron and the CLI agree on one folder. Set before the single-instance lock, which lives in userData.
app.setPath('userData', configDir)
// Chromium's caches and storage go one level down, so the folder the CLI shares stays readable.
app.setPath('sessionData', join(configDir, 'session'))
app.enableSandbox()

if (!app.requestSingleInstanceLock()) app.quit()
else start().catch(failToStart)

async function start(): Promise<void> {
  const location = resolveRendererLocation({
    isPackaged: app.isPackaged,
    env: process.env,
    mainDir: __dirname,
  })
  const openWindow = (): void =>
    void showMainWindow({ location, stateFile: join(configDir, 'window-state.json') })
  // Listening is what keeps the app alive when the last window closes: the tray stays.
  app.on('window-all-closed', () => {})

  await app.whenReady()
  const core = await openCore({
    configDir,
    settings: createElectronStoreSettings({ configDir, onWarning: warn }),
    addDemoIfEmpty: true,
    onWarning: warn,
  })
  const unregisterIpc = registerIpc(core.handlers, {
    isAppWindowContents,
    isRendererUrl: (url) => isRendererUrl(url, location),
  })
  const controlSocket = await startControlSocket(core)
  openWindow()
  // From here on a second launch, or the macOS dock, reopens the window (never before IPC is ready).
  app.on('second-instance', openWindow)
  app.on('activate', openWindow)
  const tray = createTray({ handlers: core.handlersFor('tray'), onOpen: openWindow, onQuit: () => app.quit() })

  closeOnQuit(async () => {
    tray.destroy()
    unregisterIpc()
    await controlSocket?.close()
    await core.close()
  })
}

/** Holds the quit until the socket and the core are closed (queued writes flushed), then lets it through. */
function closeOnQuit(shutdown: () => Promise<void>): void {
  let state: 'running' | 'closing' | 'closed' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    shutdown()
      .catch(warn)
      .finally(() => {
        state = 'closed'
        app.quit()
      })
  })
}

function warn(message: unknown): void {
  console.warn('Plausible Desktop:', message)
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  dialog.showErrorBox('Plausible Desktop could not start', message)
  app.exit(1)
}
