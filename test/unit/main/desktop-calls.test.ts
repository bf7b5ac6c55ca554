import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)

import { appCliLaunch, desktopCalls, type DesktopElectron } from '../../../src/main/desktop-calls'
import { renderHtml } from '../../../src/shared/report/html'
import { sampleReport } from '../../helpers/report-fixture'

function fakes(saveTo: string | null) {
  const pdf = new Uint8Array([37, 80, 68, 70])
  const window = {
    loadURL: vi.fn(async () => undefined),
    webContents: { printToPDF: vi.fn(async () => pdf) },
    destroy: vi.fn(),
  }
  const deps: DesktopElectron = {
    createHiddenWindow: () => window,
    showSaveDialog: vi.fn(async () => (saveTo ? { canceled: false, filePath: saveTo } : { canceled: true })),
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/me/Reports'] })),
    writeFile: vi.fn(async () => undefined),
    cliLaunch: () => ({ command: '/opt/Plausible Desktop/resources/bin/plausible', args: [] }),
  }
  return { deps, window, pdf }
}

describe('desktopCalls', () => {
  it('prints the very HTML file the CLI writes to PDF and saves it where the person says', async () => {
    const { deps, window, pdf } = fakes('/home/me/report.pdf')
    const answer = await desktopCalls(deps)['report.print']({ report: sampleReport })
    expect(answer).toEqual({ path: '/home/me/report.pdf' })
    expect(window.loadURL).toHaveBeenCalledWith(
      `data:text/html;charset=utf-8,${encodeURIComponent(renderHtml(sampleReport))}`,
    )
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'A4' })
    expect(deps.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'shop.example.com-2026-11-16-2026-11-22.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    })
    expect(deps.writeFile).toHaveBeenCalledWith('/home/me/report.pdf', pdf)
    expect(window.destroy).toHaveBeenCalledTimes(1)
  })

  it('writes nothing when the save dialog is closed, and still closes the hidden window', async () => {
    const { deps, window } = fakes(null)
    expect(await desktopCalls(deps)['report.print']({ report: sampleReport })).toEqual({ path: null })
    expect(deps.writeFile).not.toHaveBeenCalled()
    expect(window.destroy).toHaveBeenCalledTimes(1)
  })

  it('answers the folder the dialog picked', async () => {
    const { deps } = fakes(null)
    expect(await desktopCalls(deps)['dialog.pickFolder']({ title: 'Reports' })).toEqual({
      path: '/home/me/Reports',
    })
    expect(deps.showOpenDialog).toHaveBeenCalledWith({
      title: 'Reports',
      properties: ['openDirectory', 'createDirectory'],
    })
  })

  it('answers the MCP snippets for the launch the app gives', async () => {
    const { deps } = fakes(null)
    const answer = await desktopCalls(deps)['mcp.config']({})
    expect(answer.launch).toEqual({ command: '/opt/Plausible Desktop/resources/bin/plausible', args: [] })
    expect(answer.clients.map((entry) => [entry.client, JSON.parse(entry.snippet)])).toEqual([
      [
        'claude',
        {
          mcpServers: {
            plausible: { command: '/opt/Plausible Desktop/resources/bin/plausible', args: ['mcp'] },
          },
        },
      ],
      [
        'vscode',
        {
          servers: {
            plausible: {
              type: 'stdio',
              command: '/opt/Plausible Desktop/resources/bin/plausible',
              args: ['mcp'],
            },
          },
        },
      ],
      [
        'cursor',
        {
          mcpServers: {
            plausible: { command: '/opt/Plausible Desktop/resources/bin/plausible', args: ['mcp'] },
          },
        },
      ],
    ])
  })
})

describe('appCliLaunch', () => {
  const paths = { resourcesPath: '/app/resources', execPath: '/app/plausible-desktop', appPath: '/src/app' }
  it('is the packaged launcher, plausible.cmd on Windows', () => {
    expect(appCliLaunch({ ...paths, isPackaged: true, platform: 'linux' })).toEqual({
      command: '/app/resources/bin/plausible',
      args: [],
    })
    expect(appCliLaunch({ ...paths, isPackaged: true, platform: 'win32' }).command).toBe(
      '/app/resources/bin/plausible.cmd',
    )
  })

  it('is this binary as node on the built CLI in development', () => {
    expect(appCliLaunch({ ...paths, isPackaged: false, platform: 'darwin' })).toEqual({
      command: '/app/plausible-desktop',
      args: ['/src/app/out/main/cli.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    })
  })
})
