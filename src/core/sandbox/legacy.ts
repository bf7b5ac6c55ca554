// Stats API v1 (§5): legacy period/date, filter string, metrics and the aggregate/timeseries/breakdown
// answers, all computed by the v2 engine so that v1 and v2 give the same numbers for the same question.
import { dayToIsoDate, firstOfMonth, isValidIsoDate, isoDateToDay } from './calendar'
import { daysRange, type ResolvedRange } from './date-range'
import { executeQuery, type QuerySource } from './engine'
import { filtersOn, type FilterNode } from './filters'
import type { Goal } from './goals'
import type { EngineMetric, ValidQuery } from './validate'
import { parseFilter } from './validate'
import { localDayOf } from './timezone'
import { sessionMetrics } from '../../shared/plausible/vocabulary'

export const legacyMetrics = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'events',
  'conversion_rate',
  'time_on_page',
] as const satisfies readonly EngineMetric[]
type LegacyMetric = (typeof legacyMetrics)[number]

const periods = ['day', '7d', '30d', 'month', '6mo', '12mo', 'custom'] as const
type Period = (typeof periods)[number]

const breakdownProperties = new Set([
  'event:goal',
  'event:page',
  'event:name',
  'visit:source',
  'visit:channel',
  'visit:country',
  'visit:region',
  'visit:city',
  'visit:entry_page',
  'visit:exit_page',
  'visit:referrer',
  'visit:utm_medium',
  'visit:utm_source',
  'visit:utm_campaign',
  'visit:utm_content',
  'visit:utm_term',
  'visit:device',
  'visit:os',
  'visit:os_version',
  'visit:browser',
  'visit:browser_version',
])
const filterProperties = new Set([...breakdownProperties, 'event:hostname'])
const isProperty = (set: Set<string>, key: string): boolean => set.has(key) || /^event:props:.+$/.test(key)

export interface LegacySource extends QuerySource {
  siteId: string
  statsStartDay: number
  /** false when the site's plan lacks custom properties (402 on v1, §5). */
  allowsCustomProps: boolean
}

export interface LegacyReply {
  status: number
  body: unknown
}

type Step<T> = { ok: true; value: T } | { ok: false; reply: LegacyReply }
const badRequest = (error: string): { ok: false; reply: LegacyReply } => ({
  ok: false,
  reply: { status: 400, body: { error } },
})

const timePeriodsDocs = 'https://plausible.io/docs/stats-api#time-periods'

export interface LegacyPeriod {
  period: Period
  range: ResolvedRange
}

/**
 * `period` and `date` as the legacy builder reads them. `date` defaults to today *in UTC*, not in the
 * site's zone (§5 caveat): near midnight UTC a v1 `30d` and a v2 `30d` can differ by a day.
 */
export function legacyPeriod(params: URLSearchParams, timeZone: string, now: number): Step<LegacyPeriod> {
  const period = (params.get('period') ?? '30d') as Period
  if (!periods.includes(period))
    return badRequest(
      `Error parsing \`period\` parameter: invalid period \`${period}\`. Please find accepted values in our docs: ${timePeriodsDocs}`,
    )
  const rawDate = params.get('date')
  if (period === 'custom') {
    if (rawDate === null || rawDate === '')
      return badRequest(
        `The \`date\` parameter is required when using a custom period. See ${timePeriodsDocs}`,
      )
    const parts = rawDate.split(',').map((part) => part.trim())
    if (
      parts.length !== 2 ||
      !parts.every(isValidIsoDate) ||
      isoDateToDay(parts[1]!) < isoDateToDay(parts[0]!)
    )
      return badRequest(
        `Invalid format for \`date\` parameter. When using a custom period, please include two ISO-8601 formatted dates joined by a comma. See ${timePeriodsDocs}`,
      )
    return {
      ok: true,
      value: { period, range: daysRange(isoDateToDay(parts[0]!), isoDateToDay(parts[1]!), timeZone) },
    }
  }
  let date = Math.floor(now / 86_400_000)
  if (rawDate !== null) {
    if (!isValidIsoDate(rawDate.trim()))
      return badRequest(
        'Error parsing `date` parameter: invalid_format. Please specify a valid date in ISO-8601 format.',
      )
    date = isoDateToDay(rawDate.trim())
  }
  const days = (first: number, last: number): Step<LegacyPeriod> => ({
    ok: true,
    value: { period, range: daysRange(first, last, timeZone) },
  })
  switch (period) {
    case 'day':
      return days(date, date)
    case '7d':
      return days(date - 7, date - 1)
    case '30d':
      return days(date - 30, date - 1)
    case 'month':
      return days(firstOfMonth(date), firstOfMonth(date, 1) - 1)
    // Unlike v2, the legacy 6mo/12mo include the month of `date` (§5).
    case '6mo':
      return days(firstOfMonth(date, -5), firstOfMonth(date, 1) - 1)
    case '12mo':
      return days(firstOfMonth(date, -11), firstOfMonth(date, 1) - 1)
  }
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const globToRegex = (glob: string): string => `^${glob.split('*').map(escapeRegex).join('.*')}$`

export interface LegacyFilters {
  filters: FilterNode[]
  /** The filters as v2 would spell them, for the echo-free engine. */
  raw: unknown[]
}

/**
 * The v1 filter string (§5): `;` joins filters (AND), `==`/`!=`, `|` lists values (`\|` is a literal pipe),
 * `*` is a wildcard. Malformed segments and non-2-letter countries are dropped, not rejected. A JSON v2
 * filter array is accepted too, as the server does.
 */
export function parseLegacyFilters(raw: string | null): LegacyFilters {
  const result: LegacyFilters = { filters: [], raw: [] }
  if (raw === null || raw.trim() === '') return result
  if (raw.trim().startsWith('[')) {
    try {
      const parsed = JSON.parse(raw) as unknown
      if (Array.isArray(parsed)) {
        for (const item of parsed) {
          const node = parseFilter(item)
          if (node) {
            result.filters.push(node)
            result.raw.push(item)
          }
        }
      }
    } catch {
      // Not JSON after all: nothing usable.
    }
    return result
  }
  for (const segment of raw.split(';')) {
    const match = /^\s*([^=!]+?)\s*(==|!=)\s*(.*?)\s*$/s.exec(segment)
    if (!match) continue
    const [, key, operator, value] = match as unknown as [string, string, '==' | '!=', string]
    if (!isProperty(filterProperties, key) || value === '') continue
    const values = value.split(/(?<!\\)\|/).map((item) => item.replace(/\\\|/g, '|'))
    const isWildcard = values.some((item) => item.includes('*'))
    if (isWildcard && values.length > 1 && key !== 'event:goal') continue
    let clauses: string[] = values
    if (key === 'visit:country') {
      if (isWildcard || !values.every((item) => /^[A-Za-z]{2}$/.test(item))) continue
      clauses = values.map((item) => item.toUpperCase())
    }
    const v2Operator = isWildcard
      ? operator === '=='
        ? 'matches'
        : 'matches_not'
      : operator === '=='
        ? 'is'
        : 'is_not'
    if (isWildcard) clauses = clauses.map(globToRegex)
    result.filters.push({ kind: 'leaf', operator: v2Operator, dimension: key, clauses, caseSensitive: true })
    result.raw.push([v2Operator, key, clauses])
  }
  return result
}

const goalsDocs = 'https://plausible.io/docs/stats-api#filtering-by-goals'

function checkGoals(filters: readonly FilterNode[], goals: readonly Goal[]): Step<null> {
  for (const node of filters) {
    if (node.kind !== 'leaf' || node.dimension !== 'event:goal' || node.operator !== 'is') continue
    const unknown = node.clauses.find((clause) => !goals.some((goal) => goal.displayName === clause))
    if (unknown !== undefined)
      return badRequest(
        `The goal \`${unknown}\` is not configured for this site. Find out how to configure goals here: ${goalsDocs}`,
      )
  }
  return { ok: true, value: null }
}

/** `metrics` as the legacy parser validates it: duplicates first, then each metric in order (§5). */
export function legacyMetricList(
  raw: string | null,
  filters: readonly FilterNode[],
  property: string | null,
): Step<LegacyMetric[]> {
  const metrics = (raw ?? 'visitors').split(',').map((metric) => metric.trim())
  if (new Set(metrics).size !== metrics.length) return badRequest('Metrics cannot be queried multiple times.')
  const eventOnlyFilter = ['event:name', ...collectPropDimensions(filters)].find((dimension) =>
    filtersOn(filters, dimension),
  )
  for (const metric of metrics) {
    if (!(legacyMetrics as readonly string[]).includes(metric))
      return badRequest(
        `The metric \`${metric}\` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics`,
      )
    if (metric === 'conversion_rate' && property !== 'event:goal' && !filtersOn(filters, 'event:goal'))
      return badRequest(
        'Metric `conversion_rate` can only be queried in a goal breakdown or with a goal filter',
      )
    if (metric === 'time_on_page' && property !== 'event:page' && !filtersOn(filters, 'event:page'))
      return badRequest(
        'Metric `time_on_page` can only be queried in a page breakdown or with a page filter.',
      )
    if ((sessionMetrics as readonly string[]).includes(metric)) {
      if (property !== null && property.startsWith('event:') && property !== 'event:page')
        return badRequest(`Session metric \`${metric}\` cannot be queried for breakdown by \`${property}\`.`)
      if (eventOnlyFilter)
        return badRequest(
          `Session metric \`${metric}\` cannot be queried when using a filter on \`${eventOnlyFilter}\`.`,
        )
    }
  }
  return { ok: true, value: metrics as LegacyMetric[] }
}

function collectPropDimensions(filters: readonly FilterNode[]): string[] {
  const found: string[] = []
  const visit = (node: FilterNode): void => {
    if (node.kind === 'leaf') {
      if (node.dimension.startsWith('event:props:')) found.push(node.dimension)
    } else if (node.kind === 'and' || node.kind === 'or') node.children.forEach(visit)
    else if (node.kind === 'not') visit(node.child)
  }
  filters.forEach(visit)
  return found
}

const customPropsDenied: LegacyReply = {
  status: 402,
  body: { error: 'The owner of this site does not have access to the custom properties feature' },
}

function baseQuery(
  source: LegacySource,
  metrics: EngineMetric[],
  range: ResolvedRange,
  filters: LegacyFilters,
  dimensions: string[] = [],
): ValidQuery {
  return {
    siteId: source.siteId,
    metrics,
    dateRange: [dayToIsoDate(range.firstDay), dayToIsoDate(range.lastDay)],
    range,
    dimensions,
    rawFilters: filters.raw,
    filters: filters.filters,
    orderBy: [[metrics[0]!, 'desc']],
    include: { imports: false, time_labels: false, total_rows: false },
    pagination: { limit: 10_000, offset: 0 },
  }
}

interface Common {
  period: LegacyPeriod
  filters: LegacyFilters
}

function common(params: URLSearchParams, source: LegacySource): Step<Common> {
  const period = legacyPeriod(params, source.timezone, source.now)
  if (!period.ok) return period
  const filters = parseLegacyFilters(params.get('filters'))
  const goals = checkGoals(filters.filters, source.goals)
  if (!goals.ok) return goals
  return { ok: true, value: { period: period.value, filters } }
}

const usesCustomProps = (filters: readonly FilterNode[], property: string | null): boolean =>
  collectPropDimensions(filters).length > 0 || (property?.startsWith('event:props:') ?? false)

/** The Compare module's change: bounce rate as a difference, conversion rate in points, the rest in % (§5). */
export function metricChange(metric: string, previous: number | null, current: number | null): number | null {
  if (previous === null || current === null) return null
  if (metric === 'conversion_rate') return Math.round((current - previous) * 10) / 10
  if (metric === 'bounce_rate') return previous > 0 ? current - previous : null
  if (previous === 0) return current > 0 ? 100 : 0
  return Math.round(((current - previous) / previous) * 100)
}

/** The previous period of the same number of days; a range reaching past today counts only up to today. */
export function previousPeriod(range: ResolvedRange, today: number, timeZone: string): ResolvedRange {
  const lastDay = Math.min(range.lastDay, today)
  const length = Math.max(1, lastDay - range.firstDay + 1)
  return daysRange(range.firstDay - length, range.firstDay - 1, timeZone)
}

/** GET /api/v1/stats/aggregate */
export function legacyAggregate(params: URLSearchParams, source: LegacySource): LegacyReply {
  const shared = common(params, source)
  if (!shared.ok) return shared.reply
  const { period, filters } = shared.value
  const metrics = legacyMetricList(params.get('metrics'), filters.filters, null)
  if (!metrics.ok) return metrics.reply
  if (!source.allowsCustomProps && usesCustomProps(filters.filters, null)) return customPropsDenied
  const values = executeQuery(baseQuery(source, metrics.value, period.range, filters), source).results[0]!
    .metrics
  const results: Record<string, Record<string, number | null>> = {}
  if (params.get('compare') === 'previous_period') {
    const today = localDayOf(source.timezone, source.now)
    const previous = executeQuery(
      baseQuery(source, metrics.value, previousPeriod(period.range, today, source.timezone), filters),
      source,
    ).results[0]!.metrics
    metrics.value.forEach((metric, index) => {
      const value = values[index] ?? null
      const comparison = previous[index] ?? null
      results[metric] = {
        value,
        comparison_value: comparison,
        change: metricChange(metric, comparison, value),
      }
    })
  } else {
    metrics.value.forEach((metric, index) => {
      results[metric] = { value: values[index] ?? null }
    })
  }
  return { status: 200, body: { results } }
}

/** GET /api/v1/stats/timeseries: every bucket of the range, zero-filled; visit_duration is null in empty ones (§5). */
export function legacyTimeseries(params: URLSearchParams, source: LegacySource): LegacyReply {
  const shared = common(params, source)
  if (!shared.ok) return shared.reply
  const { period, filters } = shared.value
  const rawInterval = params.get('interval')
  let interval: 'hour' | 'day' | 'month' =
    period.period === 'day' ? 'hour' : period.period === '6mo' || period.period === '12mo' ? 'month' : 'day'
  if (rawInterval !== null) {
    if (rawInterval === 'month') interval = 'month'
    else if (rawInterval === 'day' || rawInterval === 'date')
      interval = period.period === 'day' ? 'hour' : 'day'
    else
      return badRequest(
        `Error parsing \`interval\` parameter: invalid interval \`${rawInterval}\`. Valid intervals are \`day\`, \`month\``,
      ).reply
  }
  const metrics = legacyMetricList(params.get('metrics'), filters.filters, null)
  if (!metrics.ok) return metrics.reply
  if (!source.allowsCustomProps && usesCustomProps(filters.filters, null)) return customPropsDenied
  const dimension = `time:${interval}`
  const query = baseQuery(source, metrics.value, period.range, filters, [dimension])
  query.orderBy = [[dimension, 'asc']]
  query.include.time_labels = true
  const response = executeQuery(query, source)
  const byLabel = new Map(response.results.map((row) => [row.dimensions[0] as string, row.metrics]))
  const results = (response.meta.time_labels ?? []).map((label) => {
    const row: Record<string, string | number | null> = { date: label }
    const values = byLabel.get(label)
    metrics.value.forEach((metric, index) => {
      row[metric] = values
        ? (values[index] ?? null)
        : metric === 'visit_duration' || metric === 'time_on_page'
          ? null
          : 0
    })
    return row
  })
  return { status: 200, body: { results } }
}

/** GET /api/v1/stats/breakdown */
export function legacyBreakdown(params: URLSearchParams, source: LegacySource): LegacyReply {
  const shared = common(params, source)
  if (!shared.ok) return shared.reply
  const { period, filters } = shared.value
  const property = params.get('property')
  if (property === null || property === '')
    return badRequest(
      'The `property` parameter is required. Please provide at least one property to show a breakdown by.',
    ).reply
  if (!isProperty(breakdownProperties, property))
    return badRequest(
      `Invalid property '${property}'. Please provide a valid property for the breakdown endpoint: https://plausible.io/docs/stats-api#properties`,
    ).reply
  const metrics = legacyMetricList(params.get('metrics'), filters.filters, property)
  if (!metrics.ok) return metrics.reply
  const limit = params.get('limit') === null ? 100 : Number(params.get('limit'))
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return badRequest('Please provide limit as a number between 1 and 1000.').reply
  const page = params.get('page') === null ? 1 : Number(params.get('page'))
  if (!Number.isInteger(page) || page < 1)
    return badRequest('Please provide page as a positive number.').reply
  if (!source.allowsCustomProps && usesCustomProps(filters.filters, property)) return customPropsDenied

  // Version rows also carry the browser / OS they belong to (§5).
  const parent =
    property === 'visit:browser_version'
      ? 'visit:browser'
      : property === 'visit:os_version'
        ? 'visit:os'
        : null
  const dimensions = parent ? [parent, property] : [property]
  const query = baseQuery(source, metrics.value, period.range, filters, dimensions)
  query.pagination = { limit, offset: (page - 1) * limit }
  const response = executeQuery(query, source)
  const keyOf = (dimension: string): string =>
    dimension.startsWith('event:props:') ? dimension.slice('event:props:'.length) : dimension.split(':')[1]!
  const results = response.results.map((row) => {
    const entry: Record<string, string | number | null> = {}
    dimensions.forEach((dimension, index) => {
      entry[keyOf(dimension)] = row.dimensions[index] ?? null
    })
    metrics.value.forEach((metric, index) => {
      entry[metric] = row.metrics[index] ?? null
    })
    return entry
  })
  return { status: 200, body: { results } }
}
