// The app's lifecycle, and nothing else: one instance, the core, IPC, the control socket, the window, the
// tray; closing the window leaves the tray running, and Quit closes the socket and the core.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { app, dialog } from 'electron'
import { openCore } from '../core/core'
import { hostMetricsEndpoint } from '../core/handlers/metrics-endpoint'
import { startReportSchedules } from '../core/handlers/report-schedules'
import { cliLinkCandidates, installCommandLineTool } from '../core/install/command-line-tool'
import { resolveConfigDir } from '../core/paths'
import { createElectronStoreSettings } from './adapters/electron-store-settings'
import { startControlSocket } from './control-socket'
import { registerIpc } from './ipc-bridge'
import { applyStartAtLogin, wasStartedHidden } from './login-item'
import { showAlert } from './notifications'
import { isRendererUrl, resolveRendererLocation, type WindowTarget } from './renderer-location'
import { createTray } from './tray'
import { desktopCalls } from './desktop-calls'
import { guardEveryWebContents } from './web-contents-guard'
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
  const openWindow = (target?: WindowTarget): void => {
    showMainWindow({
      location,
      stateFile: join(configDir, 'window-state.json'),
      ...(target ? { target } : {}),
    })
  }
  guardEveryWebContents(app, location)
  // Listening is what keeps the app alive when the last window closes: the tray stays.
  app.on('window-all-closed', () => {})

  await app.whenReady()
  const core = await openCore({
    configDir,
    settings: createElectronStoreSettings({ configDir, onWarning: warn }),
    addDemoIfEmpty: true,
    onWarning: warn,
  })
  // The window's print to PDF, folder dialog and MCP snippets are the app's own; every other call is the core's.
  const unregisterIpc = registerIpc(
    { ...core.handlers, ...desktopCalls() },
    {
      isAppWindowContents,
      isRendererUrl: (url) => isRendererUrl(url, location),
    },
  )
  const controlSocket = await startControlSocket(core)
  // Scheduled reports: written when their week or month starts, a missed one at this start.
  const stopReportSchedules = startReportSchedules(core)
  // The /metrics endpoint, when the user turned it on in Settings (a taken port is shown there, not thrown).
  const stopMetricsEndpoint = await hostMetricsEndpoint(core)
  // Started by the login item: the tray only.
  if (!wasStartedHidden()) openWindow()
  // From here on a second launch, or the macOS dock, reopens the window (never before IPC is ready).
  app.on('second-instance', () => openWindow())
  app.on('activate', () => openWindow())
  const tray = createTray({
    handlers: core.handlersFor('tray'),
    glance: core.glance,
    onOpen: openWindow,
    onQuit: () => app.quit(),
    onNotify: (alert) => void showAlert(alert, openWindow),
    onInstallCli: () => void installCli(),
  })
  // The login item follows the preference, whoever changed it (the menu, the window, the CLI).
  let startAtLogin = core.glance.settings.read().tray.startAtLogin
  const unwatchLogin = core.glance.settings.onChange(({ tray: { startAtLogin: wanted } }) => {
    if (wanted === startAtLogin) return
    startAtLogin = wanted
    applyStartAtLogin(wanted).catch(warn)
  })

  closeOnQuit(async () => {
    unwatchLogin()
    stopReportSchedules()
    await stopMetricsEndpoint()
    tray.destroy()
    unregisterIpc()
    await controlSocket?.close()
    await core.close()
  })
}

/** "Install Command Line Tool…": links resources/bin/plausible into a folder on the PATH and says where. */
async function installCli(): Promise<void> {
  try {
    const result = await installCommandLineTool({
      launcher: join(process.resourcesPath, 'bin', 'plausible'),
      candidates: cliLinkCandidates(process.platform, homedir()),
      path: process.env.PATH ?? '',
    })
    const where = result.isOnPath
      ? `Open a new terminal and run \`plausible --help\`.`
      : `${join(result.linkPath, '..')} is not on your PATH yet: add it to your shell's profile.`
    await dialog.showMessageBox({
      type: 'info',
      message: result.wasInstalled ? 'The command line tool is installed' : 'Installed the command line tool',
      detail: `${result.linkPath} → the app's launcher. ${where}`,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const hint = (error as { hint?: string }).hint
    dialog.showErrorBox('The command line tool was not installed', hint ? `${message}\n${hint}` : message)
  }
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
