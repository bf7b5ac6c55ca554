// Builds a report from the core's own reads: the site list (for each site's timezone) and the dashboard's
// v2 queries, through a source that goes through the connector (budget, priority, cache, coalescing).
// One site's failure in a report of many sites is written into the report; a single site's is thrown.
import type { Site } from '../../shared/contract/calls'
import { annotationsInRange, type Annotation } from '../../shared/annotations/annotation'
import { addDays, todayIn } from '../../shared/stats/calendar'
import { PlausibleError } from '../../shared/errors'
import type { V2Query, V2Response } from '../../shared/plausible/query'
import type {
  Report,
  ReportCompareMode,
  ReportFailure,
  ReportPeriod,
  ReportScope,
  SiteReport,
} from '../../shared/report/model'
import { assembleSiteReport, planSiteReport } from '../../shared/report/plan'
import { reportTitle } from '../../shared/report/words'

export interface ReportRequest {
  account?: string
  scope: ReportScope
  period: ReportPeriod
  compare?: ReportCompareMode
}

/** The reads a report makes; the handler's source counts what they cost. */
export interface ReportSource {
  /** The aliases of every configured account (for the all-accounts scope). */
  accounts(): Promise<string[]>
  sites(account: string | undefined): Promise<{ account: string; sites: Site[] }>
  /** `account` undefined: the default account. */
  query(account: string | undefined, query: V2Query): Promise<V2Response>
  /** Reads asked for and requests really sent so far. */
  cost(): { queries: number; sent: number }
  /** This machine's annotations of a site (no request); absent: the report lists none. */
  annotations?(account: string | undefined, site: string): Promise<Annotation[]>
}

/** Errors that say the same for every later read of the account: no use asking its other sites. */
const accountWide = new Set(['AUTH_MISSING', 'AUTH_INVALID', 'BUDGET_EXHAUSTED', 'RATE_LIMITED', 'DRY_RUN'])

export async function buildReport(
  request: ReportRequest,
  source: ReportSource,
  nowMs: number,
): Promise<Report> {
  const sites: SiteReport[] = []
  const failures: ReportFailure[] = []
  const compare = request.compare ?? null
  if (request.scope.kind === 'site') {
    sites.push(await siteReport(request, request.scope.site, source, nowMs))
  } else {
    const aliases = request.scope.kind === 'all-accounts' ? await source.accounts() : [request.account]
    for (const alias of aliases) {
      let listed: { account: string; sites: Site[] }
      try {
        listed = await source.sites(alias)
      } catch (error) {
        failures.push(failureOf(alias ?? 'default', null, error))
        continue
      }
      let stopped: unknown = null
      for (const site of listed.sites) {
        if (stopped) {
          failures.push(failureOf(listed.account, site.domain, stopped))
          continue
        }
        try {
          sites.push(await reportOfSite(listed.account, site, request.period, compare, source, nowMs))
        } catch (error) {
          if (error instanceof PlausibleError && error.code === 'USAGE') throw error
          failures.push(failureOf(listed.account, site.domain, error))
          if (error instanceof PlausibleError && accountWide.has(error.code)) stopped = error
        }
      }
    }
  }
  const first = sites[0]
  return {
    title: reportTitle(request.scope.kind === 'site' ? [request.scope.site] : sites.map((site) => site.site)),
    generatedAt: new Date(nowMs).toISOString(),
    periodLabel: first?.period.label ?? request.period.key,
    compare,
    sites,
    failures,
    requests: source.cost(),
  }
}

/** One site named by the caller: its timezone from the account's site list, UTC (with a note) if not listed. */
async function siteReport(
  request: ReportRequest,
  domain: string,
  source: ReportSource,
  nowMs: number,
): Promise<SiteReport> {
  let listed: { account: string; sites: Site[] } | null = null
  let note: string | null = null
  try {
    listed = await source.sites(request.account)
  } catch (error) {
    // A key without the Sites API can still read stats: the report goes on in UTC and says so.
    if (
      !(error instanceof PlausibleError) ||
      !['SCOPE_REQUIRED', 'NOT_SUPPORTED', 'NOT_FOUND'].includes(error.code)
    )
      throw error
    note = `The account's site list could not be read (${error.message}), so the period's days are taken in UTC.`
  }
  const site = listed?.sites.find((entry) => entry.domain === domain)
  if (listed && !site)
    note = `${domain} is not in the account's site list, so the period's days are taken in UTC.`
  return reportOfSite(
    listed?.account ?? request.account,
    site ?? { domain, timezone: 'UTC' },
    request.period,
    request.compare ?? null,
    source,
    nowMs,
    note ? [note] : [],
  )
}

async function reportOfSite(
  account: string | undefined,
  site: Site,
  period: ReportPeriod,
  compare: ReportCompareMode | null,
  source: ReportSource,
  nowMs: number,
  notes: string[] = [],
): Promise<SiteReport> {
  const plan = planSiteReport({ site: site.domain, timeZone: site.timezone, period, compare, nowMs })
  const ask = (query: V2Query): Promise<V2Response> => source.query(account, query)
  const { top, topCompare, series, tables } = plan.queries
  const [topAnswer, compareAnswer, seriesAnswer, ...tableAnswers] = await Promise.all([
    ask(top),
    topCompare ? ask(topCompare) : Promise.resolve(null),
    ask(series),
    ...tables.map(ask),
  ])
  const annotations = source.annotations
    ? annotationsOfPeriod(await source.annotations(account, site.domain), period, plan, site.timezone, nowMs)
    : undefined
  const report = assembleSiteReport(
    plan,
    {
      top: topAnswer as V2Response,
      topCompare: compareAnswer,
      series: seriesAnswer as V2Response,
      tables: tableAnswers as V2Response[],
    },
    { account: account ?? 'default', notes },
  )
  return annotations ? { ...report, annotations } : report
}

/**
 * The annotations dated within the report's days: its first and last day; the rolling 24 hours cover
 * yesterday and today, all time everything up to today (those periods have no fixed days of their own).
 */
export function annotationsOfPeriod(
  list: readonly Annotation[],
  period: ReportPeriod,
  plan: { resolved: { first: string | null; last: string | null } },
  timeZone: string,
  nowMs: number,
): Annotation[] {
  const today = todayIn(timeZone, nowMs)
  if (period.key === '24h') return annotationsInRange(list, addDays(today, -1), today)
  return annotationsInRange(list, plan.resolved.first, plan.resolved.last ?? today)
}

function failureOf(account: string, site: string | null, error: unknown): ReportFailure {
  const known = error instanceof PlausibleError ? error : new PlausibleError('INTERNAL', { cause: error })
  return { account, site, code: known.code, message: known.message, hint: known.hint ?? null }
}
