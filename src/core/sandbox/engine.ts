// Runs a validated v2 query over sessions: filter, group, compute §4.3 metrics, order, paginate, shape §4.7.
import type { SandboxEvent, SandboxSession } from './dataset'
import { engagementsOf } from './engagement'
import { dimensionReader, isVisitDimension, type DimensionReader, type DimensionValue } from './dimensions'
import { compileFilters, isVisitOnly, withoutGoalFilters, type FilterNode, type Predicate } from './filters'
import type { Goal } from './goals'
import type { SiteImport } from './imports'
import { optimizeQuery } from './query-optimizer'
import { buildMeta, echoQuery, type QueryEcho, type QueryMeta } from './query-result'
import { viewSession, type SessionView } from './session-view'
import { createBucketer, intervalOf, type Bucketer } from './time-buckets'
import type { EngineMetric, ValidQuery } from './validate'
import { isTimeDimension } from '../../shared/plausible/vocabulary'

export interface QuerySource {
  timezone: string
  goals: readonly Goal[]
  /** The clock reading: events after it do not exist yet. */
  now: number
  /** Sessions that may have events in [fromMs, toMs] (extra ones are filtered out here). */
  sessionsBetween(fromMs: number, toMs: number): readonly SandboxSession[]
  /** The site's current domain, echoed as `query.site_id` (default: the site_id asked). */
  domain?: string
  /** The site's completed imports, for `include.imports` (default none). */
  imports?: readonly SiteImport[]
}

export interface QueryRow {
  metrics: Array<number | null>
  dimensions: DimensionValue[]
}

export interface QueryResponse {
  results: QueryRow[]
  meta: QueryMeta
  query: QueryEcho
}

/** Running totals for one group of (dimension values). */
interface Group {
  values: DimensionValue[]
  visitors: Set<number>
  pageviews: number
  events: number
  visits: number
  bounces: number
  durationSeconds: number
  sessionPageviews: number
  /** Engaged seconds the group's engagement events report, and the visits that sent them (time_on_page). */
  engagedSeconds: number
  engagedVisits: Set<SandboxSession>
  /** Each visitor's deepest scroll in the group (scroll_depth averages them). */
  deepestScroll: Map<number, number>
}

const newGroup = (values: DimensionValue[]): Group => ({
  values,
  visitors: new Set(),
  pageviews: 0,
  events: 0,
  visits: 0,
  bounces: 0,
  durationSeconds: 0,
  sessionPageviews: 0,
  engagedSeconds: 0,
  engagedVisits: new Set(),
  deepestScroll: new Map(),
})

/** Every combination of one value per dimension (usually exactly one; none when a dimension has no value). */
function combinations(lists: ReadonlyArray<readonly DimensionValue[]>): DimensionValue[][] {
  let result: DimensionValue[][] = [[]]
  for (const list of lists) {
    const next: DimensionValue[][] = []
    for (const prefix of result) for (const value of list) next.push([...prefix, value])
    result = next
  }
  return result
}

/** Group keys: values of one dimension share a type, so joining with a separator cannot collide. */
const groupKey = (values: readonly DimensionValue[]): string => values.join('\u0001')

type Slot =
  | { kind: 'visit'; read: DimensionReader }
  | { kind: 'event'; read: DimensionReader }
  | { kind: 'time'; bucketer: Bucketer }

/**
 * Reads a row's dimension values. Visit dimensions are read once per session; event dimensions per event;
 * time dimensions from the event time, or from the visit start when counting visits.
 */
class RowReader {
  private readonly slots: Slot[]
  readonly hasEventDimensions: boolean

  constructor(
    dimensions: readonly string[],
    goals: readonly Goal[],
    bucketers: ReadonlyMap<string, Bucketer>,
  ) {
    this.slots = dimensions.map((dimension): Slot => {
      const bucketer = bucketers.get(dimension)
      if (bucketer) return { kind: 'time', bucketer }
      return {
        kind: isVisitDimension(dimension) ? 'visit' : 'event',
        read: dimensionReader(dimension, goals),
      }
    })
    this.hasEventDimensions = this.slots.some((slot) => slot.kind === 'event')
  }

  /** Per-dimension values for the visit-level slots (event and time slots are filled in by `rows`). */
  visitValues(view: SessionView): Array<readonly DimensionValue[]> {
    const first = view.events[0]!
    return this.slots.map((slot) => (slot.kind === 'visit' ? slot.read(view, first) : []))
  }

  rows(
    visitValues: ReadonlyArray<readonly DimensionValue[]>,
    view: SessionView,
    event: SandboxEvent,
    time: number,
  ): DimensionValue[][] {
    const lists = this.slots.map((slot, index) => {
      if (slot.kind === 'visit') return visitValues[index]!
      if (slot.kind === 'event') return slot.read(view, event)
      return [slot.bucketer.key(time)]
    })
    return lists.every((list) => list.length === 1) ? [lists.map((list) => list[0]!)] : combinations(lists)
  }
}

interface Pass {
  predicate: Predicate
  visitOnly: boolean
  /** An event with no value for a dimension (no goal completed, empty UTM) joins no group. */
  read: RowReader
  /** Read the visits' engagement events (only time_on_page and scroll_depth need them). */
  engagement: boolean
}

/**
 * One pass over the visible sessions. Event metrics (visitors, pageviews, events) count matching events whose
 * time is in range; visit metrics count each visit once per group, by its start, when it has a matching event.
 */
function accumulate(views: readonly SessionView[], from: number, to: number, pass: Pass): Map<string, Group> {
  const groups = new Map<string, Group>()
  // Engagement alone makes no row (the server joins it onto the rows of the other events): kept apart, merged last.
  const engaged = new Map<string, Group>()
  const groupFor = (values: DimensionValue[]): Group => {
    const key = groupKey(values)
    let group = groups.get(key)
    if (!group) {
      group = newGroup(values)
      groups.set(key, group)
    }
    return group
  }
  for (const view of views) {
    const first = view.events[0]!
    if (pass.visitOnly && !pass.predicate(view, first)) continue
    const isVisitInRange = view.session.start >= from && view.session.start <= to
    const visitValues = pass.read.visitValues(view)
    const visitKeys = new Map<string, DimensionValue[]>()
    for (let index = 0; index < view.events.length; index++) {
      const event = view.events[index]!
      if (!pass.visitOnly && !pass.predicate(view, event)) continue
      if (event.ts >= from && event.ts <= to) {
        for (const values of pass.read.rows(visitValues, view, event, event.ts)) {
          const group = groupFor(values)
          group.visitors.add(view.session.visitorId)
          group.events++
          if (event.name === 'pageview') group.pageviews++
        }
      }
      // Without event dimensions every matching event gives the visit the same row: read it once.
      if (isVisitInRange && (visitKeys.size === 0 || pass.read.hasEventDimensions)) {
        for (const values of pass.read.rows(visitValues, view, event, view.session.start))
          visitKeys.set(groupKey(values), values)
      }
    }
    for (const values of visitKeys.values()) {
      const group = groupFor(values)
      group.visits++
      group.bounces += view.isBounce ? 1 : 0
      group.durationSeconds += view.duration
      group.sessionPageviews += view.pageviews
    }
    if (pass.engagement) addEngagement(engaged, view, from, to, pass, visitValues)
  }
  for (const [key, engagement] of engaged) {
    const group = groups.get(key)
    if (!group) continue
    group.engagedSeconds = engagement.engagedSeconds
    group.engagedVisits = engagement.engagedVisits
    group.deepestScroll = engagement.deepestScroll
  }
  return groups
}

/**
 * The visit's engagement events in range (sent by then: `to` is capped at the clock) that match the filters,
 * each as an `engagement` event on its page, grouped by the same dimensions as the other events.
 */
function addEngagement(
  engaged: Map<string, Group>,
  view: SessionView,
  from: number,
  to: number,
  pass: Pass,
  visitValues: ReadonlyArray<readonly DimensionValue[]>,
): void {
  for (const engagement of engagementsOf(view.session)) {
    if (engagement.ts < from || engagement.ts > to) continue
    const event: SandboxEvent = { ...engagement.event, ts: engagement.ts, name: 'engagement' }
    if (!pass.visitOnly && !pass.predicate(view, event)) continue
    for (const values of pass.read.rows(visitValues, view, event, engagement.ts)) {
      const key = groupKey(values)
      let group = engaged.get(key)
      if (!group) {
        group = newGroup(values)
        engaged.set(key, group)
      }
      group.engagedSeconds += engagement.engagedSeconds
      group.engagedVisits.add(view.session)
      // An engagement without `sd` says nothing of scrolling.
      if (engagement.scrollDepth === null) continue
      const visitor = view.session.visitorId
      group.deepestScroll.set(
        visitor,
        Math.max(group.deepestScroll.get(visitor) ?? 0, engagement.scrollDepth),
      )
    }
  }
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits
const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)

function compareValues(a: DimensionValue | number | null, b: DimensionValue | number | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  const left = String(a ?? '')
  const right = String(b ?? '')
  return left < right ? -1 : left > right ? 1 : 0
}

/** Answers a validated query from the sessions `source` provides. Pure: same query, source and clock → same response. */
export function executeQuery(asked: ValidQuery, source: QuerySource): QueryResponse {
  // Runs (and echoes) the query as the server's optimizer leaves it: `time` resolved, order_by complete.
  const query = optimizeQuery(asked)
  const { range } = query
  const from = range.from
  const to = Math.min(range.to, source.now)
  const views: SessionView[] = []
  if (to >= from) {
    for (const session of source.sessionsBetween(from, to)) {
      const view = viewSession(session, source.now)
      if (view) views.push(view)
    }
  }

  const bucketers = new Map<string, Bucketer>()
  for (const dimension of query.dimensions) {
    if (isTimeDimension(dimension))
      bucketers.set(dimension, createBucketer(intervalOf(dimension, range), range, source.timezone))
  }
  const wantsEngagement = query.metrics.some(
    (metric) => metric === 'time_on_page' || metric === 'scroll_depth',
  )
  const makePass = (
    filters: readonly FilterNode[],
    dimensions: readonly string[],
    engagement = false,
  ): Pass => ({
    predicate: compileFilters(filters, source.goals),
    visitOnly: filters.every(isVisitOnly),
    read: new RowReader(dimensions, source.goals, bucketers),
    engagement,
  })

  const groups = accumulate(views, from, to, makePass(query.filters, query.dimensions, wantsEngagement))
  // With no dimensions the answer is always exactly one row, even over no data (§4.7).
  if (query.dimensions.length === 0 && groups.size === 0) groups.set('', newGroup([]))

  const wants = (metric: EngineMetric): boolean => query.metrics.includes(metric)
  const totalVisitors = wants('percentage')
    ? ([...accumulate(views, from, to, makePass(query.filters, [])).values()][0]?.visitors.size ?? 0)
    : 0
  const baseFilters = withoutGoalFilters(query.filters)
  const conversionBase = wants('conversion_rate')
    ? ([...accumulate(views, from, to, makePass(baseFilters, [])).values()][0]?.visitors.size ?? 0)
    : 0
  const nonGoalDimensions = query.dimensions.filter((dimension) => dimension !== 'event:goal')
  const groupBase = wants('group_conversion_rate')
    ? accumulate(views, from, to, makePass(baseFilters, nonGoalDimensions))
    : new Map<string, Group>()
  const goalIndex = query.dimensions.indexOf('event:goal')

  const metricValue = (metric: EngineMetric, group: Group): number | null => {
    switch (metric) {
      case 'visitors':
        return group.visitors.size
      case 'visits':
        return group.visits
      case 'pageviews':
        return group.pageviews
      case 'events':
        return group.events
      case 'views_per_visit':
        return round(ratio(group.sessionPageviews, group.visits), 2)
      case 'bounce_rate':
        return Math.round(ratio(group.bounces, group.visits) * 100)
      case 'visit_duration':
        return Math.round(ratio(group.durationSeconds, group.visits))
      case 'percentage':
        return round(ratio(group.visitors.size, totalVisitors) * 100, 1)
      case 'conversion_rate':
        return round(ratio(group.visitors.size, conversionBase) * 100, 2)
      case 'scroll_depth': {
        // As the server: each visitor's deepest scroll in the row, averaged over the visitors who sent one.
        if (group.deepestScroll.size === 0) return null
        let sum = 0
        for (const depth of group.deepestScroll.values()) sum += depth
        return Math.round(sum / group.deepestScroll.size)
      }
      case 'time_on_page':
        // As the server: the row's engaged seconds over the visits that sent engagement for it.
        return group.engagedVisits.size === 0
          ? null
          : Math.round(group.engagedSeconds / group.engagedVisits.size)
      case 'group_conversion_rate': {
        const key = groupKey(group.values.filter((_, index) => index !== goalIndex))
        return round(ratio(group.visitors.size, groupBase.get(key)?.visitors.size ?? 0) * 100, 2)
      }
    }
  }

  const rows = [...groups.values()].map((group) => ({
    group,
    metrics: query.metrics.map((metric) => metricValue(metric, group)),
  }))
  const sortKeys = query.orderBy.map(([field, direction]) => {
    const metricIndex = (query.metrics as string[]).indexOf(field)
    const dimensionIndex = query.dimensions.indexOf(field)
    const sign = direction === 'asc' ? 1 : -1
    return (row: (typeof rows)[number]) => ({
      value: metricIndex >= 0 ? row.metrics[metricIndex]! : row.group.values[dimensionIndex]!,
      sign,
    })
  })
  rows.sort((a, b) => {
    for (const key of sortKeys) {
      const left = key(a)
      const right = key(b)
      // A metric with no value (time on page without engagement) sorts last either way, as ClickHouse's NULLS LAST.
      if (left.value === null || right.value === null) {
        if (left.value === right.value) continue
        return left.value === null ? 1 : -1
      }
      const difference = compareValues(left.value, right.value)
      if (difference !== 0) return difference * left.sign
    }
    // Ties fall back to the dimension values, so the order is stable across runs.
    for (let i = 0; i < query.dimensions.length; i++) {
      const difference = compareValues(a.group.values[i]!, b.group.values[i]!)
      if (difference !== 0) return difference
    }
    return 0
  })

  const { limit, offset } = query.pagination
  const page = rows.slice(offset, offset + limit)
  const labelOf = (dimension: string, value: DimensionValue): DimensionValue => {
    const bucketer = bucketers.get(dimension)
    return bucketer ? bucketer.label(value as number) : value
  }
  const results = page.map((row) => ({
    metrics: row.metrics,
    dimensions: row.group.values.map((value, index) => labelOf(query.dimensions[index]!, value)),
  }))

  const timeDimension = query.dimensions.find(isTimeDimension)
  const meta = buildMeta({
    query,
    imports: source.imports ?? [],
    goals: source.goals,
    timeLabels: () => {
      const bucketer = bucketers.get(timeDimension!)!
      return bucketer.keys().map((key) => bucketer.label(key))
    },
    totalRows: rows.length,
    pageRows: page.length,
  })
  return { results, meta, query: echoQuery(query, source.domain ?? query.siteId) }
}

/** GET /api/v1/stats/realtime/visitors: unique visitors with any event in the last 5 minutes (§5). */
export function currentVisitors(sessions: readonly SandboxSession[], now: number): number {
  const since = now - 5 * 60_000
  const visitors = new Set<number>()
  for (const session of sessions) {
    if (session.events.some((event) => event.ts >= since && event.ts <= now)) visitors.add(session.visitorId)
  }
  return visitors.size
}
