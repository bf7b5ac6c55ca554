// The tray painter: polls the core at a modest pace, asks the pure tray model (core/glance) what to show,
// and applies it to the Tray. Decisions — text, icon state, when realtime is worth a request — are not here.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron'
import {
  isBudgetPaused,
  shouldPollRealtime,
  trayModel,
  type RealtimeSample,
  type TrayAction,
  type TrayIconState,
  type TrayModel,
} from '../core/glance/tray-model'
import { toPlausibleError } from '../core/dispatch'
import type { BudgetSnapshot, ContractHandlers } from '../shared/contract'
import type { WireError } from '../shared/errors'

export interface TrayOptions {
  handlers: ContractHandlers
  onOpen: () => void
  onQuit: () => void
  /** Between polls; budget.status is local, realtime costs one API request per poll. Default 60 s. */
  intervalMs?: number
  clock?: () => number
  /** Defaults to resolveTrayIconDir(). */
  iconDir?: string
  platform?: NodeJS.Platform
}

export interface AppTray {
  /** Polls now (the menu's "Refresh now"); resolves once the tray is repainted. */
  refresh(): Promise<void>
  destroy(): void
}

/** A failed site lookup is retried this rarely, so a server without a sites list does not drain the hour. */
const siteLookupRetryMs = 10 * 60_000

export function createTray(options: TrayOptions): AppTray {
  const { handlers } = options
  const now = options.clock ?? Date.now
  const intervalMs = options.intervalMs ?? 60_000
  const platform = options.platform ?? process.platform
  const iconDir = options.iconDir ?? resolveTrayIconDir()

  let budget: BudgetSnapshot | null = null
  let realtime: RealtimeSample | null = null
  let error: WireError | null = null
  /** undefined: not looked up yet; null: the default account has no site. */
  let pinnedSite: string | null | undefined
  let siteLookedUpAt = -Infinity
  let painted: TrayModel | null = null
  let paintedIcon: TrayIconState = 'normal'
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> | null = null
  let isDestroyed = false

  const tray = new Tray(loadIcon(iconDir, paintedIcon, platform))
  tray.setToolTip('Plausible Desktop')
  // Windows opens the window on a left click; macOS and Linux show the menu.
  if (platform === 'win32') tray.on('click', () => options.onOpen())

  const actions: Record<TrayAction, () => void> = {
    open: () => options.onOpen(),
    refresh: () => void refreshNow(),
    quit: () => options.onQuit(),
  }

  function paint(): void {
    if (isDestroyed) return
    const model = trayModel({ budget, realtime, isPaused: isBudgetPaused(budget, now()), error, now: now() })
    if (painted && JSON.stringify(painted) === JSON.stringify(model)) return
    if (model.iconState !== paintedIcon) {
      tray.setImage(loadIcon(iconDir, model.iconState, platform))
      paintedIcon = model.iconState
    }
    if (platform === 'darwin') tray.setTitle(model.title)
    tray.setToolTip(model.tooltip)
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model, actions)))
    painted = model
  }

  async function poll(): Promise<void> {
    let hasSpent = false
    try {
      budget = await handlers['budget.status']({})
      error = null
      if (pinnedSite === undefined && now() - siteLookedUpAt >= siteLookupRetryMs) {
        siteLookedUpAt = now()
        hasSpent = true
        const { sites } = await handlers['sites.list']({})
        pinnedSite = sites[0]?.domain ?? null
      }
      if (pinnedSite && shouldPollRealtime(budget, now())) {
        hasSpent = true
        const { site, visitors } = await handlers['stats.realtime']({ site: pinnedSite })
        realtime = { site, visitors, at: now() }
      }
    } catch (caught) {
      error = toPlausibleError(caught).toWire()
    }
    // The snapshot is local and free: read it again so the tray shows what this poll cost.
    if (hasSpent) budget = await handlers['budget.status']({}).catch(() => budget)
    paint()
  }

  function schedule(): void {
    if (isDestroyed) return
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(), intervalMs)
  }

  function refresh(): Promise<void> {
    inFlight ??= poll().finally(() => {
      inFlight = null
      schedule()
    })
    return inFlight
  }

  /** A manual refresh also looks the pinned site up again if there was none (the user may have added one). */
  function refreshNow(): Promise<void> {
    if (!pinnedSite) {
      pinnedSite = undefined
      siteLookedUpAt = -Infinity
    }
    return refresh()
  }

  paint()
  void refresh()

  return {
    refresh: refreshNow,
    destroy: () => {
      isDestroyed = true
      clearTimeout(timer)
      tray.destroy()
    },
  }
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

function loadIcon(iconDir: string, state: TrayIconState, platform: NodeJS.Platform) {
  const image = nativeImage.createFromPath(join(iconDir, trayIconFileName(state, platform)))
  if (platform === 'darwin') image.setTemplateImage(true)
  return image
}

function menuTemplate(
  model: TrayModel,
  actions: Record<TrayAction, () => void>,
): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = []
  let hasActions = false
  for (const item of model.menu) {
    const { action } = item
    // One separator between the status lines and the actions.
    if (action && !hasActions && template.length > 0) template.push({ type: 'separator' })
    hasActions ||= action !== undefined
    template.push({
      label: item.label,
      enabled: item.enabled,
      ...(action ? { click: () => actions[action]() } : {}),
    })
  }
  return template
}
