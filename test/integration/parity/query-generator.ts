// A seeded generator of v2 query bodies, valid and invalid, for the property test that the local rules and
// the sandbox agree. Every part is drawn from pools that mix what the server accepts with what each rule
// refuses; valid date ranges are short (minutes, or reversed), so that answering thousands stays quick.

import { metrics as vocabularyMetrics } from '../../../src/shared/plausible/vocabulary'

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface Generator {
  query(): Record<string, unknown>
}

const metrics = [...vocabularyMetrics]
const badMetrics = ['baa', 'exit_rate', 'event:name', '', 7]
const dimensions = [
  'event:goal',
  'event:page',
  'event:hostname',
  'event:name',
  'event:props:plan',
  'event:props:path',
  'visit:source',
  'visit:country',
  'visit:city',
  'visit:device',
  'visit:entry_page',
  'visit:exit_page',
  'visit:exit_page_hostname',
  'time',
  'time:hour',
  'time:day',
]
const badDimensions = ['badproperty', 'event:props:', 'time:minute', 'visitors', 'visit:name', 3]
const filterDimensions = [
  'event:goal',
  'event:page',
  'event:hostname',
  'event:name',
  'event:props:plan',
  'event:props:url',
  'visit:source',
  'visit:country',
  'visit:city',
  'visit:browser',
  'visit:exit_page',
  'visit:os_version',
  'segment',
]
const badFilterDimensions = ['event:device', 'visit:nope', 'time:day', 'event:props:']
const operators = ['is', 'is_not', 'contains', 'contains_not', 'matches', 'matches_not']
const badOperators = ['matches_wildcard', 'exists?', 'IS']
const validDateRanges: unknown[] = [
  ['2026-11-23T14:00:00Z', '2026-11-23T14:10:00Z'],
  ['2026-11-23T15:00:00+01:00', '2026-11-23T15:20:00+01:00'],
  ['2026-11-23T13:55:00.250Z', '2026-11-23T14:05:00Z'],
  ['2026-11-20', '2026-11-10'],
  ['2026-11-23T14:10:00Z', '2026-11-23T14:00:00Z'],
]
const invalidDateRanges: unknown[] = [
  '0d',
  '5001d',
  '101mo',
  '999999999mo',
  'realtime',
  '30m',
  '-1d',
  'fortnight',
  '7d\n',
  7,
  null,
  ['2026-11-01'],
  ['2026-11-01', '2026-11-02', '2026-11-03'],
  ['2026-02-30', '2026-03-01'],
  ['2026-11-23T14:00:00', '2026-11-23T14:10:00'],
  ['2026-11-23T14:00:00-00:00', '2026-11-23T14:10:00Z'],
  ['2026-11-23T14:00:00-25:00', '2026-11-23T14:10:00-25:00'],
  ['2026-11-23T14:00Z', '2026-11-23T14:10Z'],
  ['2026-11-23T14:00:00Z', '2026-11-24'],
  ['21415-00', 'eee'],
]

export function queryGenerator(seed: number, site: string): Generator {
  const random = seededRandom(seed)
  /** A clean query draws no malformed part: only how its parts go together can be refused. */
  let clean = false
  const chance = (p: number): boolean => random() < p
  /** The chance of a malformed part: none in a clean query. */
  const fault = (p: number): boolean => !clean && random() < p
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const some = <T>(list: readonly T[], max: number): T[] =>
    Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(list))

  function clauses(dimension: unknown): unknown {
    if (fault(0.04)) return 'not-a-list'
    if (fault(0.05)) return []
    if (dimension === 'visit:city') return chance(0.5) ? [2950159] : fault(0.5) ? [2950159, 'x'] : ['Berlin']
    if (dimension === 'visit:country')
      return [clean ? pick(['DE', 'de', 'FR']) : pick(['DE', 'de', 'USA', 'FR', 'Germany'])]
    if (dimension === 'segment') return fault(0.4) ? ['123'] : some([1, 2, 3, 4, 5, 6], 12)
    if (dimension === 'event:goal') return [pick(['Signup', 'Visit /pricing', 'Purchase', 'signup'])]
    if (fault(0.05)) return [123]
    return [pick(['/', '/pricing', 'Google', 'Chrome', 'pro', 'pageview', 'Signup', 'shop.example.com'])]
  }

  function leaf(): unknown[] {
    const operator = fault(0.05) ? pick(badOperators) : pick(operators)
    const dimension = fault(0.05)
      ? pick(badFilterDimensions)
      : pick(clean ? filterDimensions.filter((d) => d !== 'segment') : filterDimensions)
    const filter: unknown[] = [operator, dimension, clauses(dimension)]
    if (chance(0.12)) filter.push(fault(0.15) ? { case_sensitive: 'no' } : { case_sensitive: chance(0.5) })
    if (fault(0.02)) filter.push(true)
    return filter
  }

  function filter(depth: number): unknown {
    const roll = random()
    if (depth >= 3 || roll < 0.55) return leaf()
    if (roll < 0.7)
      return [
        pick(['and', 'or']),
        fault(0.05) ? [] : Array.from({ length: 1 + Math.floor(random() * 2) }, () => filter(depth + 1)),
      ]
    if (roll < 0.82) return ['not', filter(depth + 1)]
    if (roll < 0.97 || clean) return [pick(['has_done', 'has_not_done']), filter(depth + 1)]
    return pick([[], ['and'], ['not'], ['has_done'], 'foo'])
  }

  function query(): Record<string, unknown> {
    clean = chance(0.45)
    const body: Record<string, unknown> = { site_id: site }
    if (!fault(0.02)) {
      body.metrics = fault(0.03)
        ? pick([[], 'visitors'])
        : Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
            fault(0.04) ? pick(badMetrics) : pick(metrics),
          )
    }
    if (!fault(0.02)) body.date_range = fault(0.5) ? pick(invalidDateRanges) : pick(validDateRanges)
    if (chance(0.6)) {
      body.dimensions = fault(0.03)
        ? 'event:name'
        : Array.from({ length: Math.floor(random() * 3) }, () =>
            fault(0.05) ? pick(badDimensions) : pick(dimensions),
          )
    }
    if (chance(0.6))
      body.filters = fault(0.02)
        ? 'foobar'
        : Array.from({ length: 1 + Math.floor(random() * 2) }, () => filter(0))
    if (chance(0.2)) {
      const asked = [
        ...((body.metrics as unknown[]) ?? []),
        ...(Array.isArray(body.dimensions) ? body.dimensions : []),
      ]
      body.order_by = [
        [
          chance(0.8) && asked.length > 0 ? pick(asked) : pick([...metrics, ...dimensions, 'visssss']),
          fault(0.1) ? 'up' : pick(['asc', 'desc']),
        ],
      ]
    }
    if (chance(0.25)) {
      body.include = fault(0.05)
        ? 'foobar'
        : Object.fromEntries(
            some(
              clean
                ? ['time_labels', 'total_rows', 'imports']
                : ['time_labels', 'total_rows', 'imports', 'comparisons'],
              3,
            ).map((key) => [key, key === 'comparisons' ? {} : fault(0.1) ? 'yes' : chance(0.6)]),
          )
    }
    if (chance(0.15))
      body.pagination = clean
        ? { limit: pick([1, 10, 10_000]), offset: pick([0, 5]) }
        : { limit: pick([1, 10, 10_000, 10_001, 0, 1.5]), offset: pick([0, 5, -1]) }
    if (fault(0.03)) body.date = '2026-11-01'
    return body
  }

  return { query }
}
