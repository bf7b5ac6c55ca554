// Numbers the way Plausible's dashboard writes them: 1.2k, 45%, 2m 05s.
import type { Metric } from '../plausible/vocabulary'

const units = [
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'k' },
] as const

/**
 * Short form with one truncated decimal below a hundred units (1,234 → 1.2k, 12,345 → 12.3k),
 * whole units from a hundred up (123,456 → 123k). Truncated, not rounded, as Plausible does, so
 * 999,999 never reads as "1000k".
 */
export function formatShortNumber(value: number): string {
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  for (const { size, suffix } of units) {
    if (abs < size || abs >= size * 1000) continue
    const whole = abs / size
    const shown = whole >= 100 ? Math.floor(whole) : Math.floor(whole * 10) / 10
    return `${sign}${shown}${suffix}`
  }
  return `${sign}${Number.isInteger(abs) ? abs : Math.round(abs * 100) / 100}`
}

/** 45 → "45s", 125 → "2m 05s", 3725 → "1h 2m 5s" (Plausible pads seconds only after minutes). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor(total / 60) % 60
  const rest = total % 60
  if (hours > 0) return `${hours}h ${minutes}m ${rest}s`
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, '0')}s`
  return `${rest}s`
}

/** 45 → "45%", 12.34 → "12.3%", 0.05 → "0.05%": one decimal, two below 0.1, no trailing ".0". */
export function formatPercentage(value: number): string {
  const abs = Math.abs(value)
  const text = abs > 0 && abs < 0.1 ? value.toFixed(2) : value.toFixed(1).replace(/\.0$/, '')
  return `${text}%`
}

/** One metric value as the dashboard shows it; `null` (no data) is a dash. */
export function formatMetric(metric: Metric, value: number | null): string {
  if (value === null) return '-'
  switch (metric) {
    case 'bounce_rate':
    case 'percentage':
    case 'conversion_rate':
    case 'group_conversion_rate':
    case 'scroll_depth':
      return formatPercentage(value)
    case 'visit_duration':
    case 'time_on_page':
      return formatDuration(value)
    case 'views_per_visit':
      return String(Math.round(value * 100) / 100)
    default:
      return formatShortNumber(value)
  }
}
