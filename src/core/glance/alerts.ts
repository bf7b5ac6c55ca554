// Spike and drop alerts as a pure decision: given a site's rule, its previous level and a new sample,
// whether to notify, and what to say. A spike is the count reaching `spikeAt`, a drop falling below
// `dropBelow`; a site alerts when it crosses into a level, not while it stays there, and leaves a level
// only past a 10 % band so a count hovering on the line does not flap. Quiet hours and a rolling
// per-hour cap (across sites) silence notifications without losing the level. Plausible's own spike mails
// are capped at two a day and need the web settings (peers.md §2); these are local and instant.
import type { AlertSettings, SiteAlertRule } from '../../shared/contract/glance'

export type AlertLevel = 'normal' | 'spike' | 'drop'

export interface AlertState {
  /** Per `account\nsite`: the level of the last sample. */
  levels: Record<string, AlertLevel>
  /** When notifications were shown (ms), for the rolling hour cap. */
  shownAt: number[]
}

export const emptyAlertState = (): AlertState => ({ levels: {}, shownAt: [] })

export interface AlertNotification {
  account: string
  site: string
  kind: 'spike' | 'drop'
  title: string
  body: string
}

export type AlertDecision =
  | { kind: 'none' }
  | { kind: 'notify'; notification: AlertNotification }
  | { kind: 'silenced'; reason: 'disabled' | 'quiet-hours' | 'hourly-cap'; notification: AlertNotification }

export interface AlertSample {
  account: string
  site: string
  visitors: number
  at: number
}

const hourMs = 3_600_000
const hysteresis = 0.1

export function ruleFor(settings: AlertSettings, account: string, site: string): SiteAlertRule | undefined {
  return settings.rules.find((rule) => rule.account === account && rule.site === site)
}

/** The level a count is at, given the level before it (a level is left only past the band). */
export function levelOf(rule: SiteAlertRule, visitors: number, previous: AlertLevel): AlertLevel {
  const { spikeAt, dropBelow } = rule
  if (spikeAt !== null) {
    if (visitors >= spikeAt) return 'spike'
    if (previous === 'spike' && visitors >= spikeAt - Math.max(1, Math.ceil(spikeAt * hysteresis)))
      return 'spike'
  }
  if (dropBelow !== null) {
    if (visitors < dropBelow) return 'drop'
    if (previous === 'drop' && visitors < dropBelow + Math.max(1, Math.ceil(dropBelow * hysteresis)))
      return 'drop'
  }
  return 'normal'
}

/**
 * Decides one sample (mutating `state`). The first sample of a site sets its level without a
 * notification: starting the app while a site is busy is not a spike.
 */
export function decideAlert(
  state: AlertState,
  sample: AlertSample,
  settings: AlertSettings,
  options: { calm: boolean; minuteOfDay: (at: number) => number },
): AlertDecision {
  const rule = ruleFor(settings, sample.account, sample.site)
  const key = `${sample.account}\n${sample.site}`
  if (!rule) {
    delete state.levels[key]
    return { kind: 'none' }
  }
  const previous = state.levels[key]
  const level = levelOf(rule, sample.visitors, previous ?? 'normal')
  state.levels[key] = level
  if (previous === undefined || level === previous || level === 'normal') return { kind: 'none' }

  const notification = describeAlert(rule, level, sample, options.calm)
  if (!settings.enabled) return { kind: 'silenced', reason: 'disabled', notification }
  if (settings.quietHours && isQuiet(options.minuteOfDay(sample.at), settings.quietHours))
    return { kind: 'silenced', reason: 'quiet-hours', notification }
  state.shownAt = state.shownAt.filter((at) => at > sample.at - hourMs)
  if (state.shownAt.length >= settings.maxPerHour)
    return { kind: 'silenced', reason: 'hourly-cap', notification }
  state.shownAt.push(sample.at)
  return { kind: 'notify', notification }
}

function describeAlert(
  rule: SiteAlertRule,
  level: 'spike' | 'drop',
  sample: AlertSample,
  calm: boolean,
): AlertNotification {
  const base = { account: sample.account, site: sample.site, kind: level }
  if (calm) {
    return level === 'spike'
      ? { ...base, title: `${sample.site} ↑`, body: 'More people than usual are on the site right now.' }
      : { ...base, title: `${sample.site} ↓`, body: 'Fewer people than usual are on the site right now.' }
  }
  const visitors = `${sample.visitors} current visitor${sample.visitors === 1 ? '' : 's'}`
  return level === 'spike'
    ? { ...base, title: `Spike on ${sample.site}`, body: `${visitors} (alert at ${rule.spikeAt}).` }
    : { ...base, title: `Drop on ${sample.site}`, body: `${visitors} (alert below ${rule.dropBelow}).` }
}

/** Quiet hours as local HH:MM; a span whose start is after its end runs over midnight. */
export function isQuiet(minute: number, quiet: { start: string; end: string }): boolean {
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  if (start === end) return false
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours! * 60 + minutes!
}

/** Minute of the day (0–1439) in a time zone (default: this machine's), for quiet hours. */
export function minuteOfDayIn(timeZone?: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  })
  return (at) => {
    const parts = format.formatToParts(at)
    const hour = Number(parts.find((part) => part.type === 'hour')?.value)
    const minute = Number(parts.find((part) => part.type === 'minute')?.value)
    return hour * 60 + minute
  }
}
