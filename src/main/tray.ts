// The tray painter: runs the core's poller (core/glance/poller.ts) on the tray-priority contract, asks
// the pure tray model what to show, and applies it to the Tray: the title on macOS, a drawn icon with
// the count elsewhere, the tooltip and the menu. Decisions — text, cadence, alerts — are not here.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import type { ContractHandlers } from '../shared/contract'
import type { AlertNotification } from '../core/glance/alerts'
import type { Glance } from '../core/glance/glance'
import { drawTrayIcon } from '../core/glance/icon-raster'
import { encodePng } from '../core/glance/png'
import { createPoller, type PollerView, type Timers } from '../core/glance/poller'
import {
  trayModel,
  type TrayAction,
  type TrayIconState,
  type TrayMenuItem,
  type TrayModel,
} from '../core/glance/tray-model'

export interface TrayOptions {
  /** core.handlersFor('tray'): every request the tray makes waits behind the window's and the CLI's. */
  handlers: ContractHandlers
  glance: Glance
  /** Opens the window; with a site, on that site's dashboard; with 'settings', on the settings screen. */
  onOpen: (target?: { account: string; site: string } | 'settings') => void
  onQuit: () => void
  onNotify?: (notification: AlertNotification) => void
  onInstallCli?: () => void
  clock?: () => number
  timers?: Timers
  /** Defaults to resolveTrayIconDir(). */
  iconDir?: string
  platform?: NodeJS.Platform
}

export interface AppTray {
  /** Polls now (the menu's "Refresh now"); resolves once the tray is repainted. */
  refresh(): Promise<void>
  /** What is painted now. */
  model(): TrayModel
  /** Resolves when no poll round is running. */
  idle(): Promise<void>
  destroy(): void
}

export function createTray(options: TrayOptions): AppTray {
  const { handlers, glance } = options
  const now = options.clock ?? Date.now
  const platform = options.platform ?? process.platform
  const iconDir = options.iconDir ?? resolveTrayIconDir()
  let painted: TrayModel | null = null
  let paintedIconKey = ''
  let isDestroyed = false
  let latest: PollerView = { pins: [], budgets: {}, polling: [], accounts: [], error: null }

  const tray = new Tray(staticIcon(iconDir, 'normal', platform))
  tray.setToolTip('Plausible Desktop')
  // Windows opens the window on a left click; macOS and Linux show the menu.
  if (platform === 'win32') tray.on('click', () => options.onOpen())

  function modelOf(view: PollerView): TrayModel {
    const settings = glance.settings.read()
    const first = view.pins[0]
    const account = first?.account ?? view.accounts.find((entry) => entry.isDefault)?.alias
    const budget = account ? (view.budgets[account] ?? null) : null
    const status = view.polling.find((entry) => entry.account === account)
    return trayModel({
      pins: view.pins,
      budget,
      pollingPausedUntil: status?.pausedUntil ? Date.parse(status.pausedUntil) : null,
      pollingPauseReason: status?.pausedUntil ? (budget?.pausedUntil ? 'rate-limited' : 'hour-spent') : null,
      isPollingPausedByUser: settings.tray.isPollingPaused,
      error: view.error ?? first?.error ?? null,
      accounts: view.accounts,
      calm: settings.tray.calm,
      startAtLogin: settings.tray.startAtLogin,
      canInstallCli: platform !== 'win32',
      now: now(),
    })
  }

  function paint(view: PollerView): void {
    latest = view
    if (isDestroyed) return
    const model = modelOf(view)
    if (painted && JSON.stringify(painted) === JSON.stringify(model)) return
    if (platform === 'darwin') {
      // The menu bar shows text: a template icon beside the title.
      if (model.iconState !== paintedIconKey) tray.setImage(staticIcon(iconDir, model.iconState, platform))
      paintedIconKey = model.iconState
      tray.setTitle(model.title)
    } else {
      const key = `${model.iconState}|${model.iconText}|${model.budgetShare?.toFixed(2) ?? ''}`
      if (key !== paintedIconKey) tray.setImage(drawnIcon(model))
      paintedIconKey = key
    }
    tray.setToolTip(model.tooltip)
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.menu, act)))
    painted = model
  }

  function act(action: TrayAction): void {
    const settings = glance.settings.read().tray
    switch (action.kind) {
      case 'open':
        return options.onOpen()
      case 'open-site':
        return options.onOpen({ account: action.account, site: action.site })
      case 'settings':
        return options.onOpen('settings')
      case 'refresh':
        return void poller.refresh()
      case 'toggle-polling':
        return void handlers['tray.set']({ isPollingPaused: !settings.isPollingPaused })
      case 'toggle-start-at-login':
        return void handlers['tray.set']({ startAtLogin: !settings.startAtLogin })
      case 'toggle-calm':
        return void handlers['tray.set']({ calm: !settings.calm })
      case 'use-account':
        return void handlers['accounts.use']({ alias: action.alias }).then(() => poller.refresh())
      case 'install-cli':
        return options.onInstallCli?.()
      case 'quit':
        return options.onQuit()
    }
  }

  const poller = createPoller({
    handlers,
    glance,
    clock: now,
    ...(options.timers ? { timers: options.timers } : {}),
    onUpdate: paint,
    onAlert: ({ notification }) => options.onNotify?.(notification),
  })
  // Calm mode and the login checkbox repaint at once; the poller repaints after its own changes.
  const unsubscribe = glance.settings.onChange(() => paint(poller.view()))
  paint(latest)

  return {
    refresh: () => poller.refresh(),
    model: () => modelOf(latest),
    idle: () => poller.idle(),
    destroy: () => {
      isDestroyed = true
      unsubscribe()
      poller.stop()
      tray.destroy()
    },
  }
}

/** The icon with the count drawn in, at 32 px for a 16-point tray slot (sharp on 2× screens). */
function drawnIcon(model: TrayModel): NativeImage {
  const png = encodePng(
    drawTrayIcon({ text: model.iconText, state: model.iconState, budgetShare: model.budgetShare, size: 32 }),
  )
  return nativeImage.createFromBuffer(png, { scaleFactor: 2 })
}

/** `tray-<state>.png` (Windows, Linux) or `tray-<state>Template.png` (macOS); @2x siblings are found by name. */
export function trayIconFileName(state: TrayIconState, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`
}

/**
 * build/tray in development (two levels above out/main) and inside app.asar; resources/tray when
 * packaged as an extra resource (electron-builder `extraResources: [{ from: 'build/tray', to: 'tray' }]`).
 */
export function resolveTrayIconDir(
  candidates: string[] = [
    join(process.resourcesPath ?? '', 'tray'),
    join(app.getAppPath(), 'build', 'tray'),
    join(__dirname, '..', '..', 'build', 'tray'),
  ],
): string {
  return (
    candidates.find((dir) => existsSync(join(dir, 'tray-normal.png'))) ?? candidates[candidates.length - 1]!
  )
}

function staticIcon(iconDir: string, state: TrayIconState, platform: NodeJS.Platform): NativeImage {
  const image = nativeImage.createFromPath(join(iconDir, trayIconFileName(state, platform)))
  if (platform === 'darwin') image.setTemplateImage(true)
  return image
}

function menuTemplate(
  items: TrayMenuItem[],
  act: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' }
    const { action } = item
    return {
      label: item.label,
      enabled: item.enabled,
      ...(item.type ? { type: item.type, checked: item.checked === true } : {}),
      ...(item.submenu ? { submenu: menuTemplate(item.submenu, act) } : {}),
      ...(action ? { click: () => act(action) } : {}),
    }
  })
}
