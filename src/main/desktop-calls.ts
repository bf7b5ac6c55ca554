// The calls only the desktop app can answer, in place of the core's NOT_SUPPORTED: a report printed to PDF
// (the shared HTML renderer's file, loaded with JavaScript off into a hidden window, printed by Chromium)
// and the folder dialog of the scheduled reports. Electron is passed in, so a test gives fakes.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import type { ContractHandlers } from '../shared/contract'
import { renderHtml } from '../shared/report/html'
import { reportFileName } from '../shared/report/render'
import { mcpClientSnippets, type McpLaunch } from '../shared/mcp/client-config'

export interface DesktopElectron {
  createHiddenWindow(): {
    loadURL(url: string): Promise<void>
    webContents: { printToPDF(options: { printBackground: boolean; pageSize: 'A4' }): Promise<Uint8Array> }
    destroy(): void
  }
  showSaveDialog(options: {
    defaultPath: string
    filters: Array<{ name: string; extensions: string[] }>
  }): Promise<{ canceled: boolean; filePath?: string }>
  showOpenDialog(options: {
    title?: string
    properties: Array<'openDirectory' | 'createDirectory'>
  }): Promise<{ canceled: boolean; filePaths: string[] }>
  writeFile(path: string, data: Uint8Array): Promise<void>
  /** How an MCP client starts this app's CLI (mcp.config). */
  cliLaunch(): McpLaunch
}

/**
 * Packaged: the `plausible` launcher in resources/bin (plausible.cmd on Windows), which runs the CLI on
 * this binary. In development: this Electron binary as node, on the built CLI beside the app.
 */
export function appCliLaunch(options: {
  isPackaged: boolean
  platform: NodeJS.Platform
  resourcesPath: string
  execPath: string
  appPath: string
}): McpLaunch {
  if (options.isPackaged)
    return {
      command: join(
        options.resourcesPath,
        'bin',
        options.platform === 'win32' ? 'plausible.cmd' : 'plausible',
      ),
      args: [],
    }
  return {
    command: options.execPath,
    args: [join(options.appPath, 'out', 'main', 'cli.js')],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  }
}

const electronDeps: DesktopElectron = {
  createHiddenWindow: () =>
    new BrowserWindow({
      show: false,
      // The report has no script; none may run, and the window may not reach the app's preload.
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        // As the app's windows: no middle-click opening of links in new windows.
        disableBlinkFeatures: 'Auxclick',
      },
    }),
  showSaveDialog: (options) => dialog.showSaveDialog(options),
  showOpenDialog: (options) => dialog.showOpenDialog(options),
  writeFile: (path, data) => writeFile(path, data),
  cliLaunch: () =>
    appCliLaunch({
      isPackaged: app.isPackaged,
      platform: process.platform,
      resourcesPath: process.resourcesPath,
      execPath: process.execPath,
      appPath: app.getAppPath(),
    }),
}

export function desktopCalls(
  deps: DesktopElectron = electronDeps,
): Pick<ContractHandlers, 'report.print' | 'dialog.pickFolder' | 'mcp.config'> {
  return {
    async 'report.print'({ report, fileName }) {
      const window = deps.createHiddenWindow()
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(renderHtml(report))}`)
        const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
        const chosen = await deps.showSaveDialog({
          defaultPath: fileName ?? reportFileName(report, 'html').replace(/\.html$/, '.pdf'),
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        })
        if (chosen.canceled || !chosen.filePath) return { path: null }
        await deps.writeFile(chosen.filePath, pdf)
        return { path: chosen.filePath }
      } finally {
        window.destroy()
      }
    },
    async 'dialog.pickFolder'({ title }) {
      const chosen = await deps.showOpenDialog({
        ...(title ? { title } : {}),
        properties: ['openDirectory', 'createDirectory'],
      })
      return { path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) }
    },
    async 'mcp.config'() {
      const launch = deps.cliLaunch()
      return { launch, clients: mcpClientSnippets(launch) }
    },
  }
}
