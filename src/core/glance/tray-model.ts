// What the tray shows, computed from the pinned sites' counts, the budgets, the polling plan and the
// preferences: title, tooltip, icon state, icon text and menu as plain data. src/main/tray.ts only
// paints it, so every decision is tested here.
import type { AccountSummary, BudgetSnapshot } from '../../shared/contract'
import type { WireError } from '../../shared/errors'
import { trendArrow, type Trend } from './trend'

export type TrayIconState = 'normal' | 'low-budget' | 'paused' | 'error'

export const trayIconStates: readonly TrayIconState[] = ['normal', 'low-budget', 'paused', 'error']

export type TrayAction =
  | { kind: 'open' }
  | { kind: 'open-site'; account: string; site: string }
  | { kind: 'refresh' }
  | { kind: 'toggle-polling' }
  | { kind: 'use-account'; alias: string }
  | { kind: 'settings' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'toggle-calm' }
  | { kind: 'install-cli' }
  | { kind: 'quit' }

export interface TrayMenuItem {
  label: string
  enabled: boolean
  action?: TrayAction
  type?: 'separator' | 'checkbox' | 'radio'
  checked?: boolean
  submenu?: TrayMenuItem[]
}

export interface TrayModel {
  /** Text beside the icon (macOS menu bar), e.g. `12 · 540/600`. */
  title: string
  /** What the icon itself shows where no title is drawn (Windows, Linux): the count or an arrow. */
  iconText: string
  /** Share of the hour left for the budget bar in the icon (0–1); null before the first budget. */
  budgetShare: number | null
  tooltip: string
  iconState: TrayIconState
  menu: TrayMenuItem[]
}

export interface PinnedCount {
  account: string
  site: string
  /** null until the first count arrived. */
  visitors: number | null
  /** When the count was fetched (ms since epoch), so an old number is labelled as such. */
  at: number | null
  trend: Trend
  error: WireError | null
}

export interface TrayInput {
  /** The pinned sites in menu order; the first one is the title. */
  pins: PinnedCount[]
  /** Budget of the first pin's account (or the default account when nothing is pinned). */
  budget: BudgetSnapshot | null
  /** The polling of the first pin's key waits for the next UTC hour until then (ms). */
  pollingPausedUntil: number | null
  pollingPauseReason: 'rate-limited' | 'hour-spent' | null
  isPollingPausedByUser: boolean
  /** A failure that concerns the whole tray (no account, a key refused). */
  error: WireError | null
  accounts: Array<Pick<AccountSummary, 'alias' | 'isDefault'>>
  calm: boolean
  startAtLogin: boolean
  /** "Install Command Line Tool" is offered (macOS and Linux). */
  canInstallCli: boolean
  now: number
}

/** At or below this share of the hourly limit the icon turns amber. */
export const lowBudgetShare = 0.1

/** A count older than this is shown with its time, since the tray stopped refreshing it. */
export const staleAfterMs = 5 * 60_000

const appName = 'Plausible Desktop'

export function isBudgetPaused(budget: BudgetSnapshot | null, now: number): boolean {
  if (!budget?.pausedUntil) return false
  return Date.parse(budget.pausedUntil) > now
}

export function isBudgetLow(budget: BudgetSnapshot): boolean {
  return budget.remainingThisHour <= Math.floor(budget.hourlyLimit * lowBudgetShare)
}

export function trayModel(input: TrayInput): TrayModel {
  const { budget, now, calm } = input
  const isRateLimited = isBudgetPaused(budget, now)
  const first = input.pins[0] ?? null
  const countText = first ? countOf(first, calm) : '–'
  const budgetText = budget ? `${budget.remainingThisHour}/${budget.hourlyLimit}` : null
  const title = isRateLimited
    ? `${countText} · paused`
    : budgetText
      ? `${countText} · ${budgetText}`
      : input.error
        ? '!'
        : countText === '–'
          ? ''
          : countText

  const pinLines: TrayMenuItem[] = input.pins.map((pin) => ({
    label: pinLabel(pin, input),
    enabled: true,
    action: { kind: 'open-site', account: pin.account, site: pin.site },
  }))
  const budgetLine = budget
    ? `${budget.remainingThisHour} of ${budget.hourlyLimit} API requests left · resets ${utcTime(Date.parse(budget.resetsAt))} UTC`
    : null
  const pauseLine = input.isPollingPausedByUser
    ? 'Polling paused'
    : input.pollingPausedUntil !== null && input.pollingPausedUntil > now
      ? input.pollingPauseReason === 'rate-limited' || isRateLimited
        ? `Paused after the server's rate limit until ${utcTime(input.pollingPausedUntil)} UTC`
        : `Polling paused until ${utcTime(input.pollingPausedUntil)} UTC: the tray's share of this hour is spent`
      : null
  const errorLine = input.error ? `${input.error.message} ${input.error.hint}` : null
  const statusLines = [budgetLine, pauseLine, errorLine].filter((line) => line !== null)

  const tooltip = [appName, ...input.pins.map((pin) => pinLabel(pin, input)), ...statusLines].join('\n')

  const accounts: TrayMenuItem[] = input.accounts.map((account) => ({
    label: account.alias,
    enabled: true,
    type: 'radio',
    checked: account.isDefault,
    action: { kind: 'use-account', alias: account.alias },
  }))
  const menu: TrayMenuItem[] = [
    ...pinLines,
    ...(pinLines.length > 0 ? [separator()] : []),
    ...statusLines.map((label) => ({ label, enabled: false })),
    ...(statusLines.length > 0 ? [separator()] : []),
    { label: 'Open Dashboard', enabled: true, action: { kind: 'open' } },
    {
      label: 'Refresh Now',
      enabled: !isRateLimited && !input.isPollingPausedByUser,
      action: { kind: 'refresh' },
    },
    {
      label: input.isPollingPausedByUser ? 'Resume Polling' : 'Pause Polling',
      enabled: true,
      action: { kind: 'toggle-polling' },
    },
    ...(accounts.length > 1 ? [{ label: 'Switch Account', enabled: true, submenu: accounts }] : []),
    separator(),
    { label: 'Settings…', enabled: true, action: { kind: 'settings' } },
    {
      label: 'Start at Login',
      enabled: true,
      type: 'checkbox',
      checked: input.startAtLogin,
      action: { kind: 'toggle-start-at-login' },
    },
    {
      label: 'Calm Mode (Directions, No Numbers)',
      enabled: true,
      type: 'checkbox',
      checked: calm,
      action: { kind: 'toggle-calm' },
    },
    ...(input.canInstallCli
      ? [{ label: 'Install Command Line Tool…', enabled: true, action: { kind: 'install-cli' } } as const]
      : []),
    separator(),
    { label: 'Quit', enabled: true, action: { kind: 'quit' } },
  ]
  return {
    title,
    iconText: first ? countOf(first, calm, 3) : input.error ? '!' : '–',
    budgetShare: budget && budget.hourlyLimit > 0 ? budget.remainingThisHour / budget.hourlyLimit : null,
    tooltip,
    iconState: iconStateOf(input, isRateLimited),
    menu,
  }
}

/** The count as the title shows it: the number, or in calm mode the direction. */
function countOf(pin: PinnedCount, calm: boolean, maxChars = Infinity): string {
  if (calm) return trendArrow[pin.trend]
  if (pin.visitors === null) return '–'
  return maxChars === Infinity ? String(pin.visitors) : compactCount(pin.visitors)
}

/** At most three characters for the icon: 999, 1k…999k, 1m… */
export function compactCount(count: number): string {
  if (count < 1000) return String(count)
  if (count < 1_000_000) return `${Math.floor(count / 1000)}k`
  return `${Math.min(99, Math.floor(count / 1_000_000))}m`
}

function pinLabel(pin: PinnedCount, input: TrayInput): string {
  const name = input.accounts.length > 1 ? `${pin.site} (${pin.account})` : pin.site
  if (pin.error && pin.visitors === null) return `${name}: ${pin.error.message}`
  if (input.calm) return `${name}: ${trendWord[pin.trend]}`
  if (pin.visitors === null) return `${name}: –`
  const stale = pin.at !== null && input.now - pin.at > staleAfterMs ? ` (as of ${utcTime(pin.at)} UTC)` : ''
  return `${name}: ${plural(pin.visitors, 'current visitor')}${stale}`
}

const trendWord: Record<Trend, string> = {
  up: '↑ rising',
  down: '↓ falling',
  steady: '→ steady',
  unknown: '· waiting for a trend',
}

function iconStateOf(input: TrayInput, isRateLimited: boolean): TrayIconState {
  if (isRateLimited || input.isPollingPausedByUser) return 'paused'
  if (input.error) return 'error'
  if (input.budget && isBudgetLow(input.budget)) return 'low-budget'
  return 'normal'
}

function separator(): TrayMenuItem {
  return { label: '', enabled: true, type: 'separator' }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16)
}
