// One stats question in a neutral form, and its translation to a v2 body or a v1 request, so the client can
// ask a server without v2 the same thing (§4 vs §5) and give back the same shape of answer either way.
import { PlausibleError } from '../errors'
import { aggregateQuery, breakdownQuery, timeseriesQuery } from './builders'
import type { DateRange, Filter, V2Query, V2Response } from './query'
import { fillTimeSeries, type SeriesValue } from './time-series'
import {
  toV1Metrics,
  v1FiltersFromV2,
  v1PropertyKey,
  type V1AggregateParams,
  type V1BreakdownResponse,
  type V1AggregateResponse,
  type V1BreakdownParams,
  type V1Common,
  type V1TimeseriesParams,
  type V1TimeseriesResponse,
} from './v1'
import type { Dimension, Metric } from './vocabulary'

interface QuestionBase {
  siteId: string
  metrics: readonly Metric[]
  /** v2 semantics (§4.2): `7d` ends yesterday, `6mo` is six whole months before this one. */
  dateRange: DateRange
  /** Top-level AND. Only case-sensitive is/is_not/contains/contains_not translate to v1. */
  filters?: readonly Filter[]
  /** The site's IANA time zone: v1 needs explicit dates, and "today" is the site's today. Default Etc/UTC. */
  timezone?: string
}

export type StatsQuestion =
  | (QuestionBase & { kind: 'aggregate' })
  | (QuestionBase & { kind: 'timeseries'; interval?: 'hour' | 'day' | 'month' })
  | (QuestionBase & {
      kind: 'breakdown'
      dimension: Exclude<Dimension, `time${string}`>
      /** Rows per page; default 100 (v1's default and maximum is 1000). */
      limit?: number
      /** 1-based; default 1. */
      page?: number
    })

export type MetricValues = Record<string, SeriesValue>

export type StatsAnswer =
  | { kind: 'aggregate'; api: 'v2' | 'v1'; metrics: MetricValues }
  | { kind: 'timeseries'; api: 'v2' | 'v1'; points: Array<{ label: string; metrics: MetricValues }> }
  | { kind: 'breakdown'; api: 'v2' | 'v1'; rows: Array<{ value: string; metrics: MetricValues }> }

// ── v2 ────────────────────────────────────────────────────────────────────────────────────────────

export function questionToV2(question: StatsQuestion): V2Query {
  const common = {
    metrics: question.metrics,
    dateRange: question.dateRange,
    ...(question.filters ? { filters: question.filters } : {}),
  }
  switch (question.kind) {
    case 'aggregate':
      return aggregateQuery(question.siteId, common)
    case 'timeseries':
      return timeseriesQuery(question.siteId, { ...common, interval: `time:${question.interval ?? 'day'}` })
    case 'breakdown':
      return breakdownQuery(question.siteId, {
        ...common,
        dimensions: [question.dimension],
        limit: question.limit ?? 100,
        page: question.page ?? 1,
        totalRows: false,
      })
  }
}

const zip = (names: readonly string[], values: readonly SeriesValue[]): MetricValues =>
  Object.fromEntries(names.map((name, index) => [name, values[index] ?? null]))

export function answerFromV2(question: StatsQuestion, response: V2Response): StatsAnswer {
  const names = question.metrics
  switch (question.kind) {
    case 'aggregate':
      return { kind: 'aggregate', api: 'v2', metrics: zip(names, response.results[0]?.metrics ?? []) }
    case 'timeseries':
      return {
        kind: 'timeseries',
        api: 'v2',
        points: fillTimeSeries(response, { metrics: names }).map((bucket) => ({
          label: bucket.label,
          metrics: zip(names, bucket.metrics),
        })),
      }
    case 'breakdown':
      return {
        kind: 'breakdown',
        api: 'v2',
        rows: response.results.map((row) => ({
          value: String(row.dimensions[0]),
          metrics: zip(names, row.metrics),
        })),
      }
  }
}

// ── v1 ────────────────────────────────────────────────────────────────────────────────────────────

export type V1Request =
  | { endpoint: 'aggregate'; params: V1AggregateParams }
  | { endpoint: 'timeseries'; params: V1TimeseriesParams }
  | { endpoint: 'breakdown'; params: V1BreakdownParams }

/** The v1 request that asks the same question, or NOT_SUPPORTED when v1 has no way to say it. */
export function questionToV1(question: StatsQuestion, nowMs: number): V1Request {
  const today = todayIn(question.timezone ?? 'Etc/UTC', nowMs)
  const period = v1PeriodOf(question.dateRange, today)
  const filters = v1FiltersFromV2(question.filters ?? [])
  const common: V1Common = {
    siteId: question.siteId,
    ...period,
    metrics: toV1Metrics(question.metrics),
    ...(filters ? { filters } : {}),
  }
  switch (question.kind) {
    case 'aggregate':
      return { endpoint: 'aggregate', params: common }
    case 'timeseries': {
      const interval = question.interval ?? 'day'
      if (interval === 'hour') {
        // v1 has no hour interval; only `period=day` answers in 24 hourly buckets (§5).
        const single = period.period === 'day' || (period.period === 'custom' && isOneDay(period.date))
        if (!single) throw notInV1('hourly buckets over more than one day')
        const day = period.period === 'day' ? period.date : period.date.split(',')[0]!
        return { endpoint: 'timeseries', params: { ...common, period: 'day', date: day } }
      }
      return { endpoint: 'timeseries', params: { ...common, interval } }
    }
    case 'breakdown': {
      const limit = question.limit ?? 100
      if (limit > 1000) throw notInV1('more than 1000 breakdown rows per page')
      return {
        endpoint: 'breakdown',
        params: { ...common, property: question.dimension, limit, page: question.page ?? 1 },
      }
    }
  }
}

function notInV1(what: string): PlausibleError {
  return new PlausibleError('NOT_SUPPORTED', {
    message: `Stats API v1 cannot answer ${what}, and this server has no v2.`,
    hint: 'Ask for a shorter range or a day/month interval, or upgrade the server to Plausible v2.1 or later.',
  })
}

const isOneDay = (date: string): boolean => {
  const [from, to] = date.split(',')
  return from === to
}

/**
 * v1 `period`/`date` for a v2 date range, computed from the site's today so both APIs cover the same days.
 * v1 `6mo`/`12mo` include the current month while v2's exclude it (§5), hence `custom` for those.
 */
export function v1PeriodOf(
  range: DateRange,
  today: string,
): { period: 'day' | '7d' | '30d' | 'month'; date: string } | { period: 'custom'; date: string } {
  if (Array.isArray(range)) {
    const [from, to] = range
    if (from.length !== 10 || to.length !== 10) throw notInV1('a range of exact times')
    return { period: 'custom', date: `${from},${to}` }
  }
  if (range === 'day') return { period: 'day', date: today }
  if (range === 'month') return { period: 'month', date: today }
  if (range === '7d' || range === '30d') return { period: range, date: today }
  const days = /^(\d+)d$/.exec(range)
  if (days) return { period: 'custom', date: `${addDays(today, -Number(days[1]))},${addDays(today, -1)}` }
  const months = /^(\d+)mo$/.exec(range)
  if (months) {
    const thisMonth = `${today.slice(0, 7)}-01`
    return { period: 'custom', date: `${addMonths(thisMonth, -Number(months[1]))},${addDays(thisMonth, -1)}` }
  }
  if (range === 'year')
    return { period: 'custom', date: `${today.slice(0, 4)}-01-01,${today.slice(0, 4)}-12-31` }
  throw notInV1(`the range ${JSON.stringify(range)}`)
}

export function answerFromV1(
  question: StatsQuestion,
  response: V1AggregateResponse | V1TimeseriesResponse | V1BreakdownResponse,
): StatsAnswer {
  const names = question.metrics
  const pick = (row: Record<string, unknown>): MetricValues =>
    Object.fromEntries(names.map((name) => [name, (row[name] as SeriesValue | undefined) ?? null]))
  switch (question.kind) {
    case 'aggregate': {
      const results = (response as V1AggregateResponse).results
      return {
        kind: 'aggregate',
        api: 'v1',
        metrics: Object.fromEntries(names.map((name) => [name, results[name]?.value ?? null])),
      }
    }
    case 'timeseries':
      return {
        kind: 'timeseries',
        api: 'v1',
        points: (response as V1TimeseriesResponse).results.map((row) => ({
          label: row.date,
          metrics: pick(row),
        })),
      }
    case 'breakdown': {
      const key = v1PropertyKey(question.dimension)
      return {
        kind: 'breakdown',
        api: 'v1',
        rows: (response as V1BreakdownResponse).results.map((row) => ({
          value: String(row[key]),
          metrics: pick(row),
        })),
      }
    }
  }
}

// ── Civil dates (no Date arithmetic in local time: labels and ranges are the site's wall clock) ─────

/** `YYYY-MM-DD` of `nowMs` in `timeZone`. */
export function todayIn(timeZone: string, nowMs: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(nowMs)
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '01'
  return `${part('year')}-${part('month')}-${part('day')}`
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

export function addMonths(firstOfMonth: string, months: number): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10)
}
