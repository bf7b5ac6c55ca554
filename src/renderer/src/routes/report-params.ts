// The report view's address: `#/report?site=…&account=…&period=7d&compare=previous_period` (or
// `scope=all-accounts`), so the Report button is a link and a reload shows the same report.
import type { ReportCompareMode, ReportPeriod, ReportScope } from '../../../shared/report/model'
import { isIsoDate } from '../../../shared/stats/calendar'

export interface ReportTarget {
  account?: string
  scope: ReportScope
  period: ReportPeriod
  compare?: ReportCompareMode
}

const periodKeys = ['day', '24h', '7d', '28d', '30d', '91d', 'month', 'year', '6mo', '12mo', 'all', 'custom']

export function reportHref(target: ReportTarget): string {
  const params = new URLSearchParams()
  if (target.scope.kind === 'site') params.set('site', target.scope.site)
  else params.set('scope', target.scope.kind)
  if (target.account) params.set('account', target.account)
  params.set('period', target.period.key)
  if (target.period.date) params.set('date', target.period.date)
  if (target.period.from) params.set('from', target.period.from)
  if (target.period.to) params.set('to', target.period.to)
  if (target.compare) params.set('compare', target.compare)
  return `#/report?${params.toString()}`
}

/** The target a hash names; the defaults (every site of every account, 30 days) for anything unreadable. */
export function reportTargetOf(hash: string): ReportTarget {
  const params = new URLSearchParams(hash.split('?')[1] ?? '')
  const site = params.get('site')
  const scopeName = params.get('scope')
  const scope: ReportScope = site
    ? { kind: 'site', site }
    : scopeName === 'account'
      ? { kind: 'account' }
      : { kind: 'all-accounts' }
  const key = params.get('period') ?? '30d'
  const from = params.get('from')
  const to = params.get('to')
  const date = params.get('date')
  let period: ReportPeriod =
    key === 'custom' && isIsoDate(from) && isIsoDate(to) && from <= to
      ? { key: 'custom', from, to }
      : { key: periodKeys.includes(key) && key !== 'custom' ? (key as ReportPeriod['key']) : '30d' }
  if (isIsoDate(date) && (period.key === 'day' || period.key === 'month' || period.key === 'year'))
    period = { ...period, date }
  const compare = params.get('compare')
  const account = params.get('account')
  return {
    scope,
    period,
    ...(account ? { account } : {}),
    ...(compare === 'previous_period' || compare === 'year_over_year' ? { compare } : {}),
  }
}
