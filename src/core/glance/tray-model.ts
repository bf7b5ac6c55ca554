// What the tray shows, computed from the budget and the pinned site's realtime count: title, tooltip,
// icon state and menu as plain data. src/main/tray.ts only paints it, so every decision is tested here.
import type { BudgetSnapshot } from '../../shared/contract'
import type { WireError } from '../../shared/errors'

export type TrayIconState = 'normal' | 'low-budget' | 'paused' | 'error'

export const trayIconStates: readonly TrayIconState[] = ['normal', 'low-budget', 'paused', 'error']

export type TrayAction = 'open' | 'refresh' | 'quit'

export interface TrayMenuItem {
  label: string
  enabled: boolean
  action?: TrayAction
}

export interface TrayModel {
  /** Text beside the icon (macOS menu bar), e.g. `12 · 540/600`. */
  title: string
  tooltip: string
  iconState: TrayIconState
  menu: TrayMenuItem[]
}

export interface RealtimeSample {
  site: string
  visitors: number
  /** When the count was fetched (ms since epoch), so an old number is labelled as such. */
  at: number
}

export interface TrayInput {
  /** Null before the first poll answered. */
  budget: BudgetSnapshot | null
  /** The pinned site's last count; null when there is no site or no count yet. */
  realtime: RealtimeSample | null
  /** True while the account is paused after a 429 (see `isBudgetPaused`). */
  isPaused: boolean
  /** The last poll's failure, if it failed. */
  error: WireError | null
  now: number
}

/** At or below this share of the hourly limit the tray turns amber and stops polling realtime. */
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

/**
 * The tray is the lowest-priority consumer of the budget: it asks for realtime only when the account is
 * not paused and more than the low-budget share of the hour is left, keeping the rest for the window.
 */
export function shouldPollRealtime(budget: BudgetSnapshot | null, now: number): boolean {
  if (!budget) return false
  return !isBudgetPaused(budget, now) && !isBudgetLow(budget)
}

export function trayModel(input: TrayInput): TrayModel {
  const { budget, realtime, isPaused, error, now } = input
  const iconState = iconStateOf(input)
  const visitors = realtime ? String(realtime.visitors) : '–'
  const budgetText = budget ? `${budget.remainingThisHour}/${budget.hourlyLimit}` : null

  const title = isPaused
    ? `${visitors} · paused`
    : budgetText
      ? `${visitors} · ${budgetText}`
      : error
        ? '!'
        : ''

  const realtimeLine = realtime
    ? `${realtime.site}: ${plural(realtime.visitors, 'current visitor')}${isStale(realtime, now) ? ` (as of ${utcTime(realtime.at)} UTC)` : ''}`
    : null
  const budgetLine = budget
    ? `${budget.remainingThisHour} of ${budget.hourlyLimit} API requests left · resets ${utcTime(Date.parse(budget.resetsAt))} UTC`
    : null
  const pausedLine =
    isPaused && budget?.pausedUntil
      ? `Paused after the server's rate limit until ${utcTime(Date.parse(budget.pausedUntil))} UTC`
      : null
  const errorLine = error ? `${error.message} ${error.hint}` : null

  const statusLines = [realtimeLine, budgetLine, pausedLine, errorLine].filter((line) => line !== null)
  const tooltip = [appName, ...statusLines].join('\n')

  const menu: TrayMenuItem[] = [
    ...statusLines.map((label) => ({ label, enabled: false })),
    { label: `Open ${appName}`, enabled: true, action: 'open' },
    { label: 'Refresh now', enabled: !isPaused, action: 'refresh' },
    { label: 'Quit', enabled: true, action: 'quit' },
  ]
  return { title, tooltip, iconState, menu }
}

function iconStateOf({ budget, isPaused, error }: TrayInput): TrayIconState {
  if (isPaused) return 'paused'
  if (error) return 'error'
  if (budget && isBudgetLow(budget)) return 'low-budget'
  return 'normal'
}

function isStale(sample: RealtimeSample, now: number): boolean {
  return now - sample.at > staleAfterMs
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16)
}
